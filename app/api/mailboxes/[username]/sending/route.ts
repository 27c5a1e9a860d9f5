// GET  /api/mailboxes/{username}/sending — is sending blocked, and does Postfix really enforce it?
// POST /api/mailboxes/{username}/sending — block or unblock sending (extman's disablesmtpd), then check enforcement.
import { notFound } from '@/lib/errors';
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { domainOf } from '@/lib/auth/principal';
import { blockSending, getMailbox } from '@/lib/extmail/mailboxes';
import { usernameParam } from '@/lib/mailboxes/route-params';
import { sendingSchema, type SendingResult } from '@/lib/mailboxes/schemas';
import { checkSendingEnforcement } from '@/lib/mailboxes/sending-enforcement';

export const GET = withAuth<{ username: string }>(async ({ principal, params }) => {
  const mailbox = await getMailbox(principal, usernameParam(params.username));
  if (!mailbox) throw notFound('Mailbox');
  const body: SendingResult = { blocked: mailbox.flags.disablesmtpd === true, enforcement: await checkSendingEnforcement(mailbox.username) };
  return Response.json(body);
});

export const POST = withAuth<{ username: string }>(async ({ req, principal, params, audit, auditFailure }) => {
  const username = usernameParam(params.username);
  const { blocked } = sendingSchema.parse(await jsonBody(req));
  const action = blocked ? 'mailbox.sending.block' : 'mailbox.sending.unblock';
  const out = await auditFailure({ action, target: username, domains: [domainOf(username)], params: { blocked } }, () => blockSending(principal, username, blocked), { skipNotFound: true });
  // The flag is written; whether Postfix obeys it is a separate, honest answer.
  const enforcement = await checkSendingEnforcement(out.username);
  await audit({
    action,
    target: out.username,
    domains: [out.domain],
    params: { blocked },
    result: { wasBlocked: out.wasBlocked, enforced: enforcement.enforced, evidence: 'evidence' in enforcement ? enforcement.evidence : null, reason: 'reason' in enforcement ? enforcement.reason : null },
    ok: true,
  });
  const body: SendingResult = { blocked, enforcement };
  return Response.json(body);
});
