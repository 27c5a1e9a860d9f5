import { describe, expect, it, vi } from 'vitest';
import { scanLines, type FakeMessage } from '@/test/queue/test-fixtures';
import { selectTargets } from './actions/select';
import { bounceCandidates, bounceMask, forgedSendersOf, type EnvelopeRecipients } from './bounce-of';
import { QueueIndex } from './index-store';
import { queryQueue } from './query';
import { ScanDecoder } from './scan-protocol';
import { queueFilterSchema, queueQuerySchema } from './schemas';

vi.mock('server-only', () => ({}));
vi.mock('@/lib/ssh/host-exec', () => ({ execOnHost: () => Promise.reject(new Error('no SSH in unit tests')) }));
// The table of forged senders, as a map (forged-senders.int.test.ts runs the real one on the lab's MariaDB).
vi.mock('./forged-senders', () => {
  const table = new Map<string, Set<string>>();
  const of = (host: string, login: string) =>
    table.get(`${host}\n${login.toLowerCase()}`) ?? table.set(`${host}\n${login.toLowerCase()}`, new Set()).get(`${host}\n${login.toLowerCase()}`)!;
  return {
    loadSenders: async (host: string, login: string) => new Set(of(host, login)),
    storeSenders: async (host: string, login: string, seen: Iterable<string>) => {
      for (const s of seen) of(host, login).add(s.toLowerCase());
      return 0;
    },
  };
});
const { filterContext, readRecipients } = await import('./bounce-resolve');

const NOW = 1_800_000_000;
const admin = { role: 'admin' as const, domains: [] };
const pm = { role: 'postmaster' as const, domains: ['example.com'] };

function indexOf(messages: FakeMessage[]): QueueIndex {
  const ix = new QueueIndex();
  const dec = new ScanDecoder(ix.pool);
  for (const line of scanLines(messages)) {
    const ev = dec.decode(line);
    if (ev?.kind === 'row') ix.upsert(ev.row);
  }
  return ix;
}

// info@ forges x@yahoo.com and y@163.com; bob@ (another login) forges
// w@yahoo.com. Bounces: two to info's forged senders, one to bob's, one to a
// stranger at yahoo.com (same domain, not a forged sender), one to a
// stranger elsewhere, one with two recipients of which one is not forged.
const RCPT: Record<string, string[]> = {
  B00000000001: ['x@yahoo.com'],
  B00000000002: ['Y@163.com'],
  B00000000003: ['w@yahoo.com'],
  B00000000004: ['stranger@yahoo.com'],
  B00000000005: ['someone@gmail.com'],
  B00000000006: ['x@yahoo.com', 'stranger@yahoo.com'],
};
const bounce = (id: string, queue: FakeMessage['queue'] = 'deferred'): FakeMessage => {
  const counts = new Map<string, number>();
  for (const a of RCPT[id]!) counts.set(a.split('@')[1]!.toLowerCase(), (counts.get(a.split('@')[1]!.toLowerCase()) ?? 0) + 1);
  return { id, arrival: NOW - 100, sender: '', domains: [...counts], queue };
};
const MESSAGES: FakeMessage[] = [
  { id: 'A00000000001', arrival: NOW - 60, sender: 'x@yahoo.com', saslUser: 'info@example.com', clientIp: '127.0.0.66', domains: [['qq.com', 3]] },
  { id: 'A00000000002', arrival: NOW - 70, sender: 'y@163.com', saslUser: 'INFO@example.com', clientIp: '127.0.0.66', domains: [['qq.com', 1]], queue: 'hold' },
  { id: 'A00000000003', arrival: NOW - 80, sender: 'info@example.com', saslUser: 'info@example.com', clientIp: '127.0.0.66', domains: [['qq.com', 1]] },
  { id: 'A00000000004', arrival: NOW - 90, sender: 'w@yahoo.com', saslUser: 'bob@example.com', clientIp: '192.0.2.8', domains: [['aol.com', 1]] },
  bounce('B00000000001'),
  bounce('B00000000002', 'hold'),
  bounce('B00000000003'),
  bounce('B00000000004'),
  bounce('B00000000005'),
  bounce('B00000000006'),
];

/** A fake `mw-postfix envelopes`: postcat -e output for the ids asked, stopping at one that is gone. */
function fakeReader(gone = new Set<string>()) {
  const calls: string[][] = [];
  const read = async (ids: string[]) => {
    calls.push(ids);
    let stdout = '';
    for (const id of ids) {
      if (gone.has(id)) return { exitCode: 1, stdout, stderr: `postcat: fatal: open queue file ${id}: No such file or directory` };
      stdout += `*** ENVELOPE RECORDS deferred/${id} ***\nsender: \n${(RCPT[id] ?? []).map((a) => `recipient: ${a}\n`).join('')}`;
    }
    return { exitCode: 0, stdout, stderr: '' };
  };
  return { read, calls };
}

const ids = (ix: QueueIndex, mask: Uint8Array) => [...mask].flatMap((v, r) => (v ? [ix.ids[r]!] : [])).sort();

