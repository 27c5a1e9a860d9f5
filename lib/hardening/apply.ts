import 'server-only';
import { AppError } from '@/lib/errors';
import type { ProbeLogin } from '@/lib/probes/conversation';
import type { ProbeName } from '@/lib/probes/probe-defs';
import { runProbesOnHost } from '@/lib/probes/run-probes';
import type { ApplyResult, Preview, Step, StepName } from './apply-types';
import { backup, postconfEffective, postconfSet, postfixCommand, restore, writeMap } from './host-io';
import { withHostLock } from './lock';
import { planFixes, PlanError, type Plan } from './plan';
import { planInputFor } from './state';
import type { FixId } from './types';

export type { ApplyResult, Preview, Step, StepName } from './apply-types';

// Every apply: backup → map files → postconf -e → postfix check → postfix
// reload → probes. Any failure after the backup restores it and reloads, and
// the result names the step that failed and what the host said.

export type ApplyRequest = { fixes: FixId[]; dryRun?: boolean; probeLogin?: ProbeLogin };

/** Test seam: alters the computed pairs to break main.cf on purpose. Never reachable from the API. */
export type ApplyHooks = { fault?: (params: [string, string][]) => [string, string][] };

// New smtpd processes pick up the reloaded main.cf; idle old ones take a moment to go.
const SETTLE_MS = 1500;

export function probesFor(fixes: readonly FixId[], login?: ProbeLogin): ProbeName[] {
  const names: ProbeName[] = ['relay'];
  if (login && fixes.includes('sender-login-maps')) names.push('forged-sender');
  if (login && (fixes.includes('sender-login-maps') || fixes.includes('sasl-access'))) names.push('own-sender');
  return names;
}

export async function computePlan(host: string, fixes: readonly FixId[]): Promise<Plan> {
  try {
    return planFixes(await planInputFor(host, fixes));
  } catch (err) {
    if (err instanceof PlanError) throw new AppError('conflict', err.message);
    throw err;
  }
}

export const previewOf = (plan: Plan, probes: ProbeName[]): Preview => ({
  params: plan.params,
  maps: plan.maps.map((m) => ({ name: m.name, content: m.masked })),
  diff: plan.diff,
  probes,
});

export async function applyFixes(host: string, req: ApplyRequest, hooks: ApplyHooks = {}): Promise<ApplyResult> {
  const probeNames = probesFor(req.fixes, req.probeLogin);
  if (req.dryRun) {
    const plan = await computePlan(host, req.fixes);
    return { ok: true, dryRun: true, preview: previewOf(plan, probeNames), steps: [], probes: [], probeWarnings: [], rolledBack: false };
  }
  return withHostLock(host, async () => {
    const plan = await computePlan(host, req.fixes);
    const result: ApplyResult = { ok: false, dryRun: false, preview: previewOf(plan, probeNames), steps: [], probes: [], probeWarnings: [], rolledBack: false };
    const step = (s: Step) => {
      result.steps.push(s);
      if (!s.ok) result.failed ??= s;
      return s.ok;
    };
    // Nothing has changed before the backup exists: a failure here just stops.
    result.backupId = await backup(host);
    step({ step: 'backup', ok: true, target: result.backupId });
    let applied = false;
    try {
      applied = await changeAndVerify(host, plan, hooks, step, probeNames, req.probeLogin, result);
    } catch (err) {
      // The host stopped answering mid-way (SSH down, timeout): still try to put the backup back.
      step({ step: 'host', ok: false, detail: (err as Error).message });
    }
    if (applied) {
      result.ok = true;
      return result;
    }
    result.rolledBack = await restoreAndReload(host, result.backupId, step);
    return result;
  });
}

async function changeAndVerify(
  host: string,
  plan: Plan,
  hooks: ApplyHooks,
  step: (s: Step) => boolean,
  probeNames: ProbeName[],
  login: ProbeLogin | undefined,
  result: ApplyResult,
): Promise<boolean> {
  const attempt = async (name: StepName, target: string | undefined, fn: () => Promise<void>) => {
    try {
      await fn();
      return step({ step: name, ok: true, target });
    } catch (err) {
      return step({ step: name, ok: false, target, detail: (err as Error).message });
    }
  };
  for (const map of plan.maps) {
    if (!(await attempt('write-map', map.name, () => writeMap(host, map.name, map.content)))) return false;
  }
  const params = hooks.fault ? hooks.fault(plan.params) : plan.params;
  if (!(await attempt('postconf', params.map(([n]) => n).join(', '), () => postconfSet(host, params)))) return false;
  for (const verb of ['check', 'reload'] as const) {
    const out = await postfixCommand(host, verb);
    if (!step({ step: verb, ok: out.ok, detail: out.output || undefined })) return false;
  }
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const mynetworks = (await postconfEffective(host, ['mynetworks']).catch(() => new Map<string, string>())).get('mynetworks');
  const run = await runProbesOnHost(host, probeNames, login, { mynetworks });
  result.probes = run.results;
  result.probeWarnings = run.warnings;
  let allPassed = true;
  for (const p of run.results) allPassed = step({ step: 'probe', ok: p.passed, target: p.name, detail: p.note }) && allPassed;
  return allPassed;
}

/** Puts a backup back and reloads; true when both worked. */
export async function restoreAndReload(host: string, id: string, step: (s: Step) => boolean): Promise<boolean> {
  try {
    await restore(host, id);
    step({ step: 'restore', ok: true, target: id });
  } catch (err) {
    step({ step: 'restore', ok: false, target: id, detail: (err as Error).message });
    return false;
  }
  const reload = await postfixCommand(host, 'reload').catch((err: Error) => ({ ok: false, output: err.message }));
  return step({ step: 'reload-restored', ok: reload.ok, detail: reload.output || undefined });
}
