import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { canAccessAddress, type Principal } from '@/lib/auth/principal';
import { extmailDb } from '@/lib/db';
import { presentColumns } from '@/lib/extman-tables/columns';
import { parseExtmailDate } from '@/lib/extman-tables/dates';
import { aggregateHostLogs } from '@/lib/maillog/scan';
import { resolveRange, type ScanInfo } from '@/lib/maillog/schemas';
import { guessableLogins } from '@/lib/passwords/guessable';
import { hostQueue, snapshot } from '@/lib/queue/host-queues';
import type { ScanState } from '@/lib/queue/types';
import { LOG_NEEDLES, logEvidenceAggregator, summarizeLog, type LogUserEvidence } from './log-evidence';
import { queueEvidence, type QueueEvidence, type QueueUserEvidence } from './queue-evidence';
import { scoreUser, splitSuspects } from './score';
import type { Suspect } from './types';

export type { Suspect } from './types';

// The suspects of one host: every SASL login the queue index or the last
// week of maillog knows, scored, highest first, within the principal's
// domains. Either source may be missing (never scanned, log unreadable): the
// answer says which, and scores on what there is.

export const RECENT_MS = 24 * 3_600_000;

export type LogState = { ok: true; scan: ScanInfo } | { ok: false; error: string };

export type HostEvidence = {
  host: string;
  queue: { scan: ScanState; evidence: QueueEvidence | null };
  log: LogState;
  logUsers: Map<string, LogUserEvidence>;
};

export async function hostEvidence(host: string, principal: Principal, now = Date.now()): Promise<HostEvidence> {
  const hq = hostQueue(host);
  const evidence = hq.index ? queueEvidence(hq.index, principal) : null;
  let log: LogState;
  let logUsers = new Map<string, LogUserEvidence>();
  try {
    const { result, scan } = await aggregateHostLogs({
      host,
      key: 'incident-evidence',
      needles: LOG_NEEDLES,
      make: logEvidenceAggregator,
      range: resolveRange({}, now),
      limit: 0,
    });
    logUsers = summarizeLog(result, { now, recentMs: RECENT_MS });
    log = { ok: true, scan };
  } catch (err) {
    log = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  for (const key of [...logUsers.keys()]) if (!canAccessAddress(principal, key)) logUsers.delete(key);
  return { host, queue: { scan: snapshot(hq), evidence }, log, logUsers };
}

type MailboxFacts = { createdIso: string | null; blocked: boolean | null };

async function mailboxFacts(users: string[]): Promise<Map<string, MailboxFacts>> {
  const out = new Map<string, MailboxFacts>();
  if (users.length === 0) return out;
  const cols = await presentColumns('mailbox');
  const flag = cols.has('disablesmtpd') ? Prisma.sql`disablesmtpd` : Prisma.sql`NULL`;
  const rows = await extmailDb().$queryRaw<{ username: string; createdate: string | null; blocked: number | bigint | null }[]>(
    Prisma.sql`SELECT username, CAST(createdate AS CHAR) AS createdate, ${flag} AS blocked FROM mailbox WHERE username IN (${Prisma.join(users)})`,
  );
  for (const r of rows) {
    out.set(r.username.toLowerCase(), { createdIso: parseExtmailDate(r.createdate).iso, blocked: r.blocked === null ? null : Number(r.blocked) === 1 });
  }
  return out;
}

export async function scoreEvidence(ev: HostEvidence, now = Date.now()): Promise<Suspect[]> {
  const queueUsers = ev.queue.evidence?.users ?? new Map<string, QueueUserEvidence>();
  const keys = [...new Set([...queueUsers.keys(), ...ev.logUsers.keys()])];
  const looked = keys.slice(0, 5000);
  const [facts, guessable] = await Promise.all([mailboxFacts(looked), guessableLogins(looked)]);
  const out: Suspect[] = [];
  for (const key of keys) {
    const queue = queueUsers.get(key);
    const log = ev.logUsers.get(key);
    const f = facts.get(key);
    const { score, reasons } = scoreUser({ queue, log, createdIso: f?.createdIso ?? null, guessable: guessable.get(key) ?? null, now });
    const since = log?.burstStart ?? (queue ? queue.firstArrival * 1000 : null);
    out.push({
      host: ev.host,
      user: queue?.user ?? log?.user ?? key,
      score,
      reasons,
      queued: queue?.messages ?? 0,
      forged: queue?.forged ?? 0,
      held: queue?.held ?? 0,
      ips: (queue?.ips ?? []).slice(0, 20),
      ipCount: queue?.ips.length ?? 0,
      blocked: f?.blocked ?? null,
      mailbox: f !== undefined,
      since,
      log: log ? { messages: log.recent.messages, ips: log.ips.length, failures: log.failures } : null,
    });
  }
  return out.sort((a, b) => b.score - a.score || b.queued - a.queued || a.user.localeCompare(b.user));
}

/** Suspects (at or above SUSPECT_SCORE) and the others with points, each list highest first. */
export async function findSuspects(host: string, principal: Principal, limit = 50) {
  const ev = await hostEvidence(host, principal);
  const { suspects, others } = splitSuspects(await scoreEvidence(ev));
  return {
    host,
    suspects: suspects.slice(0, limit),
    others: others.slice(0, limit),
    queue: { scan: ev.queue.scan, indexed: ev.queue.evidence !== null },
    log: ev.log,
  };
}

/** One login's score with the evidence behind it, for the respond page. */
export async function suspectDetail(host: string, principal: Principal, username: string) {
  const ev = await hostEvidence(host, principal);
  const key = username.toLowerCase();
  const all = await scoreEvidence({
    ...ev,
    queue: { ...ev.queue, evidence: ev.queue.evidence && { ...ev.queue.evidence, users: new Map([...ev.queue.evidence.users].filter(([k]) => k === key)) } },
    logUsers: new Map([...ev.logUsers].filter(([k]) => k === key)),
  });
  const suspect = all[0] ?? null;
  return { host, suspect, log: ev.logUsers.get(key) ?? null, logState: ev.log, queue: { scan: ev.queue.scan, indexed: ev.queue.evidence !== null } };
}
