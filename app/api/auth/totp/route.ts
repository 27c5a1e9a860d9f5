// GET /api/auth/totp — is two-factor sign-in on for me; POST — start, confirm or disable it.
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { confirmTotp, disableTotp, startTotp, totpStatus } from '@/lib/auth/totp-enrolment';
import { totpActionSchema } from '@/lib/auth/totp-schemas';

export const GET = withAuth(async ({ principal }) => Response.json(await totpStatus(principal.username)));

export const POST = withAuth(async ({ req, principal, audit, auditFailure }) => {
  const body = totpActionSchema.parse(await jsonBody(req));
  const entry = { action: `totp.${body.action}`, target: principal.username };
  return auditFailure(entry, async () => {
    if (body.action === 'start') {
      const enrolment = await startTotp(principal.username);
      await audit({ ...entry, ok: true });
      return Response.json(enrolment);
    }
    if (body.action === 'confirm') await confirmTotp(principal.username, body.code);
    else await disableTotp(principal.username, body.code);
    await audit({ ...entry, ok: true });
    return Response.json(await totpStatus(principal.username));
  });
});
