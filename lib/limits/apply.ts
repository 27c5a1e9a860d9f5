import 'server-only';
import { restoreAndReload } from '@/lib/hardening/apply';
import { unifiedDiff } from '@/lib/hardening/diff';
import { backup, catMain, postconfEffective, postconfN, postconfSet, postconfUnset, postfixCommand } from '@/lib/hardening/host-io';
import { parseMainCf, removeParameter, render, setParameter } from '@/lib/postfix/postconf';
import { withHostLock } from '@/lib/hardening/lock';
import { installPolicyService, policyStatus, reloadPolicyService, startPolicyService, stopPolicyService, writeRuleset } from './host-io';
import { policyParams, removalPlan, type RemovalPlan } from './main-cf';
import { buildRuleset } from './ruleset';
import type { LimitPolicy } from './schemas';
import { saveLimits } from './store';

// Applying sending limits: the policy service first (install when missing,
// ruleset, start or reload - a reload keeps the counters), then main.cf
// through the same safe path as hardening: backup, mw-postfix set, postfix
// check, reload, and on any failure the backup back and reload. The daemon
// runs on the mail host; mail never waits for the console.

export type LimitsStep = { step: string; ok: boolean; target?: string; detail?: string };
export type LimitsPreview = { ruleset: string; params: [string, string][]; before: [string, string][]; diff: string };
export type LimitsResult = {
  ok: boolean;
  dryRun: boolean;
  preview: LimitsPreview;
  steps: LimitsStep[];
  backupId?: string;
  rolledBack: boolean;
  failed?: LimitsStep;
};

const WIRED = ['smtpd_end_of_data_restrictions', 'smtpd_policy_service_default_action', 'smtpd_policy_service_timeout'];

async function current(host: string) {
  const values = await postconfEffective(host, WIRED);
  return { endOfData: values.get('smtpd_end_of_data_restrictions') ?? '', before: WIRED.map((n): [string, string] => [n, values.get(n) ?? '']) };
}

/** main.cf as it would read after the change, as a unified diff (what the confirmation shows). */
async function mainCfDiff(host: string, change: RemovalPlan): Promise<string> {
  const text = await catMain(host);
  const set = change.set.reduce((doc, [n, v]) => setParameter(doc, n, v), parseMainCf(text));
  const after = render(change.unset.reduce((doc, n) => removeParameter(doc, n), set));
  return unifiedDiff(text, after, { from: 'main.cf', to: 'main.cf (after)' });
}

export async function previewLimits(host: string, policy: LimitPolicy): Promise<LimitsPreview> {
  const cur = await current(host);
  const params = policyParams(cur, policy.downAction);
  return { ruleset: buildRuleset(policy), params, before: cur.before, diff: await mainCfDiff(host, { set: params, unset: [] }) };
}

function recorder(result: LimitsResult) {
  return (s: LimitsStep) => {
    result.steps.push(s);
    if (!s.ok) result.failed ??= s;
    return s.ok;
  };
}

async function attempt(step: (s: LimitsStep) => boolean, name: string, fn: () => Promise<unknown>, target?: string) {
  try {
    await fn();
    return step({ step: name, ok: true, target });
  } catch (err) {
    return step({ step: name, ok: false, target, detail: (err as Error).message });
  }
}

/** backup → set (and unset) → check → reload; restored and reloaded on failure. */
async function changeMainCf(host: string, change: RemovalPlan, result: LimitsResult, step: (s: LimitsStep) => boolean): Promise<boolean> {
  result.backupId = await backup(host);
  step({ step: 'backup', ok: true, target: result.backupId });
  let ok = change.set.length === 0 || (await attempt(step, 'postconf', () => postconfSet(host, change.set), change.set.map(([n]) => n).join(', ')));
  if (ok && change.unset.length) ok = await attempt(step, 'postconf-unset', () => postconfUnset(host, change.unset), change.unset.join(', '));
  for (const verb of ['check', 'reload'] as const) {
    if (!ok) break;
    const out = await postfixCommand(host, verb).catch((err: Error) => ({ ok: false, output: err.message }));
    ok = step({ step: verb, ok: out.ok, detail: out.output || undefined });
  }
  if (!ok) result.rolledBack = await restoreAndReload(host, result.backupId, step);
  return ok;
}

export async function applyLimits(host: string, policy: LimitPolicy, opts: { dryRun?: boolean; actor: string }): Promise<LimitsResult> {
  if (opts.dryRun) return { ok: true, dryRun: true, preview: await previewLimits(host, policy), steps: [], rolledBack: false };
  return withHostLock(host, async () => {
    const preview = await previewLimits(host, policy);
    const result: LimitsResult = { ok: false, dryRun: false, preview, steps: [], rolledBack: false };
    const step = recorder(result);
    const status = await policyStatus(host);
    if (!status.installed && !(await attempt(step, 'install', () => installPolicyService(host), 'postfwd'))) return result;
    if (!(await attempt(step, 'ruleset', () => writeRuleset(host, preview.ruleset)))) return result;
    const started = status.running
      ? attempt(step, 'reload-policy', () => reloadPolicyService(host))
      : attempt(step, 'start-policy', () => startPolicyService(host));
    if (!(await started)) return result;
    if (!(await changeMainCf(host, { set: preview.params, unset: [] }, result, step))) return result;
    await saveLimits(host, { policy, applied: true, backupId: result.backupId ?? null, actor: opts.actor });
    result.ok = true;
    return result;
  });
}

/** Takes our check out of main.cf (safe path), then stops the daemon. */
export async function removeLimits(host: string, opts: { actor: string; policy: LimitPolicy }): Promise<LimitsResult> {
  return withHostLock(host, async () => {
    const [cur, explicit] = await Promise.all([current(host), postconfN(host)]);
    const change = removalPlan(explicit);
    const preview = { ruleset: '', params: change.set, before: cur.before, diff: await mainCfDiff(host, change) };
    const result: LimitsResult = { ok: false, dryRun: false, preview, steps: [], rolledBack: false };
    const step = recorder(result);
    if (!(await changeMainCf(host, change, result, step))) return result;
    if (!(await attempt(step, 'stop-policy', () => stopPolicyService(host)))) return result;
    await saveLimits(host, { policy: opts.policy, applied: false, backupId: result.backupId ?? null, actor: opts.actor });
    result.ok = true;
    return result;
  });
}
