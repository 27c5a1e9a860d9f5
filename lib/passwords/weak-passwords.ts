import 'server-only';
import { extmailDb, db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { AuditInput } from '@/lib/api/with-auth';
import type { Principal } from '@/lib/auth/principal';
import { blockSending, getMailbox, resetPassword } from '@/lib/mailboxes/verbs';
import { fingerprintsOf } from './hashes';
import type { ApplyResult, FlagView, PreviewResult, WeakAction, WeakPasswordsView } from './schemas';
import { sweepStatus } from './sweep-runner';

// The list the sweep leaves, and the two remedies taken from it: reset
// (a generated password, shown once, through the mailbox reset code) or
// "change required". extman has no must-change flag (disablepwdchange is the
// opposite: it forbids a change), so "change required" blocks SMTP AUTH
// (disablesmtpd) until the user changes the password in webmail; the next
// sweep that finds the new one unguessable lifts the block it set.

type Audit = (e: AuditInput) => Promise<void>;

export async function weakPasswords(): Promise<WeakPasswordsView> {
  const [s, rows] = await Promise.all([sweepStatus(), db().mwPasswordFlag.findMany({ orderBy: { username: 'asc' } })]);
  const fps = await fingerprintsOf(
    extmailDb(),
    rows.map((r) => r.username),
  );
  const flags: FlagView[] = rows.map((r) => ({
    username: r.username,
    domain: r.domain,
    finding:
      r.guessSource === 'pattern'
        ? { source: 'pattern', pattern: r.guessPattern ?? '' }
        : r.guessSource === 'common'
          ? { source: 'common', rank: r.guessRank ?? 0 }
          : r.guessSource === 'console-list'
            ? { source: 'console-list' }
            : null,
    clearpwd: r.clearpwd,
    plainStored: r.plainStored,
    scheme: r.scheme,
    foundAt: r.foundAt.toISOString(),
    checkedAt: r.checkedAt.toISOString(),
    action: (r.action as FlagView['action']) ?? null,
    actionBy: r.actionBy,
    actionAt: r.actionAt?.toISOString() ?? null,
    changedSince: fps.has(r.username) && fps.get(r.username) !== r.hashFp,
  }));
  const sweep = s && {
    id: s.id,
    status: s.status as NonNullable<WeakPasswordsView['sweep']>['status'],
    actor: s.actor,
    total: s.total,
    done: s.done,
    flagged: s.status === 'running' ? rows.filter((r) => r.sweepId === s.id).length : s.flagged,
    untestable: s.untestable,
    candidates: s.candidates,
    error: s.error,
    startedAt: s.startedAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    finishedAt: s.finishedAt?.toISOString() ?? null,
    elapsedMs: s.elapsedMs,
  };
  return { sweep, flags };
}

/** Which of these are on the list now (and so would be acted on). */
export async function previewAction(action: WeakAction, usernames: string[]): Promise<PreviewResult> {
  const wanted = [...new Set(usernames.map((u) => u.toLowerCase()))];
  const rows = await db().mwPasswordFlag.findMany({ where: { username: { in: wanted } }, select: { username: true } });
  const on = new Set(rows.map((r) => r.username));
  return { action, count: on.size, usernames: wanted.filter((u) => on.has(u)), skipped: wanted.filter((u) => !on.has(u)) };
}

export async function applyAction(principal: Principal, action: WeakAction, usernames: string[], expectCount: number, audit: Audit): Promise<ApplyResult> {
  const preview = await previewAction(action, usernames);
  if (preview.count !== expectCount) {
    throw new AppError(
      'conflict',
      `The list changed: ${preview.count} of these mailboxes are flagged now, the preview showed ${expectCount}. Nothing was done; preview again.`,
      { count: preview.count },
    );
  }
  await audit({
    action: `mailbox.password.weak.${action}`,
    target: `${preview.count} mailboxes`,
    params: { count: preview.count, usernames: preview.usernames.slice(0, 100) },
    ok: true,
  });
  const results: ApplyResult['results'] = [];
  for (const username of preview.usernames) {
    const flag = await db().mwPasswordFlag.findUnique({ where: { username } });
    const pattern =
      flag?.guessSource === 'common' ? `common list #${flag.guessRank}` : (flag?.guessPattern ?? flag?.guessSource ?? (flag?.clearpwd ? 'clearpwd' : null));
    try {
      if (action === 'reset') {
        const out = await resetPassword(principal, username, { generate: true });
        await audit({
          action: 'mailbox.password.reset',
          target: out.username,
          domains: [out.domain],
          params: { generated: true, scheme: out.scheme, via: 'weak-password-sweep', finding: pattern },
          result: { clearpwdErased: out.clearpwdErased },
          ok: true,
        });
        await db().mwPasswordFlag.update({ where: { username }, data: { action: 'reset', actionBy: principal.username, actionAt: new Date() } });
        results.push({ username: out.username, ok: true, password: out.password });
      } else {
        const box = await getMailbox(principal, username);
        if (!box) throw new AppError('not_found', 'Mailbox not found.');
        const out = await blockSending(principal, username, true);
        const userCannotChange = box.disablepwdchange === true;
        await audit({
          action: 'mailbox.password.require-change',
          target: out.username,
          domains: [out.domain],
          params: { via: 'weak-password-sweep', finding: pattern },
          result: { smtpAuthBlocked: true, wasBlocked: out.wasBlocked, userCannotChange },
          ok: true,
        });
        await db().mwPasswordFlag.update({
          where: { username },
          data: { action: 'change-required', actionBy: principal.username, actionAt: new Date(), blockedBySweep: out.wasBlocked !== true },
        });
        results.push({ username: out.username, ok: true, userCannotChange });
      }
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await audit({
        action: action === 'reset' ? 'mailbox.password.reset' : 'mailbox.password.require-change',
        target: username,
        params: { via: 'weak-password-sweep' },
        ok: false,
        error,
      }).catch(() => undefined);
      results.push({ username, ok: false, error });
    }
  }
  return { action, results };
}
