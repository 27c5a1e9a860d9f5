import 'server-only';
import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '@/lib/errors';
import type { Principal } from '@/lib/auth/principal';
import { db } from '@/lib/db';
import { getMailbox } from '@/lib/mailboxes/verbs';
import { execOnHost, HostError } from '@/lib/ssh/host-exec';
import { MW_MAILDIR } from '@/lib/ssh/command';
import { postfixTools } from '@/lib/ssh/postfix-tools';
import { maildirPath, maildirRelative, MaildirPathError, quarantineFolder } from './maildir-path';
import { parseMoveOutput, parseScanOutput, type BackscatterMessage, type BounceReason } from './maildir-protocol';

// The seed's `find cur/ -ctime -1 -exec rm -f {} \;`, made safe: the
// bounces are listed first (preview), then moved into a quarantine folder of
// the same Maildir (never deleted), and the move can be undone. All of it
// runs on the host as the mail owner through scripts/host/mw-maildir; the
// names travel on stdin.

const PREVIEW_TTL_MS = 30 * 60_000;
const SAMPLES = 15;

export type BackscatterPreview = {
  previewId: string;
  maildir: string;
  since: number;
  count: number;
  bytes: number;
  scanned: number;
  byReason: Record<BounceReason, number>;
  samples: BackscatterMessage[];
};

export type QuarantineResult = {
  quarantineId: string;
  folder: string;
  requested: number;
  moved: number;
  gone: number;
  exists: number;
  bytes: number;
  error: string | null;
};
export type RestoreResult = { quarantineId: string; folder: string; restored: number; gone: number; exists: number; error: string | null };
export type QuarantineRow = { id: string; folder: string; moved: number; restored: number; restoredAt: string | null; at: string; actor: string };

// Previews live in mw_backscatter_preview, so the quarantine may reach any
// console process; the process that runs one takes (deletes) its row first,
// so one preview moves mail once.
async function savePreview(id: string, p: { host: string; user: string; rel: string; names: string[]; bytes: number; at: number }) {
  await db().mwBackscatterPreview.deleteMany({ where: { createdAt: { lt: new Date(p.at - PREVIEW_TTL_MS) } } });
  await db().mwBackscatterPreview.create({
    data: { id, host: p.host, username: p.user, maildir: p.rel, names: p.names.join('\n'), bytes: BigInt(p.bytes), createdAt: new Date(p.at) },
  });
}

async function takePreview(id: string) {
  const row = await db().mwBackscatterPreview.findUnique({ where: { id } });
  if (!row || Date.now() - row.createdAt.getTime() > PREVIEW_TTL_MS) return null;
  const { count } = await db().mwBackscatterPreview.deleteMany({ where: { id } });
  if (count !== 1) return null;
  return { host: row.host, user: row.username, rel: row.maildir, names: row.names.split('\n').filter(Boolean), bytes: Number(row.bytes) };
}

async function target(host: string, principal: Principal, username: string) {
  const box = await getMailbox(principal, username);
  if (!box) throw notFound('Mailbox');
  try {
    const rel = maildirRelative(box.maildir);
    const base = await execOnHost(host, postfixTools.config(['-h'], ['virtual_mailbox_base']));
    const abs = maildirPath(base.stdout.trim() || '/', rel);
    return { username: box.username, domain: box.domain, rel, abs };
  } catch (err) {
    if (err instanceof MaildirPathError) throw new AppError('conflict', err.message);
    throw err;
  }
}

function helper(host: string, args: string[], stdin?: string) {
  return execOnHost(host, { program: MW_MAILDIR, args, sudo: 'vmail' }, { stdin, timeoutMs: 300_000, maxOutputBytes: 64 * 1024 * 1024 });
}

const firstLine = (s: string) =>
  s
    .split('\n')
    .map((l) => l.replace(/^mw-maildir: /, '').trim())
    .find(Boolean) ?? '';

