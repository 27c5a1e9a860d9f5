// POST /api/auth/password — the signed-in manager changes his own extman password (current one required).
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { changeOwnPassword } from '@/lib/auth/own-password';
import { ownPasswordSchema } from '@/lib/auth/own-password-schema';

export const POST = withAuth(
  async ({ req, principal, audit, auditFailure }) => {
    const input = ownPasswordSchema.parse(await jsonBody(req));
    const out = await auditFailure({ action: 'account.password', target: principal.username }, () => changeOwnPassword(principal, input));
    await audit({
      action: 'account.password',
      target: principal.username,
      params: { scheme: out.scheme },
      result: { otherSessionsEnded: out.otherSessionsEnded },
      ok: true,
    });
    return Response.json(out, { headers: { 'cache-control': 'no-store' } });
  },
  { sessionOnly: true },
);
