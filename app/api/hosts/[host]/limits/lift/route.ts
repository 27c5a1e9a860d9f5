// POST /api/hosts/{host}/limits/lift — reset one login's sending counters now (its mail flows again); audited.
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { domainOf } from '@/lib/auth/principal';
import { hostFacts } from '@/lib/hardening/host-io';
import { hostParam } from '@/lib/hosts/route-params';
import { liftLogin } from '@/lib/limits/host-io';
import { liftBodySchema } from '@/lib/limits/schemas';

export const POST = withAuth<{ host: string }>(
  async ({ req, params, audit }) => {
    const host = hostParam(params.host);
    const { login } = liftBodySchema.parse(await jsonBody(req));
    await hostFacts(host);
    try {
      await liftLogin(host, login);
    } catch (err) {
      await audit({ action: 'limits.lift', target: login, host, domains: [domainOf(login)], ok: false, error: (err as Error).message }).catch(() => undefined);
      throw err;
    }
    await audit({ action: 'limits.lift', target: login, host, domains: [domainOf(login)], ok: true });
    return Response.json({ ok: true, login });
  },
  { role: 'admin' },
);
