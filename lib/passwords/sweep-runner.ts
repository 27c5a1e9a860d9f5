import 'server-only';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setPriority } from 'node:os';
import path from 'node:path';
import { recordAudit } from '@/lib/audit/record';
import { db, extmailDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { columnsOf, type ExtmailClient } from '@/lib/extman-tables/mailbox-client';
import { setSendingBlocked } from '@/lib/extman-tables/mailbox-write';
import { lockHolder, tryLock, type HeldLock } from '@/lib/locks/named-lock';
import { countMailboxes, fingerprint, mailboxesAfter, type StoredMailbox } from './hashes';
import type { ChildResult, FromChild } from './sweep-protocol';

// Runs one sweep in this console process: the named lock makes it the only
// one among every console process; the CPU work goes to a niced child
// process; progress and the cursor go to mw_password_sweep after each
// mailbox, so any process can show it, cancel it, and resume it after a crash.

export const SWEEP_LOCK = 'mailwarden-password-sweep';
// The child runs from the source tree under tsx (as server.ts does), not from
// the bundle: the path is kept out of the bundler's reach on purpose.
const CHILD = () => path.join(/* turbopackIgnore: true */ process.cwd(), 'lib', 'passwords', 'sweep-child.ts');
const BATCH = 50;
const POLL_MS = 1000;
const ADMIN_SCOPE = { role: 'admin' as const, domains: [] as string[] };

/** lockName: the benchmark sweeps a scratch database under a lock of its own, so a console's sweep is not refused meanwhile. */
export type SweepOptions = { duty?: number; patterns?: boolean; extmail?: ExtmailClient & Parameters<typeof countMailboxes>[0]; lockName?: string };

type Active = { id: string; child: ChildProcess | null; cancelled: boolean };
let active: Active | null = null;

/** Starts a new sweep, or resumes the last one when it was cancelled, interrupted or failed. */
export async function startSweep(actor: string, resume: boolean, opts: SweepOptions = {}) {
  const lock = await tryLock(opts.lockName ?? SWEEP_LOCK);
  if (!lock) throw new AppError('conflict', 'A password sweep is already running (in this or another console process).');
  try {
    const last = await db().mwPasswordSweep.findFirst({ orderBy: { startedAt: 'desc' } });
    const now = new Date();
    let row;
    if (resume && last && last.status !== 'done') {
      row = await db().mwPasswordSweep.update({
        where: { id: last.id },
        data: { status: 'running', lockConn: BigInt(lock.connectionId), updatedAt: now, error: null, finishedAt: null },
      });
    } else {
      row = await db().mwPasswordSweep.create({
        data: { id: randomUUID(), status: 'running', actor, lockConn: BigInt(lock.connectionId), startedAt: now, updatedAt: now },
      });
    }
    void run(row.id, lock, opts);
    return row;
  } catch (err) {
    await lock.release();
    throw err;
  }
}

/** Asks the running sweep to stop, whichever process runs it; it stops within a second. */
export async function cancelSweep(): Promise<boolean> {
  const { count } = await db().mwPasswordSweep.updateMany({ where: { status: 'running' }, data: { status: 'cancelling', updatedAt: new Date() } });
  if (active) {
    active.cancelled = true;
    active.child?.kill('SIGTERM');
  }
  return count > 0;
}

/** The last sweep as it stands; one whose process died reads as interrupted. */
export async function sweepStatus() {
  const last = await db().mwPasswordSweep.findFirst({ orderBy: { startedAt: 'desc' } });
  if (!last) return null;
  let status = last.status;
  if ((status === 'running' || status === 'cancelling') && (await lockHolder(SWEEP_LOCK)) !== Number(last.lockConn)) status = 'interrupted';
  return { ...last, status, lockConn: undefined, elapsedMs: Number(last.elapsedMs) };
}

function startChild(opts: SweepOptions): Promise<{ child: ChildProcess; test: (m: StoredMailbox) => Promise<ChildResult>; candidates: number }> {
  const child = fork(/* turbopackIgnore: true */ CHILD(), [], {
    execArgv: ['--require', 'tsx/cjs'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'json',
  });
  // Below every request of the console: the scheduler gives the CPU to the console first.
  if (child.pid) {
    try {
      setPriority(child.pid, 19);
    } catch {
      /* not allowed: the duty cycle still holds it back */
    }
  }
  let waiting: { resolve: (r: ChildResult) => void; reject: (e: Error) => void } | null = null;
  let ready: ((n: number) => void) | null = null;
  const fail = (e: Error) => {
    waiting?.reject(e);
    waiting = null;
  };
  child.on('message', (m: FromChild) => {
    if (m.type === 'ready') ready?.(m.candidates);
    else if (m.type === 'error') fail(new Error(`sweep worker: ${m.message}`));
    else if (waiting) {
      const w = waiting;
      waiting = null;
      w.resolve(m);
    }
  });
  child.on('exit', (code, signal) => fail(new Error(`sweep worker ended (${signal ?? code})`)));
  const test = (m: StoredMailbox) =>
    new Promise<ChildResult>((resolve, reject) => {
      waiting = { resolve, reject };
      child.send({ type: 'test', username: m.username, stored: m.stored });
    });
  return new Promise((resolve, reject) => {
    ready = (candidates) => resolve({ child, test, candidates });
    child.once('error', reject);
    child.once('exit', () => reject(new Error('sweep worker did not start')));
    child.send({ type: 'init', duty: opts.duty ?? 0.5, patterns: opts.patterns !== false, year: new Date().getUTCFullYear() });
  });
}

async function run(id: string, lock: HeldLock, opts: SweepOptions): Promise<void> {
  const me: Active = { id, child: null, cancelled: false };
  active = me;
  const client = opts.extmail ?? extmailDb();
  const t0 = Date.now();
  let lastPoll = 0;
  let row = await db().mwPasswordSweep.findUniqueOrThrow({ where: { id } });
  const baseElapsed = Number(row.elapsedMs);
  const stillWanted = async () => {
    if (me.cancelled) return false;
    if (Date.now() - lastPoll < POLL_MS) return true;
    lastPoll = Date.now();
    const r = await db().mwPasswordSweep.findUnique({ where: { id }, select: { status: true } });
    return r?.status === 'running';
  };
  // Cancellation from another process: poll while the child works.
  const poller = setInterval(
    () =>
      void stillWanted().then(
        (ok) => {
          if (!ok) {
            me.cancelled = true;
            me.child?.kill('SIGTERM');
          }
        },
        () => undefined,
      ),
    POLL_MS,
  );
  try {
    const hasClearpwd = (await columnsOf(client, 'mailbox')).has('clearpwd');
    const total = await countMailboxes(client);
    const worker = await startChild(opts);
    me.child = worker.child;
    row = await db().mwPasswordSweep.update({ where: { id }, data: { total, candidates: worker.candidates, updatedAt: new Date() } });
    let { cursor, done, untestable } = row;
    for (;;) {
      const batch = await mailboxesAfter(client, cursor, BATCH, hasClearpwd);
      if (batch.length === 0) break;
      for (const m of batch) {
        if (!(await stillWanted())) throw new Cancelled();
        const result = await worker.test(m);
        await recordFinding(id, row.actor, m, result, client);
        cursor = m.username;
        done++;
        if (result.outcome === 'untestable') untestable++;
        await db().mwPasswordSweep.update({
          where: { id },
          data: { cursor, done, untestable, updatedAt: new Date(), elapsedMs: BigInt(baseElapsed + Date.now() - t0) },
        });
      }
    }
    // Mailboxes deleted since an earlier sweep flagged them.
    await db().mwPasswordFlag.deleteMany({ where: { sweepId: { not: id } } });
    const flagged = await db().mwPasswordFlag.count();
    await db().mwPasswordSweep.update({
      where: { id },
      data: { status: 'done', flagged, finishedAt: new Date(), updatedAt: new Date(), elapsedMs: BigInt(baseElapsed + Date.now() - t0) },
    });
    await recordAudit({
      actor: row.actor,
      role: 'admin',
      action: 'mailbox.password.sweep.done',
      target: id,
      result: { mailboxes: done, flagged, untestable },
      ok: true,
    }).catch(() => undefined);
  } catch (err) {
    const cancelled = err instanceof Cancelled || me.cancelled;
    const flagged = await db()
      .mwPasswordFlag.count({ where: { sweepId: id } })
      .catch(() => 0);
    await db()
      .mwPasswordSweep.update({
        where: { id },
        data: {
          status: cancelled ? 'cancelled' : 'failed',
          flagged,
          error: cancelled ? null : err instanceof Error ? err.message.slice(0, 2000) : String(err),
          updatedAt: new Date(),
          elapsedMs: BigInt(baseElapsed + Date.now() - t0),
        },
      })
      .catch(() => undefined);
  } finally {
    clearInterval(poller);
    me.child?.kill('SIGTERM');
    if (active === me) active = null;
    await lock.release();
  }
}

class Cancelled extends Error {}

/** Keeps mw_password_flag in step with what one mailbox showed now. */
async function recordFinding(sweepId: string, actor: string, m: StoredMailbox, r: ChildResult, client: ExtmailClient): Promise<void> {
  const flagged = r.outcome === 'guessable' || m.clearpwd || r.plainStored;
  const now = new Date();
  const username = m.username.toLowerCase();
  if (!flagged) {
    const prev = await db().mwPasswordFlag.findUnique({ where: { username } });
    if (prev?.action === 'change-required' && prev.blockedBySweep) {
      // Changed to something the sweep cannot guess: sending comes back, as promised.
      await setSendingBlocked(client, ADMIN_SCOPE, m.username, false)
        .then(() =>
          recordAudit({
            actor,
            role: 'admin',
            action: 'mailbox.sending.unblock',
            target: m.username,
            domains: [m.domain],
            params: { via: 'password-sweep', reason: 'password changed' },
            ok: true,
          }),
        )
        .catch((err) =>
          recordAudit({
            actor,
            role: 'admin',
            action: 'mailbox.sending.unblock',
            target: m.username,
            domains: [m.domain],
            params: { via: 'password-sweep' },
            ok: false,
            error: String(err),
          }).catch(() => undefined),
        );
    }
    if (prev)
      await db()
        .mwPasswordFlag.delete({ where: { username } })
        .catch(() => undefined);
    return;
  }
  const f = r.finding;
  const guess = {
    guessSource: f?.source ?? null,
    guessPattern: f?.source === 'pattern' ? f.pattern : null,
    guessRank: f?.source === 'common' ? f.rank : null,
  };
  const data = {
    domain: m.domain,
    ...guess,
    clearpwd: m.clearpwd,
    plainStored: r.plainStored,
    scheme: r.scheme,
    hashFp: fingerprint(m.stored),
    sweepId,
    checkedAt: now,
  };
  // A reset leaves a generated password no sweep guesses: found guessable again, the reset no longer holds (the old value
  // was put back, or a new weak one set), and the flag is open again. "Change required" stays: its block still holds.
  const prev = await db().mwPasswordFlag.findUnique({ where: { username }, select: { action: true } });
  const reopened = prev?.action === 'reset' ? { action: null, actionBy: null, actionAt: null } : {};
  await db().mwPasswordFlag.upsert({ where: { username }, create: { username, ...data, foundAt: now }, update: { ...data, ...reopened } });
}