describe('bounceOf', () => {
  it('collects the forged senders of a login whatever the case of its name, never its own address', () => {
    const ix = indexOf(MESSAGES);
    expect([...forgedSendersOf(ix, 'Info@Example.com')].sort()).toEqual(['x@yahoo.com', 'y@163.com']);
    expect([...forgedSendersOf(ix, 'nobody@example.com')]).toEqual([]);
  });

  it('narrows to bounces addressed to the forged senders’ domains, then keeps those whose every recipient is a forged sender', () => {
    const ix = indexOf(MESSAGES);
    const senders = forgedSendersOf(ix, 'info@example.com');
    const candidates = bounceCandidates(ix, senders);
    expect(candidates.map((r) => ix.ids[r]).sort()).toEqual(['B00000000001', 'B00000000002', 'B00000000003', 'B00000000004', 'B00000000006']);
    const env = new Map<string, EnvelopeRecipients>(candidates.map((r) => [ix.ids[r]!, { arrival: ix.arrival[r]!, recipients: RCPT[ix.ids[r]!]! }]));
    expect(ids(ix, bounceMask(ix, candidates, senders, env))).toEqual(['B00000000001', 'B00000000002']);
    // An envelope read for an earlier message with the same id does not count.
    env.set('B00000000001', { arrival: NOW - 5000, recipients: ['x@yahoo.com'] });
    expect(ids(ix, bounceMask(ix, candidates, senders, env))).toEqual(['B00000000002']);
  });

  it('is one meaning for the page and the action: the page total is what delete selects', async () => {
    const ix = indexOf(MESSAGES);
    const { read } = fakeReader();
    const filter = queueFilterSchema.parse({ bounceOf: 'info@example.com' });
    const ctx = await filterContext('unit-a', ix, filter, read);
    const page = queryQueue(ix, queueQuerySchema.parse({ bounceOf: 'info@example.com' }), admin, NOW, ctx);
    expect(page.rows.map((r) => r.id).sort()).toEqual(['B00000000001', 'B00000000002']);
    const del = selectTargets(ix, { action: 'delete', filter }, admin, NOW, ctx);
    expect(del.ids.sort()).toEqual(['B00000000001', 'B00000000002']);
    expect(del.ids.length).toBe(page.total);
    // Hold takes what is not held yet, as for any filter.
    expect(selectTargets(ix, { action: 'hold', filter }, admin, NOW, ctx).ids).toEqual(['B00000000001']);
    // Other filters narrow it as usual.
    expect(queryQueue(ix, queueQuerySchema.parse({ bounceOf: 'info@example.com', queue: 'hold' }), admin, NOW, ctx).total).toBe(1);
  });

  it('matches nothing without its resolved mask, and nothing for a postmaster (bounces carry no domain of his)', async () => {
    const ix = indexOf(MESSAGES);
    expect(queryQueue(ix, queueQuerySchema.parse({ bounceOf: 'info@example.com' }), admin, NOW).total).toBe(0);
    const ctx = await filterContext('unit-b', ix, { bounceOf: 'info@example.com' }, fakeReader().read);
    expect(queryQueue(ix, queueQuerySchema.parse({ bounceOf: 'info@example.com' }), pm, NOW, ctx).total).toBe(0);
  });

  it('remembers the forged senders once the login’s mail is deleted (the Clean step)', async () => {
    const ix = indexOf(MESSAGES);
    const { read } = fakeReader();
    // The Clean step's delete looks the login up first ...
    await filterContext('unit-c', ix, { saslUser: 'info@example.com' }, read);
    for (const id of ['A00000000001', 'A00000000002', 'A00000000003']) ix.remove(id);
    expect(forgedSendersOf(ix, 'info@example.com').size).toBe(0);
    // ... so its bounces are still found afterwards.
    const ctx = await filterContext('unit-c', ix, { bounceOf: 'info@example.com' }, read);
    expect(ids(ix, ctx.bounceOf!)).toEqual(['B00000000001', 'B00000000002']);
  });

  it('reads each envelope once, and the rest of a batch again when postcat stops at a vanished message', async () => {
    const { read, calls } = fakeReader(new Set(['B00000000002']));
    const cache = new Map<string, EnvelopeRecipients>();
    const want = new Map([
      ['B00000000001', 1],
      ['B00000000002', 1],
      ['B00000000003', 1],
    ]);
    await readRecipients(cache, want, read);
    expect(calls).toEqual([['B00000000001', 'B00000000002', 'B00000000003'], ['B00000000003']]);
    expect([...cache.keys()].sort()).toEqual(['B00000000001', 'B00000000003']);
    await readRecipients(
      cache,
      new Map([
        ['B00000000001', 1],
        ['B00000000003', 1],
      ]),
      read,
    );
    expect(calls).toHaveLength(2);
  });

  it('says the bounces are unknown when the envelopes cannot be read, rather than counting none', async () => {
    const refused = async () => ({ exitCode: 77, stdout: '', stderr: 'mw-postfix: refused: unsafe config directory' });
    await expect(readRecipients(new Map(), new Map([['B00000000001', 1]]), refused)).rejects.toThrow(/envelopes failed: mw-postfix: refused/);
  });

  it('refuses a value that is not a login name (422 at the API)', () => {
    for (const bad of ['', 'a b', '(none)', 'x\n@y', 'a'.repeat(321)]) expect(queueFilterSchema.safeParse({ bounceOf: bad }).success).toBe(false);
    expect(queueFilterSchema.safeParse({ bounceOf: 'info@example.com' }).success).toBe(true);
  });
});
