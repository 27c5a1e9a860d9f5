// POST /api/hosts/{host}/limits/lift — reset one login's sending counters now (its mail flows again); audited.
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { domainOf } from '@/lib/auth/principal';
import { hostFacts } from '@/lib/hardening/host-io';
import { liftLogin } from '@/lib/limits/host-io';
import { liftBodySchema } from '@/lib/limits/schemas';

export const POST = withAuth(
  async ({ req, host, audit, auditFailure }) => {
    const { login } = liftBodySchema.parse(await jsonBody(req));
    await hostFacts(host);
    await auditFailure({ action: 'limits.lift', target: login, host, domains: [domainOf(login)] }, () => liftLogin(host, login));
    await audit({ action: 'limits.lift', target: login, host, domains: [domainOf(login)], ok: true });
    return Response.json({ ok: true, login });
  },
  { role: 'admin', host: 'name' },
);
