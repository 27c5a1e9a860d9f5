// GET /api/mailboxes/activity — queued messages (last scan of every host) and last SMTP login for up to 100 mailboxes (?u=…&u=…).
import { withAuth } from '@/lib/api/with-auth';
import { mailboxActivity } from '@/lib/mailboxes/activity';
import { activityQuerySchema } from '@/lib/mailboxes/activity-schema';

export const GET = withAuth(async ({ req, principal }) => {
  const { u } = activityQuerySchema.parse({ u: new URL(req.url).searchParams.getAll('u') });
  return Response.json({ activity: await mailboxActivity(principal, u) });
});
