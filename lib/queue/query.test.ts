import { describe, expect, it } from 'vitest';
import { QueueIndex } from './index-store';
import { queryQueue } from './query';
import { ScanDecoder } from './scan-protocol';
import { queueQuerySchema } from './schemas';
import { scanLines, type FakeMessage } from '@/test/queue/test-fixtures';

const NOW = 1_800_000_000;
const admin = { role: 'admin' as const, domains: [] };
const pm = { role: 'postmaster' as const, domains: ['example.com'] };
const BLOCKED = 'host mx1.qq.com[1.2.3.4] said: 550 blocked';

function indexOf(messages: FakeMessage[]): QueueIndex {
  const ix = new QueueIndex();
  const dec = new ScanDecoder(ix.pool);
  for (const line of scanLines(messages)) {
    const ev = dec.decode(line);
    if (ev?.kind === 'row') ix.upsert(ev.row);
  }
  return ix;
}

const q = (params: Record<string, string> = {}) => queueQuerySchema.parse(params);

// The incident in miniature: a stolen login from one IP forging senders,
// a bounce, a legitimate user, and a second domain.
const MESSAGES: FakeMessage[] = [
  {
    id: 'A00000000001',
    arrival: NOW - 60,
    sender: 'x@yahoo.com',
    saslUser: 'info@example.com',
    clientIp: '127.0.0.66',
    domains: [
      ['qq.com', 3],
      ['aol.com', 1],
    ],
    reason: BLOCKED,
    size: 500,
  },
  {
    id: 'A00000000002',
    arrival: NOW - 7200,
    sender: 'y@163.com',
    saslUser: 'info@example.com',
    clientIp: '127.0.0.66',
    domains: [['qq.com', 1]],
    reason: BLOCKED,
    size: 900,
  },
  {
    id: 'A00000000003',
    arrival: NOW - 90000,
    sender: 'z@yahoo.com',
    saslUser: 'info@example.com',
    clientIp: '198.18.0.9',
    domains: [['aol.com', 2]],
    size: 100,
  },
  { id: 'A00000000004', arrival: NOW - 30, sender: '', domains: [['yahoo.com', 1]], queue: 'hold', size: 3000 },
  {
    id: 'A00000000005',
    arrival: NOW - 600,
    sender: 'alice@example.com',
    saslUser: 'alice@example.com',
    clientIp: '192.0.2.21',
    domains: [['gmail.com', 1]],
    size: 50,
  },
  {
    id: 'A00000000006',
    arrival: NOW - 650,
    sender: 'ceo@corp.test',
    saslUser: 'ceo@corp.test',
    clientIp: '198.51.100.10',
    domains: [['gmail.com', 2]],
    size: 70,
  },
];

