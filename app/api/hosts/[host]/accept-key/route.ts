// POST /api/hosts/{host}/accept-key — pin the host key the host offered, after the admin compared its fingerprint.
import { AppError } from '@/lib/errors';
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { acceptHostKey } from '@/lib/hosts/admin';
import { errorText, hostParam } from '@/lib/hosts/route-params';
import { acceptKeySchema } from '@/lib/hosts/schemas';

export const POST = withAuth<{ host: string }>(
  async ({ req, params, audit }) => {
    const name = hostParam(params.host);
    const { fingerprint } = acceptKeySchema.parse(await jsonBody(req));
    try {
      const { host, previous } = await acceptHostKey(name, fingerprint);
      await audit({ action: 'host.accept_key', target: name, host: name, params: { fingerprint }, result: { previous, pinned: fingerprint }, ok: true });
      return Response.json({ host });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'not_found')) {
        await audit({ action: 'host.accept_key', target: name, host: name, params: { fingerprint }, ok: false, error: errorText(err) }).catch(() => undefined);
      }
      throw err;
    }
  },
  { role: 'admin' },
);
