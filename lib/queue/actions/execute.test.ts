import { describe, expect, it, vi } from 'vitest';
import type { QueueName } from '@/lib/postfix/envelope';
import { queueName } from '@/lib/queue/index-store';
import { ScanDecoder } from '@/lib/queue/scan-protocol';
import { scanLines, type FakeMessage } from '@/test/queue/test-fixtures';
import { batchesOf, executeAction, type ExecuteDeps } from './execute';
import { incident, indexOf, NOW } from '@/test/queue/index-fixture';
import type { PostsuperFlag } from '@/lib/postfix/postsuper';

const admin = { role: 'admin' as const, domains: [] };
const VERB = { '-d': 'removed', '-h': 'placed on hold', '-H': 'released from hold', '-r': 'requeued' } as const;

/** A queue in memory that a fake postsuper changes and a fake reader pass re-reads. */
function fakeHost(messages: FakeMessage[]) {
  const queue = new Map(messages.map((m) => [m.id, { ...m }]));
  const ix = indexOf([...queue.values()]);
  const calls: { flag: PostsuperFlag; ids: string[] }[] = [];
  let flushes = 0;
  const deps: ExecuteDeps = {
    async refresh() {
      for (const id of [...ix.byId.keys()]) if (!queue.has(id)) ix.remove(id);
      const dec = new ScanDecoder(ix.pool);
      for (const line of scanLines([...queue.values()])) {
        const ev = dec.decode(line);
        if (ev?.kind === 'row') ix.upsert(ev.row);
      }
      return ix;
    },
    async postsuper(flag, stdin) {
      const ids = stdin.split('\n').filter(Boolean);
      calls.push({ flag, ids });
      const lines: string[] = [];
      for (const id of ids) {
        const m = queue.get(id);
        if (!m) continue;
        if (flag === '-d') queue.delete(id);
        else m.queue = ({ '-h': 'hold', '-H': 'deferred', '-r': 'maildrop' } as const)[flag];
        lines.push(`postsuper: ${id}: ${VERB[flag]}`);
      }
      lines.push(`postsuper: ${{ '-d': 'Deleted', '-h': 'Placed on hold', '-H': 'Released from hold', '-r': 'Requeued' }[flag]}: ${lines.length} messages`);
      return { stderr: lines.join('\n') + '\n' };
    },
    async flushAll() {
      flushes++;
    },
  };
  return { queue, ix, deps, calls, flushes: () => flushes };
}

const qOf = (q: Map<string, FakeMessage>, id: string): QueueName | undefined => q.get(id)?.queue ?? (q.has(id) ? 'deferred' : undefined);