describe('queryQueue', () => {
  const ix = indexOf(MESSAGES);

  it('ranks the stolen login and the attacker IP first in their facets', () => {
    const r = queryQueue(ix, q(), admin, NOW);
    expect(r.total).toBe(6);
    expect(r.facets.saslUser[0]).toEqual({ value: 'info@example.com', count: 3 });
    expect(r.facets.clientIp[0]).toEqual({ value: '127.0.0.66', count: 2 });
    expect(r.facets.saslUser).toContainEqual({ value: '(none)', count: 1 });
    expect(r.facets.sender).toContainEqual({ value: '<>', count: 1 });
  });

  it('marks a sender outside the login domain as forged, never a bounce', () => {
    const rows = queryQueue(ix, q({ pageSize: '10' }), admin, NOW).rows;
    const forged = Object.fromEntries(rows.map((r) => [r.id, r.forged]));
    expect(forged).toEqual({ A00000000001: true, A00000000002: true, A00000000003: true, A00000000004: false, A00000000005: false, A00000000006: false });
    expect(queryQueue(ix, q({ forged: 'true' }), admin, NOW).total).toBe(3);
  });

  it('counts each facet over the other filters only', () => {
    const r = queryQueue(ix, q({ saslUser: 'info@example.com' }), admin, NOW);
    expect(r.total).toBe(3);
    // The login facet ignores its own filter, so the other logins still show.
    expect(r.facets.saslUser.map((f) => f.value)).toContain('alice@example.com');
    // Other facets are narrowed to that login's messages.
    expect(r.facets.clientIp).toEqual([
      { value: '127.0.0.66', count: 2 },
      { value: '198.18.0.9', count: 1 },
    ]);
    expect(r.facets.recipientDomain).toEqual([
      { value: 'aol.com', count: 2 },
      { value: 'qq.com', count: 2 },
    ]);
  });

  it('combines filters with AND', () => {
    expect(queryQueue(ix, q({ saslUser: 'info@example.com', clientIp: '127.0.0.66' }), admin, NOW).total).toBe(2);
    expect(queryQueue(ix, q({ recipientDomain: 'QQ.COM', olderThan: '1h' }), admin, NOW).rows.map((r) => r.id)).toEqual(['A00000000002']);
    expect(queryQueue(ix, q({ queue: 'hold' }), admin, NOW).rows.map((r) => r.id)).toEqual(['A00000000004']);
    expect(queryQueue(ix, q({ sender: '<>' }), admin, NOW).total).toBe(1);
    expect(queryQueue(ix, q({ saslUser: 'nobody@example.com' }), admin, NOW).total).toBe(0);
  });

  it('groups reasons by class and filters on a substring', () => {
    const r = queryQueue(ix, q(), admin, NOW);
    expect(r.facets.reasonClass[0]).toEqual({ value: '(none)', count: 4 });
    const cls = r.facets.reasonClass[1]!.value;
    expect(cls).toBe('host *.qq.com[<ip>] said: 550 blocked');
    expect(queryQueue(ix, q({ reasonClass: cls }), admin, NOW).total).toBe(2);
    expect(queryQueue(ix, q({ reason: '550 BLOCKED' }), admin, NOW).total).toBe(2);
  });

  it('buckets ages like qshape', () => {
    const r = queryQueue(ix, q(), admin, NOW);
    expect(r.facets.age).toEqual([
      { value: '0-5m', count: 2 },
      { value: '10-20m', count: 2 },
      { value: '80-160m', count: 1 },
      { value: '1280m+', count: 1 },
    ]);
    expect(queryQueue(ix, q({ age: '10-20m' }), admin, NOW).total).toBe(2);
  });

  it('sorts and pages on the server', () => {
    const bySize = queryQueue(ix, q({ sort: 'size', order: 'asc', pageSize: '2', page: '2' }), admin, NOW);
    expect(bySize.rows.map((r) => r.size)).toEqual([100, 500]);
    const newest = queryQueue(ix, q({ pageSize: '1' }), admin, NOW);
    expect(newest.rows[0]!.id).toBe('A00000000004');
    const bySender = queryQueue(ix, q({ sort: 'sender', order: 'asc', pageSize: '3' }), admin, NOW);
    expect(bySender.rows.map((r) => r.sender)).toEqual(['', 'alice@example.com', 'ceo@corp.test']);
    expect(queryQueue(ix, q({ page: '9' }), admin, NOW).rows).toEqual([]);
  });

  it('shows a postmaster only messages whose login or sender is in his domains', () => {
    const r = queryQueue(ix, q({ pageSize: '10' }), pm, NOW);
    expect(r.rows.map((x) => x.id).sort()).toEqual(['A00000000001', 'A00000000002', 'A00000000003', 'A00000000005']);
    expect(r.facets.saslUser.map((f) => f.value)).not.toContain('ceo@corp.test');
  });

  it('drops removed messages and reuses their slot', () => {
    const small = indexOf(MESSAGES.slice(0, 2));
    small.remove('A00000000001');
    expect(queryQueue(small, q(), admin, NOW).total).toBe(1);
    const dec = new ScanDecoder(small.pool);
    for (const line of scanLines([{ id: 'B00000000009', arrival: NOW, sender: 'n@x.org' }])) {
      const ev = dec.decode(line);
      if (ev?.kind === 'row') small.upsert(ev.row);
    }
    expect(small.length).toBe(2);
    expect(queryQueue(small, q(), admin, NOW).rows.map((r) => r.id)).toEqual(['B00000000009', 'A00000000002']);
  });
});

describe('queueQuerySchema', () => {
  it.each([
    [{ clientIp: '127.0.0.666' }],
    [{ olderThan: '2 hours' }],
    [{ queue: 'bogus' }],
    [{ saslUser: 'a b@example.com' }],
    [{ pageSize: '100000' }],
    [{ recipientDomain: 'qq.com;rm' }],
    [{ unknownFilter: 'x' }],
  ])('rejects %j', (params) => {
    expect(queueQuerySchema.safeParse(params).success).toBe(false);
  });

  it('accepts IPv6 and the (none) facet value', () => {
    expect(queueQuerySchema.parse({ clientIp: '2001:db8::1' }).clientIp).toBe('2001:db8::1');
    expect(queueQuerySchema.parse({ clientIp: '(none)', saslUser: '(none)' }).saslUser).toBe('(none)');
  });
});

describe('queryQueue facets with an active filter', () => {
  it('keep the filtered value even when it is outside the top 20', () => {
    const many: FakeMessage[] = Array.from({ length: 25 }, (_, i) => ({
      id: `C${String(i).padStart(9, '0')}`,
      arrival: NOW - 60,
      sender: 'x@y.org',
      saslUser: 'u@y.org',
      clientIp: `10.0.0.${i}`,
      domains: [['qq.com', 1]],
    }));
    for (let i = 0; i < 25; i++) many.push({ ...many[i]!, id: `D${String(i).padStart(9, '0')}` });
    many.push({ id: 'E000000001', arrival: NOW - 60, sender: 'x@y.org', saslUser: 'u@y.org', clientIp: '127.0.0.66' });
    const ix = indexOf(many);
    expect(queryQueue(ix, q(), admin, NOW).facets.clientIp.map((f) => f.value)).not.toContain('127.0.0.66');
    const r = queryQueue(ix, q({ clientIp: '127.0.0.66' }), admin, NOW);
    expect(r.total).toBe(1);
    expect(r.facets.clientIp).toContainEqual({ value: '127.0.0.66', count: 1 });
    expect(r.facets.clientIp).toHaveLength(21);
  });
});
