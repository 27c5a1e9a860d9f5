// GET /api/mailboxes — search, filter, sort and page the extmail mailboxes (postmasters: their domains only).
import { withAuth } from '@/lib/api/with-auth';
import { listMailboxesFor } from '@/lib/mailboxes/verbs';
import { mailboxListQuerySchema } from '@/lib/mailboxes/schemas';

export const GET = withAuth(async ({ principal, query }) => Response.json(await listMailboxesFor(principal, query)), { query: mailboxListQuerySchema });
