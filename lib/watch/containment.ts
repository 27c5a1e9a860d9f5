import 'server-only';
import { recordAudit } from '@/lib/audit/record';
import { domainOf, type Principal } from '@/lib/auth/principal';
import { db } from '@/lib/db';
import { blockSending } from '@/lib/mailboxes/verbs';
import { checkSendingEnforcement } from '@/lib/mailboxes/sending-enforcement';
import { idBatches, movedIds } from '@/lib/postfix/postsuper';
import { hostQueue } from '@/lib/queue/host-queues';
import { noteActed } from '@/lib/queue/index-moves';
import { execOnHost } from '@/lib/ssh/host-exec';
import { postfixTools } from '@/lib/ssh/postfix-tools';
import type { ContainmentRecord } from './alert-view';

// Automatic containment (off unless an admin turns it on): when a SASL user
// crosses the hard threshold, its queued mail is held and its sending
// blocked (extman's disablesmtpd, through the mailbox module), and the
// verdict on whether Postfix enforces the block is recorded beside it.
// Everything is in the audit log under the actor "watcher"; one click on the
// alert undoes it.

export const WATCHER: Principal = { username: 'watcher', role: 'admin', domains: [], sessionId: 'watcher' };

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/** `postsuper -h -` / `-H -` (mw-postfix hold / release) with the ids on stdin; returns the ids postsuper says it moved, and moves them in this process's queue index too. */
export async function postsuperMove(host: string, ids: Iterable<string>, flag: '-h' | '-H'): Promise<{ moved: string[]; error: string | null }> {
  const moved: string[] = [];
  for (const batch of idBatches(ids)) {
    try {
      const res = await execOnHost(host, postfixTools.queue(flag === '-h' ? 'hold' : 'release'), { stdin: `${batch.join('\n')}\n`, timeoutMs: 120_000 });
      const ids = movedIds(res.stderr, flag === '-h' ? 'placed on hold' : 'released from hold');
      moved.push(...ids);
      const ix = hostQueue(host).index;
      if (ix) noteActed(ix, ids, flag);
    } catch (err) {
      return { moved, error: message(err) };
    }
  }
  return { moved, error: null };
}

const verdict = (e: { enforced: boolean | 'unknown' }) => (e.enforced === true ? 'yes' : e.enforced === false ? 'no' : 'unknown');

export async function contain(opts: {
  host: string;
  alertId: bigint;
  user: string;
  queueIds: string[];
  messages: number;
  threshold: number;
}): Promise<ContainmentRecord> {
  const { host, alertId, user } = opts;
  let blocked = false;
  let error: string | undefined;
  try {
    await blockSending(WATCHER, user, true);
    blocked = true;
  } catch (err) {
    error = `blocking failed: ${message(err)}`;
  }
  const hold = await postsuperMove(host, opts.queueIds, '-h');
  if (hold.error) error = [error, `holding failed: ${hold.error}`].filter(Boolean).join('; ');
  let enforced = 'unknown';
  let enforcementReason: string | null = null;
  if (blocked) {
    try {
      const e = await checkSendingEnforcement(user);
      enforced = verdict(e);
      enforcementReason = 'reason' in e ? e.reason : e.evidence;
    } catch (err) {
      enforcementReason = message(err);
    }
  }
  const record: ContainmentRecord = {
    state: blocked || hold.moved.length > 0 ? 'active' : 'failed',
    user,
    at: new Date().toISOString(),
    heldIds: hold.moved,
    holdErrors: hold.error ? 1 : 0,
    blocked,
    enforced,
    enforcementReason,
    ...(error ? { error } : {}),
  };
  await db().mwAlert.update({ where: { id: alertId }, data: { containment: record as unknown as object } });
  await recordAudit({
    actor: WATCHER.username,
    role: 'system',
    action: 'watch.contain',
    target: user,
    host,
    domains: [domainOf(user)],
    params: { alertId: alertId.toString(), messagesLastHour: opts.messages, threshold: opts.threshold, queueIdsSeen: opts.queueIds.length },
    result: { held: hold.moved.length, blocked, enforced, enforcementReason },
    ok: !error,
    error: error ?? null,
  });
  return record;
}

/** Later submissions of a contained user: held as the log shows them. */
export async function holdMore(host: string, alertId: bigint, ids: string[]): Promise<{ moved: string[]; error: string | null }> {
  const res = await postsuperMove(host, ids, '-h');
  if (res.moved.length === 0) return res;
  const row = await db().mwAlert.findUnique({ where: { id: alertId }, select: { containment: true } });
  const c = row?.containment as ContainmentRecord | null;
  const next = c ? { ...c, heldIds: [...new Set([...c.heldIds, ...res.moved])], holdErrors: c.holdErrors + (res.error ? 1 : 0) } : null;
  // Only while still active: a release that came in meanwhile wins, and what we just held goes back.
  const updated = next
    ? await db().$executeRaw`UPDATE mw_alert SET containment = ${JSON.stringify(next)} WHERE id = ${alertId} AND JSON_VALUE(containment, '$.state') = 'active'`
    : 0;
  if (updated === 0) await postsuperMove(host, res.moved, '-H');
  return res;
}

export type ReleaseOutcome = { host: string | null; user: string | null; held: number; released: number; unblocked: boolean; errors: string[] };

/** The one-click release: held mail back to the queue, sending unblocked. The route writes the audit entry. */
export async function release(principal: Principal, alertId: bigint): Promise<ReleaseOutcome> {
  const row = await db().mwAlert.findUnique({ where: { id: alertId }, select: { host: true, containment: true } });
  const c = row?.containment as ContainmentRecord | null;
  if (!row || !c || c.state !== 'active')
    return { host: row?.host ?? null, user: c?.user ?? null, held: 0, released: 0, unblocked: false, errors: ['nothing is contained for this alert'] };
  // Stop the watcher holding more first; the release below then catches everything held so far.
  const releasedAt = new Date().toISOString();
  await db().mwAlert.update({
    where: { id: alertId },
    data: { containment: { ...c, state: 'released', releasedAt, releasedBy: principal.username } as unknown as object },
  });
  const fresh = ((await db().mwAlert.findUnique({ where: { id: alertId }, select: { containment: true } }))?.containment ?? c) as ContainmentRecord;
  const errors: string[] = [];
  const res = await postsuperMove(row.host, fresh.heldIds, '-H');
  if (res.error) errors.push(`release failed: ${res.error}`);
  let unblocked = false;
  if (c.blocked) {
    try {
      await blockSending(principal, c.user, false);
      unblocked = true;
    } catch (err) {
      errors.push(`unblocking failed: ${message(err)}`);
    }
  }
  return { host: row.host, user: c.user, held: fresh.heldIds.length, released: res.moved.length, unblocked, errors };
}
