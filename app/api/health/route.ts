// GET /api/health — public liveness check: is the console up and its database reachable.
import { db } from '@/lib/db';

export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ ok: true, database: 'up' });
  } catch {
    return Response.json({ ok: false, database: 'down' }, { status: 503 });
  }
}
