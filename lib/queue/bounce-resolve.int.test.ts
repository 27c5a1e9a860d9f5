import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { executeAction } from '@/lib/queue/actions/execute';
import { hostDeps, refreshIndex } from '@/lib/queue/actions/host-deps';
import { selectTargets } from '@/lib/queue/actions/select';
import { removeLocally, spoolListing, writeTarget } from '@/scripts/lab-bigqueue/plant';
import { createRng } from '@/scripts/lab-bigqueue/random';
import { writeMessage } from '@/scripts/lab-bigqueue/writer';
import { db } from '@/lib/db';
import { filterContext } from './bounce-resolve';

vi.mock('server-only', () => ({}));

// bounceOf on the lab, through the real path: bounces planted as queue files
// for a login of this run only (to its forged senders, and decoys to
// strangers at the same domains and elsewhere), an incremental refresh over
// SSH, the recipients read with mw-postfix envelopes, then a delete by the
// filter. What is counted is what postsuper deletes; the decoys stay.
// MW_BOUNCEOF_MESSAGES sets how many matching bounces are planted.

const HOST = 'lab';
const N = Number(process.env.MW_BOUNCEOF_MESSAGES ?? 2000);
const admin = { role: 'admin' as const, domains: [] };
const tag = `mw${randomBytes(4).toString('hex')}`;
const LOGIN = `spam@${tag}.test`;
const FORGED = Array.from({ length: 20 }, (_, k) => `f${k}@forged${k % 3}.${tag}.test`);
const planted = { spam: [] as string[], matching: [] as string[], decoys: [] as string[] };

beforeAll(async () => {
  const t = await writeTarget();
  const rng = createRng(1616);
  const now = Math.floor(Date.now() / 1000);
  const plan = (sender: string, recipients: string[], login: string | null, queue: 'hold' | 'deferred') => ({
    kind: login ? ('botnet' as const) : ('backscatter' as const),
    queue,
    arrival: { sec: now - rng.int(60, 7200), usec: 0 },
    sender,
    sasl: login ? { method: 'LOGIN', username: login } : null,
    client: login ? { address: '10.251.0.7', port: 40000, name: 'unknown', helo: 'pc' } : null,
    recipients,
    subject: `bounceOf ${tag}`,
    targetSize: 600,
  });
  const write = async (list: string[], p: ReturnType<typeof plan>) => list.push((await writeMessage(p, t, rng)).id);
  try {
    for (const f of FORGED) await write(planted.spam, plan(f, [`v@victim.${tag}.test`], LOGIN, 'hold'));
    for (let i = 0; i < N; i++) await write(planted.matching, plan('', [rng.pick(FORGED)], null, rng.next() < 0.2 ? 'hold' : 'deferred'));
    for (let i = 0; i < Math.max(10, N / 10); i++) {
      const stranger = i % 3 === 0 ? `someone${i}@elsewhere.${tag}.test` : `stranger${i}@forged${i % 3}.${tag}.test`;
      await write(planted.decoys, plan('', i % 5 === 0 ? [rng.pick(FORGED), stranger] : [stranger], null, 'deferred'));
    }
  } finally {
    await rm(t.tmpDir, { recursive: true, force: true });
  }
});

afterAll(async () => {
  removeLocally([...planted.spam, ...planted.matching, ...planted.decoys]);
  // The login's forged senders, stored in MariaDB by the filter (forged-senders.ts).
  await db().mwForgedSender.deleteMany({ where: { host: HOST, login: LOGIN.toLowerCase() } });
});

describe('bounceOf on the lab', () => {
  it('counts exactly the bounces to the login’s forged senders and deletes exactly those', async () => {
    const ix = await refreshIndex(HOST);
    const t0 = Date.now();
    const ctx = await filterContext(HOST, ix, { bounceOf: LOGIN });
    const coldMs = Date.now() - t0;
    const t1 = Date.now();
    await filterContext(HOST, ix, { bounceOf: LOGIN });
    const warmMs = Date.now() - t1;
    const now = Math.floor(Date.now() / 1000);
    const counted = selectTargets(ix, { action: 'delete', filter: { bounceOf: LOGIN } }, admin, now, ctx).ids;
    expect([...counted].sort()).toEqual([...planted.matching].sort());

    const outcome = await executeAction({ action: 'delete', filter: { bounceOf: LOGIN }, who: admin }, hostDeps(HOST));
    expect(outcome.failure).toBeNull();
    expect(outcome.result.requested).toBe(N);
    expect(outcome.result.acted).toBe(N);
    expect([...outcome.acted].sort()).toEqual([...planted.matching].sort());

    const spool = await spoolListing();
    expect(planted.matching.filter((id) => spool.has(id))).toEqual([]);
    expect([...planted.decoys, ...planted.spam].filter((id) => !spool.has(id))).toEqual([]);
    console.log(
      JSON.stringify({
        bounceOf: { matching: N, decoys: planted.decoys.length, coldMs, warmMs, deleteMs: outcome.result.durationMs, phases: outcome.result.phases },
      }),
    );
  });
});
