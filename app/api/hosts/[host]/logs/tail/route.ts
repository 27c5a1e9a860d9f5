// GET /api/hosts/{host}/logs/tail — live tail of the maillog as Server-Sent Events; administrators only.
import { withAuth } from '@/lib/api/with-auth';
import { tailQuerySchema } from '@/lib/maillog/schemas';
import { tailResponse } from '@/lib/maillog/tail';

// A stream that lasts as long as the browser listens: never cached, never pre-rendered.
export const dynamic = 'force-dynamic';

export const GET = withAuth(async ({ req, host, query }) => tailResponse(host, query.lines, req.signal), {
  role: 'admin',
  query: tailQuerySchema,
  host: 'name',
});
