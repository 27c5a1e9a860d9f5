// GET /api/mailboxes — search, filter, sort and page the extmail mailboxes (postmasters: their domains only).
import { withAuth } from '@/lib/api/with-auth';
import { listMailboxesFor } from '@/lib/extmail/mailboxes';
import { mailboxListQuerySchema } from '@/lib/mailboxes/schemas';

export const GET = withAuth(async ({ req, principal }) => {
  const query = mailboxListQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await listMailboxesFor(principal, query));
});
