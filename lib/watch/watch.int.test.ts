import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { limiterFor } from '@/lib/ssh/connection';
import { postsuperMove } from './containment';
import { baselines, recordHourly, recordLogins } from './history';
import { WatchLocks } from './lock';
import { countQueues, countWithPostqueue, countWithReader } from './queue-counts';

// server-only guards the Next bundles; under Vitest there is no bundle to guard.
vi.mock('server-only', () => ({}));

// Against the lab (this machine runs it): the queue seen over SSH against
// the queue seen locally, a real hold and release, the history tables, and
// the named lock between two connections.

const tag = randomBytes(4).toString('hex');
const HOUR = 3_600_000;

// Counted from the spool directories (root on the lab machine), not from postqueue.
function localQueue(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const q of ['incoming', 'active', 'deferred', 'hold', 'maildrop']) {
    out[q] = Number(execFileSync('sh', ['-c', 'find "$1" -type f | wc -l', 'sh', `/var/spool/postfix/${q}`], { encoding: 'utf8' }).trim());
  }
  return out;
}
const total = (q: Record<string, number>) => Object.values(q).reduce((a, b) => a + b, 0);
// A full postqueue -j of a benchmark-sized queue takes minutes; above this the exact comparison is skipped.
const EXACT_UP_TO = 20_000;

afterAll(async () => {
  await db().mwWatchLogin.deleteMany({ where: { saslUser: { startsWith: `int-${tag}` } } });
  await db().mwWatchUserHour.deleteMany({ where: { saslUser: { startsWith: `int-${tag}` } } });
});

describe('queue counts over SSH', () => {
  it("match the spool on the host, per queue, from the reader's directory listings at any size", async () => {
    const before = localQueue();
    const s = await countWithReader('lab', 30_000);
    const after = localQueue();
    expect(s.complete).toBe(true);
    expect(s.total).toBeGreaterThanOrEqual(Math.min(total(before), total(after)));
    expect(s.total).toBeLessThanOrEqual(Math.max(total(before), total(after)));
    // What the watcher and the dashboard call: the same exact count.
    expect((await countQueues('lab', { cap: 10, timeoutMs: 30_000 })).complete).toBe(true);
    for (const q of Object.keys(before)) if (before[q] === after[q]) expect(s.counts[q as keyof typeof s.counts], q).toBe(before[q]);
  });

  it('match it with postqueue -j too, where there is no reader', async () => {
    const before = localQueue();
    if (total(before) > EXACT_UP_TO) return;
    const s = await countWithPostqueue('lab', { cap: 1_000_000, timeoutMs: 120_000 });
    const after = localQueue();
    expect(s.complete).toBe(true);
    expect(s.total).toBeGreaterThanOrEqual(Math.min(total(before), total(after)));
    expect(s.total).toBeLessThanOrEqual(Math.max(total(before), total(after)));
    if (total(before) === total(after)) expect(s.counts.hold).toBe(before.hold ?? 0);
  });

  it('with postqueue, stop at the cap, say the count is a lower bound, and give the SSH channel back', async () => {
    if (total(localQueue()) < 3) return;
    for (let i = 0; i < 9; i++) {
      const s = await countWithPostqueue('lab', { cap: 2, timeoutMs: 60_000 });
      expect(s.complete).toBe(false);
      expect(s.total).toBeGreaterThanOrEqual(2);
    }
    // Nine stopped listings: more than the host's eight channel slots, had any of them leaked.
    await expect.poll(() => limiterFor('lab').running, { timeout: 5000 }).toBe(0);
  });
});

describe('holding and releasing by queue id', () => {
  it('moves exactly the named message to hold and back', async () => {
    const out = execFileSync(
      'swaks',
      [
        '--server',
        '127.0.0.1:25',
        '-li',
        '127.0.0.41',
        '--auth',
        'LOGIN',
        '--auth-user',
        'test1@example.com',
        '--auth-password',
        '123456',
        '--from',
        'test1@example.com',
        '--to',
        `int-${tag}@gmail.com`,
        '--header',
        `Subject: watch int ${tag}`,
      ],
      { encoding: 'utf8' },
    );
    const id = /queued as ([0-9A-Za-z]+)/.exec(out)?.[1];
    expect(id).toBeTruthy();
    try {
      const held = await postsuperMove('lab', [id!, 'ABCDEF0123'], '-h');
      expect(held).toEqual({ moved: [id], error: null });
      expect(execFileSync('find', ['/var/spool/postfix/hold', '-name', id!], { encoding: 'utf8' }).trim()).toBe(`/var/spool/postfix/hold/${id}`);
      const released = await postsuperMove('lab', [id!], '-H');
      expect(released.moved).toEqual([id]);
    } finally {
      execFileSync('postsuper', ['-d', id!], { stdio: 'ignore' });
    }
  });
});

describe('watch history', () => {
  it('reports an IP as new only for a user it already knows, and keeps counting', async () => {
    const user = `int-${tag}-a@example.com`;
    const now = Date.now();
    expect(await recordLogins([{ user, ip: '10.1.0.1', first: now, last: now, count: 3 }], now)).toEqual([]);
    expect(await recordLogins([{ user, ip: '10.1.0.1', first: now, last: now, count: 1 }], now)).toEqual([]);
    expect(await recordLogins([{ user, ip: '10.1.0.2', first: now, last: now, count: 1 }], now)).toEqual([{ user, ip: '10.1.0.2', knownIps: 1 }]);
    const row = await db().mwWatchLogin.findUnique({ where: { saslUser_ip: { saslUser: user, ip: '10.1.0.1' } } });
    expect(row?.logins).toBe(4);
  });

  it('averages a user’s past hours into its baseline', async () => {
    const user = `int-${tag}-b@example.com`;
    const now = Date.now();
    const thisHour = Math.floor(now / HOUR) * HOUR;
    await recordHourly('lab', [
      { user, hour: thisHour - 2 * HOUR, messages: 30, recipients: 60 },
      { user, hour: thisHour, messages: 500, recipients: 500 },
    ]);
    await recordHourly('lab', [{ user, hour: thisHour - 2 * HOUR, messages: 18, recipients: 20 }]);
    const since = new Date(thisHour - 48 * HOUR);
    const b = await baselines('lab', [user, `int-${tag}-silent@example.com`], now, since);
    expect(b.get(user)).toBeCloseTo(48 / 48, 5);
    expect(b.get(`int-${tag}-silent@example.com`)).toBe(0);
    expect((await baselines('lab', [user], now, new Date(thisHour - 5 * HOUR))).size).toBe(0);
  });
});

describe('one watcher per host', () => {
  it('lets only one connection hold a host’s lock, and frees it when that one goes', async () => {
    const host = `int-${tag}`;
    const a = new WatchLocks(() => undefined);
    const b = new WatchLocks(() => undefined);
    try {
      expect(await a.tryAcquire(host)).toBe(true);
      expect(await b.tryAcquire(host)).toBe(false);
      await a.close();
      expect(await b.tryAcquire(host)).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
