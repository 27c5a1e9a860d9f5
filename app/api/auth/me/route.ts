// GET /api/auth/me — who is signed in, with role and domains.
import { withAuth } from '@/lib/api/with-auth';

export const GET = withAuth(async ({ principal }) => Response.json({ username: principal.username, role: principal.role, domains: principal.domains }));
