// GET  /api/hosts — the mail hosts, without secrets.
// POST /api/hosts — add a host: the console makes its key pair (or takes a pasted key), sealed and never shown again; answers with the enroll command.
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { createHost } from '@/lib/hosts/admin';
import { enrollmentFor } from '@/lib/hosts/enroll-offer';
import { listHostsPublic } from '@/lib/hosts/list';
import { hostCreateSchema } from '@/lib/hosts/schemas';

export const GET = withAuth(async () => Response.json({ hosts: await listHostsPublic() }), { role: 'admin' });

export const POST = withAuth(
  async ({ req, audit, auditFailure }) => {
    const input = hostCreateSchema.parse(await jsonBody(req));
    const { privateKey: pasted, ...rest } = input;
    const params = { ...rest, key: pasted ? 'pasted' : 'generated' };
    const { host, enroll } = await auditFailure({ action: 'host.add', target: input.name, host: input.name, params }, async () => {
      const host = await createHost(input);
      return { host, enroll: await enrollmentFor(host.name, req) };
    });
    await audit({ action: 'host.add', target: host.name, host: host.name, params, result: { clientKey: host.clientKey?.fingerprint ?? null }, ok: true });
    return Response.json({ host, enroll }, { status: 201 });
  },
  { role: 'admin' },
);
