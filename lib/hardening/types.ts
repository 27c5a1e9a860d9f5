// The vocabulary of the hardening feature, shared by the server, the API and
// the page. Findings carry a key (translated on the page) and the evidence
// lines from the configuration, never prose built on the server.

import type { FindingKey, FixId } from './checks';
import type { CheckFinding, Severity } from './checks/check';

export { SEVERITIES, type Severity } from './checks/check';
// Finding keys and fix ids come from the registry of checks (checks/index.ts).
export { FINDING_KEYS, FIX_IDS, type FindingKey, type FixId } from './checks';

export type Finding = CheckFinding<FindingKey, FixId>;

/** An smtpd service from master.cf with its `-o name=value` overrides. */
export type SmtpdService = { name: string; type: string; overrides: Map<string, string> };

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, unknown: 4, ok: 5 };
