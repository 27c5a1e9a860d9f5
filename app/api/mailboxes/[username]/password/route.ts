// POST /api/mailboxes/{username}/password — set a new password (generated and shown once, or typed and checked).
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { domainOf } from '@/lib/auth/principal';
import { resetPassword } from '@/lib/mailboxes/verbs';
import { usernameParam } from '@/lib/mailboxes/route-params';
import { passwordResetSchema, type PasswordResetResult } from '@/lib/mailboxes/schemas';

export const POST = withAuth<{ username: string }>(async ({ req, principal, params, audit, auditFailure }) => {
  const username = usernameParam(params.username);
  const input = passwordResetSchema.parse(await jsonBody(req));
  const failed = { action: 'mailbox.password.reset', target: username, domains: [domainOf(username)], params: { generated: 'generate' in input } };
  // A mailbox that is not there (or not his) leaves no trace: nothing happened to it.
  const out = await auditFailure(failed, () => resetPassword(principal, username, input), { skipNotFound: true });
  // The password itself never enters the audit log.
  await audit({
    action: 'mailbox.password.reset',
    target: out.username,
    domains: [out.domain],
    params: { generated: out.generated, scheme: out.scheme },
    result: { clearpwdErased: out.clearpwdErased },
    ok: true,
  });
  const body: PasswordResetResult = { ...(out.password ? { password: out.password } : {}), clearpwdErased: out.clearpwdErased, scheme: out.scheme };
  return Response.json(body, { headers: { 'cache-control': 'no-store' } });
});
