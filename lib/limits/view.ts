import 'server-only';
import { canAccessAddress, isAdmin, type Principal } from '@/lib/auth/principal';
import type { LoginCounters } from './counters';
import { postconfEffective } from '@/lib/hardening/host-io';
import { policyStatus, readCounters, type PolicyStatus } from './host-io';
import { isWired } from './main-cf';
import { limitsFor } from './ruleset';
import type { LimitPolicy, LimitSet } from './schemas';
import { loadLimits } from './store';

// What the Hardening page's "Sending limits" section shows: the policy (admins
// only), whether the service runs, and each login's counters against its
// limits. Postmasters see the logins of their own domains and nothing else.

export type LoginView = LoginCounters & { limits: LimitSet | null };
/** applied: main.cf asks the policy service now (read from the host: a rollback from Backups or an edit by hand counts). */
export type LimitsView = { policy: LimitPolicy | null; applied: boolean; status: PolicyStatus; logins: LoginView[] };

export async function limitsView(host: string, principal: Principal): Promise<LimitsView> {
  const [stored, status, wiring] = await Promise.all([loadLimits(host), policyStatus(host), postconfEffective(host, ['smtpd_end_of_data_restrictions'])]);
  const counters = status.running ? await readCounters(host) : [];
  const logins = counters.filter((c) => canAccessAddress(principal, c.login)).map((c) => ({ ...c, limits: limitsFor(stored.policy, c.login) }));
  return { policy: isAdmin(principal) ? stored.policy : null, applied: isWired(wiring.get('smtpd_end_of_data_restrictions') ?? ''), status, logins };
}
