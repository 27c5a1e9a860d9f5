// GET /api/health — public readiness check: both databases reachable, the console's schema current.
import { extmailDb } from '@/lib/db';
import { schemaState } from '@/lib/schema/status';

type Up = 'up' | 'down';

// A database that does not answer is down for a monitor; the pool would wait far longer.
const within = <T>(p: Promise<T>, ms = 3000) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

export async function GET() {
  const [extmail, mailwarden] = await Promise.allSettled([within(extmailDb().$queryRaw`SELECT 1`), within(schemaState())]);
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
