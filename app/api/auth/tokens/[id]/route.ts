// DELETE /api/auth/tokens/{id} — revoke one of my API tokens; it is answered 401 from then on.
import { notFound } from '@/lib/errors';
import { withAuth } from '@/lib/api/with-auth';
import { revokeToken } from '@/lib/auth/api-tokens';
import { tokenIdParam } from '@/lib/auth/token-schemas';

export const DELETE = withAuth<{ id: string }>(
  async ({ principal, params, audit }) => {
    const token = await revokeToken(principal.username, tokenIdParam(params.id));
    if (!token) throw notFound('Token');
    await audit({ action: 'token.revoke', target: principal.username, params: { id: token.id, prefix: token.prefix }, ok: true });
    return Response.json({ token });
  },
  { sessionOnly: true },
);
