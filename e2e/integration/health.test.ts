import type mysql from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { rootConnection } from '@/scripts/bench/extmail-db';
import { consoleDatabaseUrls } from '@/scripts/env-local';

// GET /api/health against real databases: the lab's (current), an empty
// console database made here (behind: the console would answer 500s), and an
// extmail that cannot be reached.

const SCRATCH = 'mwtest_health_empty';
const urls = consoleDatabaseUrls();
const saved = { ...process.env };
let root: mysql.Connection;

type Health = { ok: boolean; database: string; databases: { extmail: string; mailwarden: string }; schema: string; missing?: string[] };

/** The route with a fresh environment and fresh clients, as a newly started console would have. */
async function health(env: Record<string, string>): Promise<{ status: number; body: Health }> {
  Object.assign(process.env, env);
  const g = globalThis as unknown as Record<string, { $disconnect(): Promise<void> } | undefined>;
  for (const k of ['mailwardenDb', 'mailwardenExtmailDb']) {
    await g[k]?.$disconnect();
    delete g[k];
  }
  vi.resetModules();
  const { GET } = await import('@/app/api/health/route');
  const res = await GET();
  return { status: res.status, body: (await res.json()) as Health };
}

beforeAll(async () => {
  root = await rootConnection();
  const user = decodeURIComponent(new URL(urls.mailwarden).username);
  await root.query(`DROP DATABASE IF EXISTS \`${SCRATCH}\``);
  await root.query(`CREATE DATABASE \`${SCRATCH}\``);
  for (const h of ['localhost', '127.0.0.1']) await root.query(`GRANT SELECT ON \`${SCRATCH}\`.* TO ?@?`, [user, h]);
});

afterEach(() => {
  process.env = { ...saved };
});

afterAll(async () => {
  const user = decodeURIComponent(new URL(urls.mailwarden).username);
  for (const h of ['localhost', '127.0.0.1']) await root.query(`REVOKE ALL PRIVILEGES ON \`${SCRATCH}\`.* FROM ?@?`, [user, h]).catch(() => undefined);
  await root.query(`DROP DATABASE IF EXISTS \`${SCRATCH}\``);
  await root.end();
  await health({}); // leave no clients on the scratch URLs
});

describe('GET /api/health', () => {
  it('is 200 with both databases up and every migration applied on the lab', async () => {
    const { status, body } = await health({ DATABASE_URL: urls.extmail, MW_DATABASE_URL: urls.mailwarden });
    expect(body).toMatchObject({ ok: true, database: 'up', databases: { extmail: 'up', mailwarden: 'up' }, schema: 'current' });
    expect(status).toBe(200);
  });

  it('is 503 "behind" with the missing migrations when the console database lacks its tables', async () => {
    const empty = Object.assign(new URL(urls.mailwarden), { pathname: `/${SCRATCH}` }).toString();
    const { status, body } = await health({ DATABASE_URL: urls.extmail, MW_DATABASE_URL: empty });
    expect(status).toBe(503);
    expect(body).toMatchObject({ ok: false, databases: { extmail: 'up', mailwarden: 'up' }, schema: 'behind' });
    expect(body.missing?.[0]).toBe('0001_console_tables');
  });

  it('is 503 with extmail down when extman\u2019s database cannot be reached', async () => {
    const down = Object.assign(new URL(urls.extmail), { port: '1' }).toString();
    const { status, body } = await health({ DATABASE_URL: down, MW_DATABASE_URL: urls.mailwarden });
    expect(status).toBe(503);
    expect(body).toMatchObject({ ok: false, database: 'down', databases: { extmail: 'down', mailwarden: 'up' }, schema: 'current' });
  });
});
