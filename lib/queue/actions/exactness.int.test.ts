import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hostQueue } from '@/lib/queue/host-queues';
import { queueName } from '@/lib/queue/index-store';
import { executeAction } from './execute';
import { hostDeps, refreshIndex } from './host-deps';
import {
  kickPickup,
  plantTagged,
  postponeRetry,
  postqueueListing,
  removeLocally,
  spoolListing,
  type Plant,
  type PlantedMessage,
} from '@/scripts/lab-bigqueue/plant';
import { createRng } from '@/scripts/lab-bigqueue/random';
import type { QueueFilter } from '@/lib/queue/schemas';
import { ELIGIBLE } from './select';
import type { QueueAction } from './schemas';

vi.mock('server-only', () => ({}));

// Randomised exactness on the lab: messages with this run's own logins, IPs
// and sender domains are planted, then many random filter actions run
// through the real path (incremental refresh over SSH, the page's filter,
// postsuper with ids on stdin). After each, the whole queue as Postfix has
// it (postqueue -j, or the spool itself when the lab holds a 300k queue and
// showq would take minutes) is compared with the generator's own
// evaluation of the filter on its ground truth.

const HOST = 'lab';
const N = Number(process.env.MW_EXACTNESS_MESSAGES ?? 3000);
const ROUNDS = Number(process.env.MW_EXACTNESS_ROUNDS ?? 36);
const SEED = Number(process.env.MW_EXACTNESS_SEED ?? Date.now() % 2 ** 31);
const admin = { role: 'admin' as const, domains: [] };

type Truth = Omit<PlantedMessage, 'queue'> & { queue: string };
let plant: Plant;
const model = new Map<string, Truth>();
const retired = new Set<string>();

const domainOf = (a: string) => (a.includes('@') ? a.slice(a.lastIndexOf('@') + 1).toLowerCase() : '');

function matches(m: Truth, f: QueueFilter): boolean {
  return (
    (f.saslUser === undefined || m.saslUser === f.saslUser) &&
    (f.clientIp === undefined || m.clientIp === f.clientIp) &&
    (f.senderDomain === undefined || domainOf(m.sender) === f.senderDomain) &&
    (f.queue === undefined || m.queue === f.queue)
  );
}

async function listing(): Promise<{ map: Map<string, string>; how: string }> {
  const spool = await spoolListing();
  if (spool.size > 20_000) return { map: spool, how: 'spool' };
  return { map: postqueueListing(), how: 'postqueue -j' };
}

/** Requeued mail comes back under new ids; find them, check they are the same messages, and adopt them. */
async function adoptCopies(requeued: Truth[]): Promise<number> {
  const want = requeued.map((m) => `${m.sender}|${m.saslUser}|${m.clientIp}`).sort();
  const logins = new Set(plant.logins);
  const deadline = Date.now() + 180_000;
  for (;;) {
    kickPickup();
    await new Promise((r) => setTimeout(r, 1500));
    const ix = await refreshIndex(HOST);
    const copies: Truth[] = [];
    let unsettled = 0;
    for (const [id, row] of ix.byId) {
      if (model.has(id) || retired.has(id)) continue;
      const login = ix.str('saslUser', row);
      if (!login || !logins.has(login)) continue;
      const q = queueName(ix.queue[row]!);
      if (q !== 'deferred') unsettled++;
      copies.push({ id, queue: q, sender: ix.str('sender', row) ?? '', saslUser: login, clientIp: ix.str('clientIp', row) });
    }
    if (copies.length === requeued.length && unsettled === 0) {
      expect(copies.map((m) => `${m.sender}|${m.saslUser}|${m.clientIp}`).sort()).toEqual(want);
      for (const c of copies) model.set(c.id, c);
      // Their first retry is minutes away: keep qmgr from moving them to active in the middle of later rounds.
      await postponeRetry(copies.map((c) => c.id));
      return copies.length;
    }
    if (Date.now() > deadline) throw new Error(`requeued copies did not settle: ${copies.length}/${requeued.length}, ${unsettled} not yet deferred`);
  }
}

/** For a failure message: what the model, the spool and the index say about some ids. */
async function explain(extra: string[], missing: string[]) {
  const spool = await spoolListing();
  const ix = hostQueue(HOST).index;
  const about = (id: string) => {
    const row = ix?.byId.get(id);
    return {
      id,
      model: model.get(id) ?? (retired.has(id) ? 'retired' : null),
      spool: spool.get(id) ?? null,
      index:
        row === undefined || !ix
          ? null
          : {
              queue: queueName(ix.queue[row]!),
              mtime: ix.mtime[row],
              sender: ix.str('sender', row),
              sasl: ix.str('saslUser', row),
              ip: ix.str('clientIp', row),
            },
    };
  };
  return { extra: extra.slice(0, 5).map(about), missing: missing.slice(0, 5).map(about) };
}

