// POST /api/auth/logout — end the current session.
import { cookies } from 'next/headers';
import { withAuth } from '@/lib/api/with-auth';
import { destroySession, SESSION_COOKIE } from '@/lib/auth/session';

export const POST = withAuth(async ({ audit }) => {
  const jar = await cookies();
  await destroySession(jar.get(SESSION_COOKIE)?.value);
  jar.delete(SESSION_COOKIE);
  await audit({ action: 'logout', ok: true });
  return Response.json({ ok: true });
});
