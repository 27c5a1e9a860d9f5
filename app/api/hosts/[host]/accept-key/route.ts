// POST /api/hosts/{host}/accept-key — pin the host key the host offered, after the admin compared its fingerprint.
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { acceptHostKey } from '@/lib/hosts/admin';
import { acceptKeySchema } from '@/lib/hosts/schemas';

export const POST = withAuth(
  async ({ req, host: name, audit, auditFailure }) => {
    const { fingerprint } = acceptKeySchema.parse(await jsonBody(req));
    const entry = { action: 'host.accept_key', target: name, host: name, params: { fingerprint } };
    const { host, previous } = await auditFailure(entry, () => acceptHostKey(name, fingerprint), { skipNotFound: true });
    await audit({ ...entry, result: { previous, pinned: fingerprint }, ok: true });
    return Response.json({ host });
  },
  { role: 'admin', host: 'name' },
);
