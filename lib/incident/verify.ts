import 'server-only';
import type { Principal } from '@/lib/auth/principal';
import { postconfEffective } from '@/lib/hardening/host-io';
import { checkSendingEnforcement } from '@/lib/mailboxes/sending-enforcement';
import { loginOf } from './contain';
import { forHost } from './host-verdict';
import { isBlockedOn } from './enforcement';
import { INCIDENT_ACTIONS } from './report';
import { incidentRows } from './report-load';
import { suspectDetail } from './suspects';
import type { EnforcementReport } from '@/lib/mailboxes/schemas';
import type { ProbeLogin } from '@/lib/probes/conversation';
import type { ProbeName, ProbeResult, ProbeWarning } from '@/lib/probes/probe-defs';
import { runProbesOnHost, type ProbeRun } from '@/lib/probes/run-probes';
import { FLAG_ALIVE, queueName } from '@/lib/queue/index-store';
import { hostQueue } from '@/lib/queue/host-queues';
import { scanSettled, startScan } from '@/lib/queue/scan';
import { NONE } from '@/lib/queue/string-pool';

// Step 4: prove it. Live probes through the probes module, and two counts of
// the queue a minute apart that show the account's mail stopped arriving.
//
// Which probes: with the account's NEW password, a blocked account whose
// block Postfix enforces must be refused outright (blocked-login, 554) —
// check_sasl_access runs before the sender check, so it can no longer show
// the 553. An account that can still log in must get 553 for a forged
// sender and 250 for its own. Another mailbox's login (optional) proves the
// forged-sender rule for everybody else.

export type VerifyRun = { login: 'account' | 'other' | null; username: string | null; results: ProbeResult[] };
export type ProbesOutcome = {
  untested: string | null;
  blocked: boolean;
  enforcement: EnforcementReport;
  runs: VerifyRun[];
  warnings: ProbeWarning[];
  passed: number;
  total: number;
  source: string | null;
  domain: string;
};

export function plannedProbes(opts: { blocked: boolean; enforced: boolean; hasPassword: boolean; hasOther: boolean }): {
  account: ProbeName[];
  other: ProbeName[];
} {
  const account: ProbeName[] = !opts.hasPassword
    ? []
    : opts.blocked && opts.enforced
      ? ['blocked-login']
      : opts.blocked
        ? ['blocked-login', 'forged-sender', 'own-sender']
        : ['forged-sender', 'own-sender'];
  return { account, other: opts.hasOther ? ['forged-sender', 'own-sender'] : [] };
}

export async function verifyProbes(
  host: string,
  principal: Principal,
  username: string,
  logins: { password?: string; other?: ProbeLogin },
): Promise<ProbesOutcome> {
  const { box, username: login, domain } = await loginOf(principal, username);
  const blocked = (await isBlockedOn(host, login)) || box?.flags.disablesmtpd === true;
  const enforcement = forHost(await checkSendingEnforcement(login), host);
  const plan = plannedProbes({ blocked, enforced: enforcement.enforced === true, hasPassword: !!logins.password, hasOther: !!logins.other });
  const mynetworks = (await postconfEffective(host, ['mynetworks']).catch(() => new Map<string, string>())).get('mynetworks');
  const runs: VerifyRun[] = [];
  const first: ProbeRun = await runProbesOnHost(
    host,
    ['relay', ...plan.account],
    logins.password ? { username: login, password: logins.password } : undefined,
    { mynetworks },
  );
  runs.push({ login: null, username: null, results: first.results.filter((r) => r.name === 'relay') });
  if (plan.account.length) runs.push({ login: 'account', username: login, results: first.results.filter((r) => r.name !== 'relay') });
  if (plan.other.length && logins.other) {
    const second = await runProbesOnHost(host, plan.other, logins.other, { mynetworks });
    runs.push({ login: 'other', username: logins.other.username, results: second.results });
  }
  const all = runs.flatMap((r) => r.results);
  // Without the login's password the block itself was not tested: say so, never count it as passed.
  const untested =
    plan.account.length === 0
      ? box
        ? 'no password for the login: the new one from step 1 is gone after a reload — reset it again in step 1, or enter a password it works with'
        : 'no password for the login: it has no mailbox row, so enter a password it works with to test the block live'
      : null;
  return {
    untested,
    blocked,
    enforcement,
    runs,
    warnings: first.warnings,
    passed: all.filter((r) => r.passed).length,
    total: all.length,
    source: first.source,
    domain,
  };
}

export type QueueCount = { at: string; total: number; byQueue: Record<string, number>; fromAccount: number; fromAccountNotHeld: number; newSince: number };

/** A fresh count (a refresh scan first): the whole queue, and the account's and its IPs' mail. */
export async function countForIncident(host: string, username: string, ips: string[], since: number | null): Promise<QueueCount> {
  const { state } = startScan(host, { mode: 'refresh' });
  if (state.status === 'running') await Promise.race([scanSettled(host), new Promise((r) => setTimeout(r, 120_000))]);
  const ix = hostQueue(host).index;
  const out: QueueCount = { at: new Date().toISOString(), total: 0, byQueue: {}, fromAccount: 0, fromAccountNotHeld: 0, newSince: 0 };
  if (!ix) return out;
  const user = username.toLowerCase();
  const ipIds = new Set(ips.map((ip) => ix.pool.find(ip)).filter((id) => id !== NONE));
  const sinceSec = since ? Math.floor(since / 1000) : Infinity;
  for (let r = 0; r < ix.length; r++) {
    if (!(ix.flags[r]! & FLAG_ALIVE)) continue;
    const q = queueName(ix.queue[r]!);
    out.total++;
    out.byQueue[q] = (out.byQueue[q] ?? 0) + 1;
    const mine = (ix.str('saslUser', r) ?? '').toLowerCase() === user || ipIds.has(ix.cols.clientIp[r]!);
    if (!mine) continue;
    out.fromAccount++;
    if (q !== 'hold') out.fromAccountNotHeld++;
    if (ix.arrival[r]! >= sinceSec) out.newSince++;
  }
  return out;
}

export type QueueCheck = QueueCount & { containedAt: string | null; ips: number };

/**
 * Verify's queue check: the account's IPs from the queue and the log (its
 * queued mail may be deleted by now), and a fresh count since containment.
 */
export async function verifyQueue(host: string, principal: Principal, username: string): Promise<QueueCheck> {
  const rows = await incidentRows(host, username);
  const contained = rows.find((r) => r.ok && (r.action === INCIDENT_ACTIONS.block || r.action === INCIDENT_ACTIONS.hold));
  const detail = await suspectDetail(host, principal, username);
  const ips = [...new Set([...(detail.suspect?.ips.map((i) => i.ip) ?? []), ...(detail.log?.ips.map((i) => i.ip) ?? [])])];
  const count = await countForIncident(host, username, ips, contained ? Date.parse(contained.at) : null);
  return { ...count, containedAt: contained?.at ?? null, ips: ips.length };
}
