// GET /api/mailboxes/weak-passwords — the last sweep's progress and the mailboxes it flagged (admin).
import { withAuth } from '@/lib/api/with-auth';
import { weakPasswords } from '@/lib/passwords/weak-passwords';

export const GET = withAuth(async () => Response.json(await weakPasswords(), { headers: { 'cache-control': 'no-store' } }), { role: 'admin' });
