// POST /api/hosts/{host}/enroll — a new one-line enroll command for the host (the token lives an hour; an earlier one stops working).
import { withAuth } from '@/lib/api/with-auth';
import { enrollmentFor } from '@/lib/hosts/enroll-offer';
import { getHostPublic } from '@/lib/hosts/list';
import { notFound } from '@/lib/errors';

export const POST = withAuth(
  async ({ req, host: name, audit }) => {
    if (!(await getHostPublic(name))) throw notFound('Host');
    const enroll = await enrollmentFor(name, req);
    await audit({ action: 'host.enroll-command', target: name, host: name, result: { expiresAt: enroll.expiresAt }, ok: true });
    return Response.json(enroll);
  },
  { role: 'admin', host: 'name' },
);
