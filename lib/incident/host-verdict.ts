import type { EnforcementReport } from '@/lib/mailboxes/schemas';

// Verdicts per host (issue 16.8): the incident's host is judged on its own
// answer only. A host that did not answer (SSH down, postconf or postmap
// failing) is unknown — never "can still send", and never the combined
// verdict of the other hosts. Pure: the mailbox module's report in, a verdict out.

/** The verdict of the incident's own host; a host missing from the report was not checked, so unknown. */
export function forHost(report: EnforcementReport, host: string): EnforcementReport {
  const mine = report.hosts.find((h) => h.host === host);
  if (!mine) return { enforced: 'unknown', reason: `${host} was not checked (it is not among the hosts that answered or were asked)`, hosts: report.hosts };
  const { host: _h, ...verdict } = mine;
  return { ...verdict, hosts: report.hosts };
}

/** What a block's answer says about Postfix on the host: it refuses, it lets the login send, or nobody knows. */
export type BlockVerdict = 'refused' | 'sends' | 'unknown';

/**
 * Postfix's own lookup after Mailwarden changed the map decides where there
 * is one (an administrator's block); otherwise the host's enforcement answer.
 */
export function blockVerdict(enforcement: EnforcementReport, lookupRefuses: boolean | null = null): BlockVerdict {
  if (lookupRefuses === true) return 'refused';
  if (enforcement.enforced === true) return 'refused';
  if (lookupRefuses === false) return 'sends';
  return enforcement.enforced === false ? 'sends' : 'unknown';
}
