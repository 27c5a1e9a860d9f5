// POST /api/mailboxes/weak-passwords/apply — reset (generated passwords, shown once) or require a change, for the previewed count (admin, each mailbox audited).
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { applySchema } from '@/lib/passwords/schemas';
import { applyAction } from '@/lib/passwords/weak-passwords';

export const POST = withAuth(
  async ({ req, principal, audit }) => {
    const { action, usernames, expectCount } = applySchema.parse(await jsonBody(req));
    return Response.json(await applyAction(principal, action, usernames, expectCount, audit), { headers: { 'cache-control': 'no-store' } });
  },
  { role: 'admin' },
);
