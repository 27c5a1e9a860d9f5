import 'server-only';
import type { Principal } from '@/lib/auth/principal';
import { db, extmailDb } from '@/lib/db';

// The dashboard's first figures, scoped to the principal's domains.
export async function dashboardSummary(principal: Principal) {
  const domainFilter = principal.role === 'admin' ? {} : { domain: { in: principal.domains } };
  const [mailboxes, inactive, domains, hosts, recent] = await Promise.all([
    extmailDb().mailbox.count({ where: domainFilter }),
    extmailDb().mailbox.count({ where: { ...domainFilter, active: { not: 1 } } }),
    extmailDb().domain.count({ where: domainFilter }),
    principal.role === 'admin' ? db().mwHost.count() : Promise.resolve(null),
    db().mwAudit.findMany({
      where: principal.role === 'admin' ? { action: { notIn: ['login.failure', 'login.success', 'logout'] } } : { actor: principal.username },
      orderBy: { id: 'desc' },
      take: 8,
      select: { id: true, at: true, actor: true, action: true, target: true, ok: true },
    }),
  ]);
  return {
    mailboxes,
    inactive,
    domains,
    hosts,
    recent: recent.map((r) => ({ ...r, id: r.id.toString(), at: r.at.toISOString() })),
  };
}
