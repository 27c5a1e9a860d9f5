// GET  /api/hosts — the mail hosts, without secrets.
// POST /api/hosts — add a host (its private key is sealed and never shown again).
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { createHost } from '@/lib/hosts/admin';
import { listHostsPublic } from '@/lib/hosts/list';
import { errorText } from '@/lib/hosts/route-params';
import { hostCreateSchema } from '@/lib/hosts/schemas';

export const GET = withAuth(async () => Response.json({ hosts: await listHostsPublic() }), { role: 'admin' });

export const POST = withAuth(
  async ({ req, audit }) => {
    const input = hostCreateSchema.parse(await jsonBody(req));
    const { privateKey: _secret, ...params } = input;
    try {
      const host = await createHost(input);
      await audit({ action: 'host.add', target: host.name, host: host.name, params, result: { clientKey: host.clientKey?.fingerprint ?? null }, ok: true });
      return Response.json({ host }, { status: 201 });
    } catch (err) {
      await audit({ action: 'host.add', target: input.name, host: input.name, params, ok: false, error: errorText(err) }).catch(() => undefined);
      throw err;
    }
  },
  { role: 'admin' },
);
