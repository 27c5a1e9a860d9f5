import 'server-only';
import { AppError } from '@/lib/errors';
import type { AuditInput } from '@/lib/api/with-auth';
import { applyFixes, type ApplyResult } from '@/lib/hardening/apply';
import { loadHardeningState } from '@/lib/hardening/state';
import type { HardenBody } from './schemas';

// Step 3: the host's hardening findings, worst first, and the fix through
// the hardening module (backup, postconf, check, reload, relay probe, roll
// back on failure). No AUTH probes here: the account is blocked by now, so
// its login would fail the own-sender probe and undo the fix; step 4 proves
// the sender rule instead.

type Audit = (entry: AuditInput) => Promise<void>;

export async function hardenState(host: string) {
  const s = await loadHardeningState(host);
  return {
    host,
    findings: s.findings,
    fixable: s.fixable,
    busy: s.busy,
    interrupted: s.interrupted,
    probeSource: s.probeSource,
    backups: s.backups.slice(0, 3),
  };
}

export async function hardenRun(host: string, body: HardenBody, audit: Audit): Promise<ApplyResult> {
  const action = body.dryRun ? 'hardening.preview' : 'hardening.apply';
  const params = { fixes: body.fixes, dryRun: body.dryRun, probeMailbox: null };
  let result: ApplyResult;
  try {
    result = await applyFixes(host, { fixes: body.fixes, dryRun: body.dryRun });
  } catch (err) {
    await audit({ action, target: host, host, params, ok: false, error: err instanceof Error ? err.message : String(err) }).catch(() => undefined);
    throw err;
  }
  const failed = result.failed
    ? `Apply failed at ${result.failed.step}${result.failed.detail ? `: ${result.failed.detail.split('\n')[0]}` : ''}. ${result.rolledBack ? `main.cf was restored from backup ${result.backupId}.` : `ROLLBACK FAILED — restore backup ${result.backupId} by hand.`}`
    : null;
  await audit({
    action,
    target: host,
    host,
    params,
    preview: result.preview,
    result: {
      backupId: result.backupId ?? null,
      steps: result.steps,
      rolledBack: result.rolledBack,
      probes: result.probes.map((p) => ({ name: p.name, ok: p.passed, note: p.note ?? null })),
    },
    ok: result.ok,
    error: failed,
  });
  if (!result.ok) throw new AppError('host_error', failed!.slice(0, 1000), result);
  return result;
}