beforeAll(async () => {
  console.info(`[exactness] seed ${SEED}`);
  plant = await plantTagged(N, SEED);
  for (const m of plant.messages) model.set(m.id, { ...m });
  await refreshIndex(HOST);
}, 900_000);

afterAll(async () => {
  const ids = new Set([...model.keys(), ...retired]);
  if (plant) {
    // Whatever of ours the index still knows (copies in flight included).
    const ix = await refreshIndex(HOST).catch(() => null);
    const logins = new Set(plant.logins);
    if (ix) for (const [id, row] of ix.byId) if (logins.has(ix.str('saslUser', row) ?? '') || (ix.str('sender', row) ?? '').includes(plant.tag)) ids.add(id);
  }
  removeLocally([...ids]);
}, 300_000);

describe('queue actions on the lab', () => {
  it(`run ${ROUNDS} random filter actions touching exactly what the filter says`, async () => {
    const rng = createRng(SEED);
    const actions: QueueAction[] = ['hold', 'hold', 'release', 'release', 'requeue', 'delete', 'delete'];
    const stats = { rounds: 0, passedIds: 0, checked: 0, mismatches: 0, wrongIds: 0, foreignChanged: 0, adopted: 0, listing: '', refreshMs: 0, executeMs: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const f: QueueFilter = {};
      // Always one field only this run has, so nobody else's mail can match.
      const anchor = rng.int(0, 2);
      if (anchor === 0 || rng.next() < 0.3) f.saslUser = rng.pick(plant.logins);
      if (anchor === 1 || rng.next() < 0.3) f.clientIp = rng.pick(plant.ips);
      if (anchor === 2 || rng.next() < 0.3) f.senderDomain = rng.pick(plant.senderDomains);
      if (rng.next() < 0.5) f.queue = rng.pick(['deferred', 'hold'] as const);
      const action = rng.pick(actions);
      const expected = new Set([...model.values()].filter((m) => matches(m, f) && (ELIGIBLE[action] as readonly string[]).includes(m.queue)).map((m) => m.id));
      const before = await listing();
      const out = await executeAction({ action, filter: f, who: admin }, hostDeps(HOST));
      expect(out.failure, JSON.stringify({ round, action, f })).toBeNull();
      const passed = new Set(out.passed);
      const wrong = [...passed].filter((id) => !expected.has(id)).length + [...expected].filter((id) => !passed.has(id)).length;
      stats.wrongIds += wrong;
      if (wrong)
        console.error(
          '[exactness] wrong ids',
          JSON.stringify(
            await explain(
              [...passed].filter((id) => !expected.has(id)),
              [...expected].filter((id) => !passed.has(id)),
            ),
          ),
        );
      expect(wrong, JSON.stringify({ round, action, f, expected: expected.size, passed: passed.size })).toBe(0);
      expect(out.result.acted).toBe(expected.size);
      const requeued: Truth[] = [];
      for (const id of expected) {
        const m = model.get(id)!;
        if (action === 'hold') m.queue = 'hold';
        else if (action === 'release') m.queue = 'deferred';
        else {
          model.delete(id);
          retired.add(id);
          if (action === 'requeue') requeued.push(m);
        }
      }
      const after = await listing();
      stats.listing = after.how;
      const off: string[] = [];
      for (const [id, m] of model) {
        stats.checked++;
        if (after.map.get(id) !== m.queue) off.push(id);
      }
      stats.mismatches += off.length;
      expect(off.length, JSON.stringify({ round, action, f, off: await explain([], off.slice(0, 5)) })).toBe(0);
      for (const m of requeued) {
        stats.checked++;
        // Gone from its queue: in maildrop/incoming/active on its way back, or already re-queued under a new id.
        if (['deferred', 'hold'].includes(after.map.get(m.id) ?? '')) stats.mismatches++;
      }
      for (const [id, q] of before.map)
        if (!expected.has(id) && !model.has(id) && !retired.has(id) && after.map.has(id) && after.map.get(id) !== q) stats.foreignChanged++;
      if (requeued.length) stats.adopted += await adoptCopies(requeued);
      stats.rounds++;
      stats.passedIds += passed.size;
      stats.refreshMs += out.result.phases.refreshMs;
      stats.executeMs += out.result.phases.executeMs;
    }
    console.info(`[exactness] seed ${SEED}, ${N} planted: ${JSON.stringify(stats)}`);
    expect(stats.mismatches).toBe(0);
    expect(stats.passedIds).toBeGreaterThan(ROUNDS * 5);
  }, 1_800_000);
});