describe('executeAction', () => {
  it('holds exactly the matching messages not already held, and moves them in the index', async () => {
    const messages = incident(2000, 3);
    const h = fakeHost(messages);
    const before = new Map(messages.map((m) => [m.id, m.queue ?? 'deferred']));
    const out = await executeAction({ action: 'hold', filter: { clientIp: '127.0.0.66' }, who: admin, now: () => NOW * 1000 }, h.deps);
    const want = messages.filter((m) => m.clientIp === '127.0.0.66' && m.queue !== 'hold').map((m) => m.id);
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]!.ids.sort()).toEqual([...want].sort());
    expect(out.result).toMatchObject({ requested: want.length, acted: want.length, notActed: 0, postsuper: { held: want.length }, runs: 1 });
    for (const m of messages) {
      const expected = want.includes(m.id) ? 'hold' : before.get(m.id);
      expect(qOf(h.queue, m.id), m.id).toBe(expected);
      // The index follows without a rescan.
      expect(queueName(h.ix.queue[h.ix.byId.get(m.id)!]!), m.id).toBe(expected);
    }
  });

  it('includes what arrived since the preview, reports what left, and touches nothing else', async () => {
    const messages = incident(500, 11);
    const h = fakeHost(messages);
    const f = { saslUser: 'info@example.com', queue: 'deferred' as const };
    const preview = { ids: messages.filter((m) => m.saslUser === 'info@example.com' && (m.queue ?? 'deferred') === 'deferred').map((m) => m.id) };
    // After the preview: two new matching messages, one non-matching, three matching ones delivered.
    const arrived: FakeMessage[] = [
      { id: 'C00000000001', arrival: NOW, sender: 'q@163.com', saslUser: 'info@example.com', clientIp: '127.0.0.66', queue: 'deferred' },
      { id: 'C00000000002', arrival: NOW, sender: 'r@163.com', saslUser: 'info@example.com', clientIp: '127.0.0.66', queue: 'deferred' },
      { id: 'C00000000003', arrival: NOW, sender: 'alice@example.com', saslUser: 'alice@example.com', clientIp: '192.0.2.21', queue: 'deferred' },
    ];
    for (const m of arrived) h.queue.set(m.id, m);
    const left = preview.ids.slice(0, 3);
    for (const id of left) h.queue.delete(id);
    const out = await executeAction({ action: 'delete', filter: f, preview, who: admin, now: () => NOW * 1000 }, h.deps);
    expect(out.result.arrivedSincePreview).toBe(2);
    expect(out.result.gone).toBe(3);
    expect(out.result.noLongerMatching).toBe(0);
    expect(out.result.requested).toBe(preview.ids.length - 3 + 2);
    expect(h.queue.has('C00000000003')).toBe(true);
    expect([...h.queue.values()].filter((m) => m.saslUser === 'info@example.com' && (m.queue ?? 'deferred') === 'deferred')).toEqual([]);
    // Gone from the index too, without a rescan.
    for (const id of h.calls[0]!.ids) expect(h.ix.byId.has(id)).toBe(false);
  });

  it('runs nothing when the check before execution refuses (confirmation)', async () => {
    const h = fakeHost(incident(300, 5));
    const beforeExecute = vi.fn(() => {
      throw new Error('type info@example.com to confirm');
    });
    await expect(executeAction({ action: 'delete', filter: { saslUser: 'info@example.com' }, who: admin }, { ...h.deps, beforeExecute })).rejects.toThrow(
      /confirm/,
    );
    expect(beforeExecute).toHaveBeenCalledOnce();
    expect(h.calls).toEqual([]);
  });

  it('reports ids postsuper did not handle (they left between the refresh and the run)', async () => {
    const messages = incident(200, 9);
    const h = fakeHost(messages);
    const ids = messages.filter((m) => m.queue === 'hold').map((m) => m.id);
    const vanish = ids[0]!;
    const deps: ExecuteDeps = { ...h.deps, postsuper: (flag, stdin) => (h.queue.delete(vanish), h.deps.postsuper(flag, stdin)) };
    const out = await executeAction({ action: 'release', ids, who: admin }, deps);
    expect(out.result).toMatchObject({ requested: ids.length, acted: ids.length - 1, notActed: 1, gone: 0 });
    expect(out.acted).not.toContain(vanish);
  });

  it('flushes the whole deferred queue with postqueue -f, passing no ids', async () => {
    const h = fakeHost(incident(50, 2));
    const out = await executeAction({ action: 'flush', filter: {}, who: admin }, h.deps);
    expect(h.flushes()).toBe(1);
    expect(h.calls).toEqual([]);
    expect(out.result.flushedAll).toBe(true);
  });

  it('flushes a selection by requeueing its deferred messages only', async () => {
    const messages = incident(300, 4);
    const h = fakeHost(messages);
    const out = await executeAction({ action: 'flush', filter: { clientIp: '127.0.0.66' }, who: admin }, h.deps);
    expect(h.flushes()).toBe(0);
    expect(h.calls[0]!.flag).toBe('-r');
    expect(h.calls[0]!.ids.every((id) => messages.find((m) => m.id === id)!.queue === 'deferred')).toBe(true);
    expect(out.result.skippedByQueue.hold ?? 0).toBe(messages.filter((m) => m.clientIp === '127.0.0.66' && m.queue === 'hold').length);
  });
});

describe('batchesOf', () => {
  it('keeps each postsuper run within the stderr budget: at most 20,000 short ids, fewer long ones', () => {
    const short = Array.from({ length: 45_000 }, (_, i) => `A${i.toString(16).toUpperCase().padStart(10, '0')}`);
    expect(batchesOf(short).map((b) => b.length)).toEqual([20_000, 20_000, 5_000]);
    const long = Array.from({ length: 45_000 }, (_, i) => `4bXkQ2Lm9Pz${i.toString().padStart(8, '1')}`);
    const sizes = batchesOf(long).map((b) => b.length);
    expect(Math.max(...sizes)).toBeLessThan(20_000);
    expect(sizes.reduce((a, b) => a + b)).toBe(45_000);
  });
});

describe('executeAction when postsuper fails part-way', () => {
  it('stops, keeps what the earlier runs did in the index and reports the error', async () => {
    const messages = Array.from({ length: 25_000 }, (_, i) => ({
      id: `D${i.toString(16).toUpperCase().padStart(10, '0')}`,
      arrival: NOW - 60,
      sender: 'x@yahoo.com',
      saslUser: 'info@example.com',
      clientIp: '127.0.0.66',
    }));
    const h = fakeHost(messages);
    let run = 0;
    const deps: ExecuteDeps = {
      ...h.deps,
      postsuper: async (flag, stdin) => {
        if (++run === 2) throw new Error('connection lost');
        return h.deps.postsuper(flag, stdin);
      },
    };
    const out = await executeAction({ action: 'hold', filter: { clientIp: '127.0.0.66' }, who: admin }, deps);
    expect(out.result).toMatchObject({ requested: 25_000, acted: 20_000, notActed: 5_000, runs: 2, error: 'connection lost' });
    expect(out.failure).toBeInstanceOf(Error);
    const held = out.acted.filter((id) => queueName(h.ix.queue[h.ix.byId.get(id)!]!) === 'hold');
    expect(held).toHaveLength(20_000);
  });
});
