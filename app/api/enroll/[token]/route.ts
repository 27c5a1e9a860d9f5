// GET /api/enroll/{token} — the enroll script for the one-line command on a mail host (no login: the token is the key; it expires within an hour).
import { recordAudit } from '@/lib/audit/record';
import { errorResponse, notFound } from '@/lib/errors';
import { clientIpOf, ownOriginOf } from '@/lib/api/request-meta';
import { enrollScriptFor, hostOfEnrollToken } from '@/lib/hosts/enrollment';
import { scriptResponse } from '@/lib/hosts/script-response';

export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const host = await hostOfEnrollToken((await params).token);
    // Unknown, malformed and expired tokens look alike.
    if (!host) throw notFound('Enroll token');
    const script = await enrollScriptFor(host, ownOriginOf(req));
    await recordAudit({ action: 'host.enroll-fetched', target: host, host, actor: 'enroll-token', role: 'admin', clientIp: clientIpOf(req), ok: true });
    return scriptResponse(host, script);
  } catch (err) {
    return errorResponse(err);
  }
}
