import type { LimitPolicy, LimitSet } from './schemas';

// The postfwd ruleset for a policy. Pure. Only the line shapes mw-policy
// accepts (scripts/host/mw-policy): rate()/rcpt() keyed by sasl_username at
// END-OF-MESSAGE, DUNNO, comments. The first matching selector wins: exempt
// logins, then per-login overrides, per-domain defaults, the default; each
// block ends with a DUNNO so a login is never counted by two blocks.
//
// Postfix asks postfwd from smtpd_end_of_data_restrictions only, so a rate()
// counter counts messages and an rcpt() counter recipients (postfwd raises a
// counter on every request that carries its key, whatever the state).

export const LIMIT_REPLY = '450 4.7.1 sending limit reached';

const KINDS = [
  ['messagesPerHour', 'mh', 'rate', 3600, 'messages per hour'],
  ['messagesPerDay', 'md', 'rate', 86400, 'messages per day'],
  ['recipientsPerHour', 'rh', 'rcpt', 3600, 'recipients per hour'],
  ['recipientsPerDay', 'rd', 'rcpt', 86400, 'recipients per day'],
] as const;

export type LimitKind = (typeof KINDS)[number][0];
/** Rule id suffix → the limit it enforces (for reading counters and log lines back). */
export const KIND_OF_SUFFIX: Record<string, LimitKind> = Object.fromEntries(KINDS.map(([k, s]) => [s, k]));
export const LABEL_OF_KIND: Record<LimitKind, string> = Object.fromEntries(KINDS.map(([k, , , , l]) => [k, l])) as Record<LimitKind, string>;

const hasLimit = (l: LimitSet) => KINDS.some(([k]) => l[k] !== null);
const escapeRe = (s: string) => s.replace(/\./g, '\\.');

function block(id: string, selector: string | null, limits: LimitSet): string[] {
  const sel = selector ? `${selector}; ` : '';
  const lines = KINDS.filter(([k]) => limits[k] !== null).map(
    ([k, suffix, fn, window, label]) =>
      `id=${id}-${suffix}; ${sel}protocol_state==END-OF-MESSAGE; action=${fn}(sasl_username/${limits[k]}/${window}/${LIMIT_REPLY}: ${label})`,
  );
  return lines;
}

export function buildRuleset(policy: LimitPolicy): string {
  const out = ['# Mailwarden sending limits. Written by the console through mw-policy; edits here are overwritten.'];
  policy.exempt.forEach((login, i) => out.push(`id=mw-exempt-${i + 1}; sasl_username==${login}; action=DUNNO`));
  policy.overrides.forEach(({ login, limits }, i) => {
    out.push(...block(`mw-login-${i + 1}`, `sasl_username==${login}`, limits));
    out.push(`id=mw-login-${i + 1}-end; sasl_username==${login}; action=DUNNO`);
  });
  policy.domains.forEach(({ domain, limits }, i) => {
    const sel = `sasl_username=~/@${escapeRe(domain)}$/`;
    out.push(...block(`mw-domain-${i + 1}`, sel, limits));
    out.push(`id=mw-domain-${i + 1}-end; ${sel}; action=DUNNO`);
  });
  // Any login at all (unauthenticated mail carries no sasl_username and is not counted).
  if (hasLimit(policy.defaults)) out.push(...block('mw-default', 'sasl_username=~/./', policy.defaults));
  if (!out.some((l) => l.startsWith('id='))) out.push('id=mw-none; sasl_username=~/./; action=DUNNO');
  return out.join('\n') + '\n';
}

/** The limits that apply to one login under a policy (null: exempt). */
export function limitsFor(policy: LimitPolicy, login: string): LimitSet | null {
  const l = login.toLowerCase();
  if (policy.exempt.includes(l)) return null;
  const o = policy.overrides.find((x) => x.login === l);
  if (o) return o.limits;
  const d = policy.domains.find((x) => l.endsWith(`@${x.domain}`));
  return d ? d.limits : policy.defaults;
}
