import type { MessageKey } from '@/lib/i18n/translate';
import type { ProbeName } from '@/lib/probes/probe-defs';
import type { StepName } from './apply-types';
import type { FindingKey, FixId, Severity } from './types';

// Catalogue keys for the hardening vocabulary. Finding, severity and fix keys
// are typed from the registry of checks, so the compiler refuses one the
// English catalogue lacks (zh must have every English key); messages.test.ts
// checks the rest in both languages.

export const findingMessage = (k: FindingKey): MessageKey => `hardening.finding.${k}`;
export const severityMessage = (s: Severity): MessageKey => `hardening.severity.${s}`;
export const fixMessage = (f: FixId): MessageKey => `hardening.fix.${f}`;
export const fixWhyMessage = (f: FixId): MessageKey => `hardening.fix.${f}.why`;
export const stepMessage = (s: StepName) => `hardening.step.${s}` as MessageKey;
export const probeNameMessage = (p: ProbeName) => `probes.name.${p}` as MessageKey;
export const probeExpectMessage = (p: ProbeName) => `probes.expect.${p}` as MessageKey;
export const probeWarningMessage = (code: string) => `probes.warning.${code}` as MessageKey;
