// GET    /api/hosts/{host} — one host, without secrets.
// PATCH  /api/hosts/{host} — change its settings (a new private key replaces the old one).
// DELETE /api/hosts/{host} — forget the host.
import { AppError } from '@/lib/errors';
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { deleteHost, updateHost } from '@/lib/hosts/admin';
import { getHostPublic } from '@/lib/hosts/list';
import { errorText, hostParam } from '@/lib/hosts/route-params';
import { hostPatchSchema } from '@/lib/hosts/schemas';

type P = { host: string };

export const GET = withAuth<P>(
  async ({ params }) => {
    const host = await getHostPublic(hostParam(params.host));
    if (!host) throw new AppError('not_found', 'Host not found.');
    return Response.json({ host });
  },
  { role: 'admin' },
);

export const PATCH = withAuth<P>(
  async ({ req, params, audit }) => {
    const name = hostParam(params.host);
    const patch = hostPatchSchema.parse(await jsonBody(req));
    const { privateKey, ...rest } = patch;
    const auditParams = { ...rest, ...(privateKey !== undefined ? { newClientKey: true } : {}) };
    try {
      const { host, changed } = await updateHost(name, patch);
      await audit({ action: 'host.update', target: name, host: name, params: auditParams, result: { changed, clientKey: host.clientKey?.fingerprint ?? null }, ok: true });
      return Response.json({ host });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'not_found')) {
        await audit({ action: 'host.update', target: name, host: name, params: auditParams, ok: false, error: errorText(err) }).catch(() => undefined);
      }
      throw err;
    }
  },
  { role: 'admin' },
);

export const DELETE = withAuth<P>(
  async ({ params, audit }) => {
    const name = hostParam(params.host);
    await deleteHost(name);
    await audit({ action: 'host.delete', target: name, host: name, ok: true });
    return Response.json({ deleted: name });
  },
  { role: 'admin' },
);
