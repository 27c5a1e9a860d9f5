import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

// A login's forged senders live in the lab's MariaDB (mw_forged_sender): what
// one console process stored, a fresh one (a restart, or a second process:
// module state reset) finds, and the bounceOf filter with it, though the
// login's own mail is gone from the queue. The table keeps at most its bound
// per login.

const root = path.resolve(__dirname, '../..');
for (const line of readFileSync(path.join(root, '.env.local'), 'utf8').split('\n')) {
  const m = /^([A-Z_]+)=(.*)$/.exec(line);
  if (m && !process.env[m[1]!]) process.env[m[1]!] = m[2]!;
}

const HOST = `int-${randomBytes(3).toString('hex')}`;
const LOGIN = 'Thief@Example.com';
const { db } = await import('@/lib/db');

/** The module as a new console process sees it: nothing in memory. */
async function freshProcess() {
  vi.resetModules();
  return { store: await import('./forged-senders'), resolve: await import('./bounce-resolve'), index: await import('./index-store') };
}

afterAll(async () => {
  await db().mwForgedSender.deleteMany({ where: { host: HOST } });
});

describe('forged senders in MariaDB', () => {
  it('what one process stored, another finds after a restart, lower case, once each', async () => {
    const a = await freshProcess();
    expect(await a.store.storeSenders(HOST, LOGIN, ['x@yahoo.com', 'Y@163.com', 'x@yahoo.com'])).toBe(2);
    // The same senders again cost no write.
    expect(await a.store.storeSenders(HOST, LOGIN, ['X@Yahoo.com'])).toBe(0);
    const b = await freshProcess();
    expect([...(await b.store.loadSenders(HOST, 'thief@example.com'))].sort()).toEqual(['x@yahoo.com', 'y@163.com']);
    // bounceOf's senders with the login's mail gone from the queue (an empty index): the stored ones.
    const senders = await b.resolve.rememberForgedSenders(HOST, new b.index.QueueIndex(), LOGIN);
    expect([...senders].sort()).toEqual(['x@yahoo.com', 'y@163.com']);
    // The maillog's senders, remembered by the report, are there for the next process too.
    await b.resolve.rememberSenders(HOST, LOGIN, ['z@qq.com']);
    const c = await freshProcess();
    expect([...(await c.store.loadSenders(HOST, LOGIN))].sort()).toEqual(['x@yahoo.com', 'y@163.com', 'z@qq.com']);
  });

  it('keeps at most the bound per login, whatever two processes add', async () => {
    const login = 'bound@example.com';
    const many = Array.from({ length: 2_500 }, (_, i) => `s${i}@forged.test`);
    const a = await freshProcess();
    const b = await freshProcess();
    expect(await a.store.storeSenders(HOST, login, many.slice(0, 1_500), 2_000)).toBe(1_500);
    // A second process, which has not seen the first one's writes in memory, reads the table first.
    expect(await b.store.storeSenders(HOST, login, many, 2_000)).toBe(500);
    expect(await db().mwForgedSender.count({ where: { host: HOST, login } })).toBe(2_000);
    expect(await a.store.storeSenders(HOST, login, ['late@forged.test'], 2_000)).toBe(0);
    expect(await db().mwForgedSender.count({ where: { host: HOST, login } })).toBe(2_000);
  });
});
