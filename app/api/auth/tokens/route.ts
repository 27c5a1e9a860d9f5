// GET  /api/auth/tokens — my API tokens (never the tokens themselves).
// POST /api/auth/tokens — make a token ({name, scope: read|act, expiresInDays|null}); the answer holds it, this once.
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { createToken, listTokens } from '@/lib/auth/api-tokens';
import { tokenCreateSchema } from '@/lib/auth/token-schemas';

export const GET = withAuth(async ({ principal }) => Response.json({ tokens: await listTokens(principal.username) }));

export const POST = withAuth(
  async ({ req, principal, audit }) => {
    const input = tokenCreateSchema.parse(await jsonBody(req));
    const created = await createToken(principal.username, input);
    await audit({ action: 'token.create', target: principal.username, params: input, result: { id: created.view.id, prefix: created.view.prefix }, ok: true });
    return Response.json(created, { status: 201, headers: { 'cache-control': 'no-store' } });
  },
  { sessionOnly: true },
);
