// POST /api/auth/login — sign in with an extman manager account; sets the session cookie.
import { cookies } from 'next/headers';
import { AppError, errorResponse } from '@/lib/errors';
import { clientIpOf, isHttps, originAllowed, userAgentOf } from '@/lib/api/request-meta';
import { jsonBody } from '@/lib/api/with-auth';
import { login } from '@/lib/auth/login';
import { loginSchema } from '@/lib/auth/schemas';
import { sessionCookie } from '@/lib/auth/session';

export async function POST(req: Request) {
  try {
    if (!originAllowed(req)) throw new AppError('bad_origin', 'Cross-site request refused.');
    const body = loginSchema.parse(await jsonBody(req));
    const result = await login(body, { clientIp: clientIpOf(req), userAgent: userAgentOf(req) });
    (await cookies()).set(sessionCookie(result.session.token, result.session.expiresAt, isHttps(req)));
    return Response.json({ manager: result.manager, warnings: result.warnings });
  } catch (err) {
    return errorResponse(err);
  }
}
