// GET    /api/hosts/{host} — one host, without secrets.
// PATCH  /api/hosts/{host} — change its settings (a new private key replaces the old one).
// DELETE /api/hosts/{host} — forget the host.
import { AppError } from '@/lib/errors';
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { deleteHost, updateHost } from '@/lib/hosts/admin';
import { getHostPublic } from '@/lib/hosts/list';
import { hostPatchSchema } from '@/lib/hosts/schemas';

export const GET = withAuth(
  async ({ host: name }) => {
    const host = await getHostPublic(name);
    if (!host) throw new AppError('not_found', 'Host not found.');
    return Response.json({ host });
  },
  { role: 'admin', host: 'name' },
);

export const PATCH = withAuth(
  async ({ req, host: name, audit, auditFailure }) => {
    const patch = hostPatchSchema.parse(await jsonBody(req));
    const { privateKey, ...rest } = patch;
    const entry = { action: 'host.update', target: name, host: name, params: { ...rest, ...(privateKey !== undefined ? { newClientKey: true } : {}) } };
    const { host, changed } = await auditFailure(entry, () => updateHost(name, patch), { skipNotFound: true });
    await audit({ ...entry, result: { changed, clientKey: host.clientKey?.fingerprint ?? null }, ok: true });
    return Response.json({ host });
  },
  { role: 'admin', host: 'name' },
);

export const DELETE = withAuth(
  async ({ host: name, audit }) => {
    await deleteHost(name);
    await audit({ action: 'host.delete', target: name, host: name, ok: true });
    return Response.json({ deleted: name });
  },
  { role: 'admin', host: 'name' },
);
