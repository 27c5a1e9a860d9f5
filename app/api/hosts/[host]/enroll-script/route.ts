// GET /api/hosts/{host}/enroll-script — the enroll script to read before running it on the mail host (public key and settings only).
import { withAuth } from '@/lib/api/with-auth';
import { ownOriginOf } from '@/lib/api/request-meta';
import { enrollScriptFor } from '@/lib/hosts/enrollment';
import { hostParam } from '@/lib/hosts/route-params';
import { scriptResponse } from '@/lib/hosts/script-response';

export const GET = withAuth<{ host: string }>(
  async ({ req, params }) => {
    const name = hostParam(params.host);
    return scriptResponse(name, await enrollScriptFor(name, ownOriginOf(req)));
  },
  { role: 'admin' },
);
