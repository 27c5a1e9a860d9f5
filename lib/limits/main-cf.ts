import type { DownAction } from './schemas';

// The main.cf change that wires the policy service in. Pure: the current
// values in, the name=value pairs for mw-postfix set out.
//
// Only smtpd_end_of_data_restrictions asks postfwd (see ruleset.ts). While
// the service does not answer, Postfix (>= 3.0) applies
// smtpd_policy_service_default_action: DUNNO lets the message through,
// a 4xx defers it so the client retries later.

// Not 10040, where the Debian package's own postfwd.service listens (scripts/host/mw-policy).
export const POLICY_ENDPOINT = 'inet:127.0.0.1:10041';
export const POLICY_CHECK = `check_policy_service ${POLICY_ENDPOINT}`;
export const DEFER_REPLY = '451 4.3.5 sending limits unavailable, try again later';
const POLICY_TIMEOUT = '10s';

export const downActionValue = (a: DownAction) => (a === 'defer' ? DEFER_REPLY : 'DUNNO');

const tokens = (v: string) => v.split(/[\s,]+/).filter(Boolean);

/** The restriction list without our check (and its endpoint). */
export function withoutPolicy(value: string): string {
  const t = tokens(value);
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] === 'check_policy_service' && t[i + 1] === POLICY_ENDPOINT) {
      i++;
      continue;
    }
    out.push(t[i]!);
  }
  return out.join(', ');
}

/** True when the restriction list asks our policy service: what the host enforces, whatever the console last recorded. */
export function isWired(endOfData: string): boolean {
  return tokens(endOfData).some((t, i, all) => t === 'check_policy_service' && all[i + 1] === POLICY_ENDPOINT);
}

export function policyParams(current: { endOfData: string }, down: DownAction): [string, string][] {
  const rest = withoutPolicy(current.endOfData);
  return [
    ['smtpd_end_of_data_restrictions', rest ? `${POLICY_CHECK}, ${rest}` : POLICY_CHECK],
    ['smtpd_policy_service_default_action', downActionValue(down)],
    // The default (100s) would hold every message that long behind a hung daemon.
    ['smtpd_policy_service_timeout', POLICY_TIMEOUT],
  ];
}

export type RemovalPlan = { set: [string, string][]; unset: string[] };

/**
 * What takes the wiring out again, from main.cf's explicit settings
 * (`postconf -n`): our check leaves the end-of-data list (the list goes when
 * nothing else is in it), and the two policy parameters go when they still
 * hold what policyParams wrote and no other policy service is left to use them.
 */
export function removalPlan(explicit: ReadonlyMap<string, string>): RemovalPlan {
  const plan: RemovalPlan = { set: [], unset: [] };
  const endOfData = explicit.get('smtpd_end_of_data_restrictions');
  if (endOfData !== undefined) {
    const rest = withoutPolicy(endOfData);
    if (rest) plan.set.push(['smtpd_end_of_data_restrictions', rest]);
    else plan.unset.push('smtpd_end_of_data_restrictions');
  }
  const otherService = [...explicit].some(
    ([name, value]) =>
      name.endsWith('_restrictions') && tokens(name === 'smtpd_end_of_data_restrictions' ? withoutPolicy(value) : value).includes('check_policy_service'),
  );
  if (otherService) return plan;
  const action = explicit.get('smtpd_policy_service_default_action');
  if (action === downActionValue('dunno') || action === downActionValue('defer')) plan.unset.push('smtpd_policy_service_default_action');
  if (explicit.get('smtpd_policy_service_timeout') === POLICY_TIMEOUT) plan.unset.push('smtpd_policy_service_timeout');
  return plan;
}
