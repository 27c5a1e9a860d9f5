// GET /api/hosts/{host}/enroll-script — the enroll script to read before running it on the mail host (public key and settings only).
import { withAuth } from '@/lib/api/with-auth';
import { ownOriginOf } from '@/lib/api/request-meta';
import { enrollScriptFor } from '@/lib/hosts/enrollment';
import { scriptResponse } from '@/lib/hosts/script-response';

export const GET = withAuth(
  async ({ req, host }) => {
    return scriptResponse(host, await enrollScriptFor(host, ownOriginOf(req)));
  },
  { role: 'admin', host: 'name' },
);
