// POST /api/mailboxes/weak-passwords/preview — how many of these flagged mailboxes a reset or "change required" would touch (admin).
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { previewSchema } from '@/lib/passwords/schemas';
import { previewAction } from '@/lib/passwords/weak-passwords';

export const POST = withAuth(
  async ({ req }) => {
    const { action, usernames } = previewSchema.parse(await jsonBody(req));
    return Response.json(await previewAction(action, usernames));
  },
  { role: 'admin' },
);