export async function previewBackscatter(
  host: string,
  principal: Principal,
  username: string,
  since: number,
): Promise<BackscatterPreview & { domain: string }> {
  const t = await target(host, principal, username);
  const out = await helper(host, ['scan', t.rel, String(Math.max(0, Math.floor(since)))]);
  if (out.exitCode !== 0) throw new HostError('command_failed', `mw-maildir scan failed on ${host}: ${firstLine(out.stderr) || `exit code ${out.exitCode}`}`);
  const scan = parseScanOutput(out.stdout);
  const byReason: Record<BounceReason, number> = { 'return-path': 0, 'mailer-daemon': 0, report: 0 };
  let bytes = 0;
  for (const m of scan.messages) {
    byReason[m.why]++;
    bytes += m.size;
  }
  const previewId = randomUUID();
  await savePreview(previewId, { host, user: t.username.toLowerCase(), rel: t.rel, names: scan.messages.map((m) => m.name), bytes, at: Date.now() });
  const samples = [...scan.messages].sort((a, b) => b.mtime - a.mtime).slice(0, SAMPLES);
  return { previewId, maildir: t.abs, since, count: scan.messages.length, bytes, scanned: scan.scanned, byReason, samples, domain: t.domain };
}

/** Moves exactly what the preview listed; what moved is stored before anything else can fail. */
export async function quarantineBackscatter(
  host: string,
  principal: Principal,
  username: string,
  previewId: string,
): Promise<QuarantineResult & { domain: string }> {
  const t = await target(host, principal, username);
  const p = await takePreview(previewId);
  if (!p || p.host !== host || p.user !== t.username.toLowerCase() || p.rel !== t.rel)
    throw new AppError('conflict', 'That preview has expired or belongs to another mailbox; preview again.');
  const folder = quarantineFolder(new Date());
  let stdout = '';
  let error: string | null = null;
  try {
    const out = await helper(host, ['quarantine', t.rel, folder], p.names.join('\n') + '\n');
    stdout = out.stdout;
    if (out.exitCode !== 0) error = firstLine(out.stderr) || `exit code ${out.exitCode}`;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const moved = parseMoveOutput(stdout);
  const bytesPerName = p.names.length ? p.bytes / p.names.length : 0;
  const row = await db().mwQuarantine.create({
    data: {
      host,
      username: t.username,
      maildir: t.rel,
      folder,
      names: moved.done.join('\n'),
      moved: moved.done.length,
      bytes: BigInt(Math.round(bytesPerName * moved.done.length)),
      actor: principal.username,
    },
  });
  return {
    quarantineId: row.id.toString(),
    folder,
    requested: p.names.length,
    moved: moved.done.length,
    gone: moved.gone.length,
    exists: moved.exists.length,
    bytes: Number(row.bytes),
    error,
    domain: t.domain,
  };
}

export async function undoQuarantine(host: string, principal: Principal, username: string, quarantineId: string): Promise<RestoreResult & { domain: string }> {
  const t = await target(host, principal, username);
  const row = /^\d{1,18}$/.test(quarantineId) ? await db().mwQuarantine.findUnique({ where: { id: BigInt(quarantineId) } }) : null;
  if (!row || row.host !== host || row.username.toLowerCase() !== t.username.toLowerCase()) throw notFound('Quarantine');
  if (row.restoredAt) throw new AppError('conflict', `This quarantine was already undone at ${row.restoredAt.toISOString()}.`);
  const names = row.names.split('\n').filter(Boolean);
  let stdout = '';
  let error: string | null = null;
  try {
    const out = await helper(host, ['restore', row.maildir, row.folder], names.join('\n') + '\n');
    stdout = out.stdout;
    if (out.exitCode !== 0) error = firstLine(out.stderr) || `exit code ${out.exitCode}`;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const back = parseMoveOutput(stdout);
  // Marked undone only when nothing is left to move back; a partial undo can be run again.
  const left = names.filter((n) => !back.done.includes(n) && !back.gone.includes(n));
  await db().mwQuarantine.update({
    where: { id: row.id },
    data: { restored: { increment: back.done.length }, names: left.join('\n'), ...(left.length === 0 ? { restoredAt: new Date() } : {}) },
  });
  return { quarantineId, folder: row.folder, restored: back.done.length, gone: back.gone.length, exists: back.exists.length, error, domain: t.domain };
}

export async function listQuarantines(host: string, username: string): Promise<QuarantineRow[]> {
  const rows = await db().mwQuarantine.findMany({
    where: { host, username },
    orderBy: { id: 'desc' },
    take: 20,
    select: { id: true, folder: true, moved: true, restored: true, restoredAt: true, createdAt: true, actor: true },
  });
  return rows.map((r) => ({
    id: r.id.toString(),
    folder: r.folder,
    moved: r.moved,
    restored: r.restored,
    restoredAt: r.restoredAt?.toISOString() ?? null,
    at: r.createdAt.toISOString(),
    actor: r.actor,
  }));
}
