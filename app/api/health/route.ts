// GET /api/health — public readiness check: both databases reachable, the console's schema current.
import { extmailDb } from '@/lib/db';
import { schemaState } from '@/lib/schema/status';

type Up = 'up' | 'down';

export async function GET() {
  const [extmail, mailwarden] = await Promise.allSettled([extmailDb().$queryRaw`SELECT 1`, schemaState()]);
  const databases: { extmail: Up; mailwarden: Up } = {
    extmail: extmail.status === 'fulfilled' ? 'up' : 'down',
    mailwarden: mailwarden.status === 'fulfilled' ? 'up' : 'down',
  };
  const schema = mailwarden.status === 'fulfilled' ? mailwarden.value.schema : 'unknown';
  const ok = databases.extmail === 'up' && schema === 'current';
  // `database` (both up) stays for monitors written against the earlier answer.
  const database: Up = databases.extmail === 'up' && databases.mailwarden === 'up' ? 'up' : 'down';
  // Names of missing migrations are not secret (they ship in the repository), and say what to run.
  const missing = mailwarden.status === 'fulfilled' ? mailwarden.value.missing : undefined;
  return Response.json({ ok, database, databases, schema, ...(missing?.length ? { missing } : {}) }, { status: ok ? 200 : 503 });
}
