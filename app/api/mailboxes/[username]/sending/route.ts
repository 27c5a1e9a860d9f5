// GET  /api/mailboxes/{username}/sending — is sending blocked, and does Postfix really enforce it?
// POST /api/mailboxes/{username}/sending — block or unblock sending (extman's disablesmtpd), then check enforcement.
//   An administrator's unblock also lifts Mailwarden's access-map blocks of the login (Contain's), host by host.
import { notFound } from '@/lib/errors';
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { domainOf, isAdmin } from '@/lib/auth/principal';
import { blockSending, getMailbox } from '@/lib/mailboxes/verbs';
import { liftMapBlocks, mapBlocksOf } from '@/lib/incident/unblock';
import { usernameParam } from '@/lib/mailboxes/route-params';
import { sendingSchema, type SendingResult } from '@/lib/mailboxes/schemas';
import { checkSendingEnforcement } from '@/lib/mailboxes/sending-enforcement';

export const GET = withAuth<{ username: string }>(async ({ principal, params }) => {
  const mailbox = await getMailbox(principal, usernameParam(params.username));
  if (!mailbox) throw notFound('Mailbox');
  const [enforcement, mapBlocks] = await Promise.all([checkSendingEnforcement(mailbox.username), mapBlocksOf(mailbox.username)]);
  const body: SendingResult = { blocked: mailbox.flags.disablesmtpd === true, enforcement, mapBlocks, lifted: [] };
  return Response.json(body);
});

export const POST = withAuth<{ username: string }>(async ({ req, principal, params, audit, auditFailure }) => {
  const username = usernameParam(params.username);
  const { blocked } = sendingSchema.parse(await jsonBody(req));
  const action = blocked ? 'mailbox.sending.block' : 'mailbox.sending.unblock';
  const out = await auditFailure(
    { action, target: username, domains: [domainOf(username)], params: { blocked } },
    () => blockSending(principal, username, blocked),
    { skipNotFound: true },
  );
  // Postfix would go on refusing a login Contain put in the access map: an administrator's unblock lifts that too.
  const lifted = !blocked && isAdmin(principal) ? await liftMapBlocks(out.username, principal.username, audit) : [];
  // The flag is written; whether Postfix obeys it is a separate, honest answer.
  const [enforcement, mapBlocks] = await Promise.all([checkSendingEnforcement(out.username), mapBlocksOf(out.username)]);
  await audit({
    action,
    target: out.username,
    domains: [out.domain],
    params: { blocked },
    result: {
      wasBlocked: out.wasBlocked,
      enforced: enforcement.enforced,
      evidence: 'evidence' in enforcement ? enforcement.evidence : null,
      reason: 'reason' in enforcement ? enforcement.reason : null,
      mapBlocks,
      lifted,
    },
    ok: lifted.every((l) => l.ok),
  });
  const body: SendingResult = { blocked, enforcement, mapBlocks, lifted };
  return Response.json(body);
});
