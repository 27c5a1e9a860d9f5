// GET /api/mailboxes/{username} — one mailbox in full: flags, quotas, dates, domain, aliases delivering to it.
import { notFound } from '@/lib/errors';
import { withAuth } from '@/lib/api/with-auth';
import { getMailbox } from '@/lib/mailboxes/verbs';
import { usernameParam } from '@/lib/mailboxes/route-params';

export const GET = withAuth<{ username: string }>(async ({ principal, params }) => {
  const mailbox = await getMailbox(principal, usernameParam(params.username));
  if (!mailbox) throw notFound('Mailbox');
  return Response.json(mailbox);
});
