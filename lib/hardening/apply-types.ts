import type { ProbeName, ProbeResult, ProbeWarning } from '@/lib/probes/probe-defs';

// The shapes the apply/rollback API answers with, shared by the server and
// the page (no server code here).

export const STEP_NAMES = ['backup', 'write-map', 'postconf', 'check', 'reload', 'probe', 'host', 'restore', 'reload-restored'] as const;
export type StepName = (typeof STEP_NAMES)[number];
export type Step = { step: StepName; ok: boolean; target?: string; detail?: string };

export type Preview = { params: [string, string][]; maps: { name: string; content: string }[]; diff: string; probes: ProbeName[] };

export type ApplyResult = {
  ok: boolean;
  dryRun: boolean;
  preview: Preview;
  backupId?: string;
  steps: Step[];
  probes: ProbeResult[];
  probeWarnings: ProbeWarning[];
  rolledBack: boolean;
  /** The step that failed, when one did. */
  failed?: Step;
};

export type RollbackResult = { ok: boolean; restored: string; backupId: string; steps: Step[]; failed?: Step; undone: boolean };
