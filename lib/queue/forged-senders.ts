import 'server-only';
import { Prisma } from '@/lib/generated/mailwarden/client';
import { db } from '@/lib/db';

// The forged senders of a SASL login per host, in MariaDB (mw_forged_sender),
// so the bounceOf filter still finds the bounces to them after the login's
// own mail was deleted, after a restart and in every console process.
// Bounded: at most MAX_PER_LOGIN senders per login (two processes adding at
// the same moment can pass it by one batch each), rows first seen more than
// KEEP_MS ago are pruned. What this process wrote recently is kept in
// memory only to skip writing it again — a cache any process rebuilds.

export const MAX_PER_LOGIN = 50_000;
const BATCH = 1_000;
const KEEP_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;
const CACHE_MS = 10 * 60_000;
const MAX_CACHED = 200;

const key = (host: string, login: string) => `${host}\n${login.toLowerCase()}`;
const written = new Map<string, { at: number; senders: Set<string> }>();
let prunedAt = 0;

/** The senders to add: new ones, lower case, as many as the login's bound leaves room for. Pure. */
export function sendersToAdd(stored: ReadonlySet<string>, seen: Iterable<string>, max = MAX_PER_LOGIN): string[] {
  const room = max - stored.size;
  const out = new Set<string>();
  if (room <= 0) return [];
  for (const raw of seen) {
    const s = raw.trim().toLowerCase();
    if (!s || s.length > 320 || stored.has(s)) continue;
    out.add(s);
    if (out.size >= room) break;
  }
  return [...out];
}

/** Every forged sender stored for the login on the host (lower case). */
export async function loadSenders(host: string, login: string, max = MAX_PER_LOGIN): Promise<Set<string>> {
  const rows = await db().mwForgedSender.findMany({ where: { host, login: login.toLowerCase() }, select: { sender: true }, take: max });
  const senders = new Set(rows.map((r) => r.sender));
  remember(host, login, senders);
  return senders;
}

/** Adds the senders seen for the login (the queue's, the maillog's); those stored already cost nothing. */
export async function storeSenders(host: string, login: string, seen: Iterable<string>, max = MAX_PER_LOGIN): Promise<number> {
  const k = key(host, login);
  const cached = written.get(k);
  const stored = cached && Date.now() - cached.at < CACHE_MS ? cached.senders : await loadSenders(host, login, max);
  const add = sendersToAdd(stored, seen, max);
  if (add.length === 0) return 0;
  const seenAt = new Date();
  let added = 0;
  for (let i = 0; i < add.length; i += BATCH) {
    const batch = add.slice(i, i + BATCH);
    // One multi-row INSERT IGNORE per batch: createMany went slower here (15,029 senders took 7.8 s).
    const values = batch.map((sender) => Prisma.sql`(${host}, ${login.toLowerCase()}, ${sender}, ${seenAt})`);
    added += await db().$executeRaw`INSERT IGNORE INTO mw_forged_sender (host, login, sender, seen_at) VALUES ${Prisma.join(values)}`;
    for (const s of batch) stored.add(s);
  }
  await prune(seenAt.getTime());
  return added;
}

function remember(host: string, login: string, senders: Set<string>) {
  if (written.size >= MAX_CACHED) written.clear();
  written.set(key(host, login), { at: Date.now(), senders });
}

async function prune(now: number) {
  if (now - prunedAt < PRUNE_EVERY_MS) return;
  prunedAt = now;
  await db().mwForgedSender.deleteMany({ where: { seenAt: { lt: new Date(now - KEEP_MS) } } });
  // Pruned rows may sit in the cache: read the table again next time.
  written.clear();
}
