import 'server-only';
import { canAccessAddress, isAdmin, type Principal } from '@/lib/auth/principal';
import type { LoginCounters } from './counters';
import { policyStatus, readCounters, type PolicyStatus } from './host-io';
import { limitsFor } from './ruleset';
import type { LimitPolicy, LimitSet } from './schemas';
import { loadLimits } from './store';

// What the Hardening page's "Sending limits" section shows: the policy (admins
// only), whether the service runs, and each login's counters against its
// limits. Postmasters see the logins of their own domains and nothing else.

export type LoginView = LoginCounters & { limits: LimitSet | null };
export type LimitsView = { policy: LimitPolicy | null; applied: boolean; status: PolicyStatus; logins: LoginView[] };

export async function limitsView(host: string, principal: Principal): Promise<LimitsView> {
  const [stored, status] = await Promise.all([loadLimits(host), policyStatus(host)]);
  const counters = status.running ? await readCounters(host) : [];
  const logins = counters
    .filter((c) => canAccessAddress(principal, c.login))
    .map((c) => ({ ...c, limits: limitsFor(stored.policy, c.login) }));
  return { policy: isAdmin(principal) ? stored.policy : null, applied: stored.applied, status, logins };
}
