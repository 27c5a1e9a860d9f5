import 'server-only';
import { AppError, notFound } from '@/lib/errors';
import type { AuditInput } from '@/lib/api/with-auth';
import { domainOf, type Principal } from '@/lib/auth/principal';
import { blockSending, getMailbox, resetPassword } from '@/lib/extmail/mailboxes';
import type { EnforcementReport } from '@/lib/mailboxes/schemas';
import { checkSendingEnforcement } from '@/lib/mailboxes/sending-enforcement';
import { previewQueueAction, runQueueAction } from '@/lib/queue/actions/service';
import type { ActionPreview, ActionResponse } from '@/lib/queue/actions/types';
import { hostQueue, snapshot } from '@/lib/queue/host-queues';
import { startScan } from '@/lib/queue/scan';
import type { ScanState } from '@/lib/queue/types';
import { otherUsersOnIps, queueEvidence } from './queue-evidence';
import type { ContainBody, ContainStep } from './schemas';

// Step 1: contain. Block sending (extman's disablesmtpd, with the honest
// answer whether Postfix enforces it), a generated password (returned once,
// never stored or audited), and the account's queued mail on hold — each
// through the module that owns it, each audited with the incident named.

type Audit = (entry: AuditInput) => Promise<void>;

export type IpChoice = { ip: string; messages: number; others: number };

export type ContainPreview = {
  blocked: boolean;
  enforcement: EnforcementReport;
  scan: ScanState;
  /** The queue-actions preview of holding the login's mail; null until the queue is indexed. */
  hold: ActionPreview | null;
  ips: IpChoice[];
};

export type ContainResult = {
  block?: { ok: true; blocked: true; wasBlocked: boolean | null; enforcement: EnforcementReport } | { ok: false; error: string };
  reset?: { ok: true; password: string; clearpwdErased: boolean } | { ok: false; error: string };
  hold?: { ok: true; user: ActionResponse; ips: { ip: string; response: ActionResponse | null; error: string | null }[] } | { ok: false; error: string };
};

/** The audit function of the request, with the incident named in every entry it writes. */
export function incidentAudit(audit: Audit, username: string): Audit {
  return (e) => audit({ ...e, params: { ...(e.params && typeof e.params === 'object' ? e.params : {}), incident: username } });
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The verdict of the incident's own host (the mailbox module checks every registered host). */
export function forHost(report: EnforcementReport, host: string): EnforcementReport {
  const mine = report.hosts.find((h) => h.host === host);
  if (!mine) return report;
  const { host: _h, ...verdict } = mine;
  return { ...verdict, hosts: report.hosts };
}

async function mailboxOr404(principal: Principal, username: string) {
  const box = await getMailbox(principal, username);
  if (!box) throw notFound('Mailbox');
  return box;
}

export async function containPreview(host: string, principal: Principal, username: string): Promise<ContainPreview> {
  const box = await mailboxOr404(principal, username);
  const hq = hostQueue(host);
  // A queue never read cannot be held from: start reading it (read-only) and say so.
  if (!hq.index && !hq.running) startScan(host, { mode: 'full' });
  const [enforcement, hold] = await Promise.all([
    checkSendingEnforcement(box.username).then((r) => forHost(r, host)),
    hq.index ? previewQueueAction(host, { action: 'hold', filter: { saslUser: box.username }, dryRun: true }, principal) : Promise.resolve(null),
  ]);
  let ips: IpChoice[] = [];
  if (hq.index) {
    const mine = queueEvidence(hq.index, principal).users.get(box.username.toLowerCase());
    const list = mine?.ips ?? [];
    const others = otherUsersOnIps(hq.index, box.username, list.map((i) => i.ip));
    ips = list.map((i) => ({ ip: i.ip, messages: i.messages, others: others.get(i.ip) ?? 0 }));
  }
  return { blocked: box.flags.disablesmtpd === true, enforcement, scan: snapshot(hq), hold, ips };
}

async function block(host: string, principal: Principal, username: string, audit: Audit): Promise<NonNullable<ContainResult['block']>> {
  try {
    const out = await blockSending(principal, username, true);
    const enforcement = forHost(await checkSendingEnforcement(out.username), host);
    await audit({
      action: 'mailbox.sending.block', target: out.username, domains: [out.domain], params: { blocked: true },
      result: { wasBlocked: out.wasBlocked, enforced: enforcement.enforced, evidence: 'evidence' in enforcement ? enforcement.evidence : null, reason: 'reason' in enforcement ? enforcement.reason : null },
      ok: true,
    });
    return { ok: true, blocked: true, wasBlocked: out.wasBlocked, enforcement };
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw err;
    await audit({ action: 'mailbox.sending.block', target: username, domains: [domainOf(username)], params: { blocked: true }, ok: false, error: message(err) }).catch(() => undefined);
    return { ok: false, error: message(err) };
  }
}

async function reset(principal: Principal, username: string, audit: Audit): Promise<NonNullable<ContainResult['reset']>> {
  try {
    const out = await resetPassword(principal, username, { generate: true });
    // The password itself never enters the audit log.
    await audit({ action: 'mailbox.password.reset', target: out.username, domains: [out.domain], params: { generated: true, scheme: out.scheme }, result: { clearpwdErased: out.clearpwdErased }, ok: true });
    return { ok: true, password: out.password ?? '', clearpwdErased: out.clearpwdErased };
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw err;
    await audit({ action: 'mailbox.password.reset', target: username, domains: [domainOf(username)], params: { generated: true }, ok: false, error: message(err) }).catch(() => undefined);
    return { ok: false, error: message(err) };
  }
}

/**
 * The login's own mail by its filter (confirmed by naming the login, as the
 * queue-actions rule asks), then each chosen IP's remaining mail. A long
 * hold comes back as a job to poll; the IPs then wait for a second call.
 */
async function hold(host: string, principal: Principal, username: string, body: Pick<ContainBody, 'ips' | 'previewId'>, audit: Audit): Promise<NonNullable<ContainResult['hold']>> {
  try {
    const user = await runQueueAction(host, { action: 'hold', filter: { saslUser: username }, dryRun: false, confirm: username, previewId: body.previewId }, principal, audit);
    const ips: { ip: string; response: ActionResponse | null; error: string | null }[] = [];
    for (const ip of body.ips) {
      if (user.body.kind !== 'result') {
        ips.push({ ip, response: null, error: 'not started: the hold of the login’s own mail is still running' });
        continue;
      }
      try {
        const r = await runQueueAction(host, { action: 'hold', filter: { clientIp: ip }, dryRun: false, confirm: ip }, principal, audit);
        ips.push({ ip, response: r.body, error: null });
      } catch (err) {
        ips.push({ ip, response: null, error: message(err) });
      }
    }
    return { ok: true, user: user.body, ips };
  } catch (err) {
    return { ok: false, error: message(err) };
  }
}

export async function containRun(host: string, principal: Principal, username: string, body: ContainBody, audit: Audit): Promise<ContainResult> {
  const box = await mailboxOr404(principal, username);
  const named = incidentAudit(audit, box.username);
  const a: Audit = (e) => named({ host, ...e });
  const want = (s: ContainStep) => body.steps.includes(s);
  const out: ContainResult = {};
  // Block first: with enforcement on it stops the next session at once; the reset stops the thief's next login.
  if (want('block')) out.block = await block(host, principal, box.username, a);
  if (want('reset')) out.reset = await reset(principal, box.username, a);
  if (want('hold')) out.hold = await hold(host, principal, box.username, body, a);
  return out;
}
