// GET /api/hosts/{host}/logs/tail — live tail of the maillog as Server-Sent Events; administrators only.
import { withAuth } from '@/lib/api/with-auth';
import { hostParam } from '@/lib/maillog/route-params';
import { tailQuerySchema } from '@/lib/maillog/schemas';
import { tailResponse } from '@/lib/maillog/tail';

// A stream that lasts as long as the browser listens: never cached, never pre-rendered.
export const dynamic = 'force-dynamic';

export const GET = withAuth<{ host: string }>(
  async ({ req, params }) => {
    const { lines } = tailQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return tailResponse(hostParam(params.host), lines, req.signal);
  },
  { role: 'admin' },
);
