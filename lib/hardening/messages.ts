import type { MessageKey } from '@/lib/i18n/translate';
import type { ProbeName } from '@/lib/probes/probe-defs';
import type { StepName } from './apply-types';
import type { FindingKey, FixId, Severity } from './types';

// Catalogue keys for the hardening vocabulary; messages.test.ts checks that
// every one of them exists in both languages.

export const findingMessage = (k: FindingKey) => `hardening.finding.${k}` as MessageKey;
export const severityMessage = (s: Severity) => `hardening.severity.${s}` as MessageKey;
export const fixMessage = (f: FixId) => `hardening.fix.${f}` as MessageKey;
export const fixWhyMessage = (f: FixId) => `hardening.fix.${f}.why` as MessageKey;
export const stepMessage = (s: StepName) => `hardening.step.${s}` as MessageKey;
export const probeNameMessage = (p: ProbeName) => `probes.name.${p}` as MessageKey;
export const probeExpectMessage = (p: ProbeName) => `probes.expect.${p}` as MessageKey;
export const probeWarningMessage = (code: string) => `probes.warning.${code}` as MessageKey;
