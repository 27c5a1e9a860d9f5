// The vocabulary of the hardening feature, shared by the server, the API and
// the page. Findings carry a key (translated on the page) and the evidence
// lines from the configuration, never prose built on the server.

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown', 'ok'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FIX_IDS = ['sender-login-maps', 'sasl-access', 'rate-limits', 'tls-auth-only'] as const;
export type FixId = (typeof FIX_IDS)[number];

// Every finding the assessment can produce; `hardening.finding.<key>` in the
// catalogues says it in plain words ({service}, {value}... as vars).
export const FINDING_KEYS = [
  'sender-login.missing',
  'sender-login.no-maps',
  'sender-login.known-only',
  'sender-login.shadowed',
  'sender-login.ok',
  'relay.no-reject',
  'relay.permit-first',
  'relay.sender-access-first',
  'relay.ok',
  'mynetworks.open',
  'mynetworks.wide',
  'mynetworks.ok',
  'sasl-access.missing',
  'sasl-access.ok',
  'rate-limits.missing',
  'rate-limits.ok',
  'tls-auth.no-tls',
  'tls-auth.not-only',
  'tls-auth.ok',
  'broken-sasl.on',
  'anonymous-sasl.allowed',
  'sasl.off',
  'not-understood.line',
  'not-understood.reference',
  'not-understood.restriction',
  'not-understood.network',
] as const;
export type FindingKey = (typeof FINDING_KEYS)[number];

export type Finding = {
  key: FindingKey;
  severity: Severity;
  /** Configuration lines that show it, as `name = value` (or the raw line). */
  evidence: string[];
  vars?: Record<string, string>;
  /** A master.cf service ("submission/inet") when the finding is about its -o overrides. */
  service?: string;
  /** The fix the console can apply for it (main.cf only). */
  fix?: FixId;
};

/** An smtpd service from master.cf with its `-o name=value` overrides. */
export type SmtpdService = { name: string; type: string; overrides: Map<string, string> };

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, unknown: 4, ok: 5 };
