import { describe, expect, it } from 'vitest';
import { QueueIndex } from '@/lib/queue/index-store';
import { ScanDecoder } from '@/lib/queue/scan-protocol';
import { scanLines, type FakeMessage } from '@/test/queue/test-fixtures';
import { otherUsersOnIps, queueEvidence } from './queue-evidence';

const NOW = 1_800_000_000;
const admin = { role: 'admin' as const, domains: [] };
const pm = { role: 'postmaster' as const, domains: ['corp.test'] };

function indexOf(messages: FakeMessage[]): QueueIndex {
  const ix = new QueueIndex();
  const dec = new ScanDecoder(ix.pool);
  for (const line of scanLines(messages)) {
    const ev = dec.decode(line);
    if (ev?.kind === 'row') ix.upsert(ev.row);
  }
  return ix;
}

const spam = (n: number, ip: string, queue: 'deferred' | 'hold' = 'deferred'): FakeMessage => ({
  id: `B${String(n).padStart(11, '0')}`,
  arrival: NOW - n,
  sender: `spammer${n}@yahoo.com.hk`,
  saslUser: 'info@example.com',
  clientIp: ip,
  domains: [['qq.com', 12]],
  queue,
});

const MESSAGES: FakeMessage[] = [
  ...[1, 2, 3, 4].map((n) => spam(n, '127.0.0.66')),
  spam(5, '127.0.1.11', 'hold'),
  { id: 'C00000000001', arrival: NOW - 50, sender: 'info@example.com', saslUser: 'info@example.com', clientIp: '127.0.1.11', domains: [['gmail.com', 1]] },
  { id: 'C00000000002', arrival: NOW - 60, sender: 'test1@example.com', saslUser: 'test1@example.com', clientIp: '127.0.1.11', domains: [['gmail.com', 2]] },
  { id: 'C00000000003', arrival: NOW - 70, sender: '', domains: [['yahoo.com.hk', 1]] },
  { id: 'C00000000004', arrival: NOW - 80, sender: 'ceo@corp.test', saslUser: 'ceo@corp.test', clientIp: '198.51.100.10', domains: [['gmail.com', 1]] },
];

describe('queueEvidence', () => {
  const ix = indexOf(MESSAGES);

  it('counts each login’s messages, recipients, forged senders, held mail and IPs', () => {
    const { users } = queueEvidence(ix, admin);
    const info = users.get('info@example.com')!;
    expect(info).toMatchObject({ messages: 6, recipients: 61, forged: 5, held: 1, firstArrival: NOW - 50, lastArrival: NOW - 1 });
    expect(info.ips).toEqual([
      { ip: '127.0.0.66', messages: 4 },
      { ip: '127.0.1.11', messages: 2 },
    ]);
    expect(users.get('test1@example.com')).toMatchObject({ messages: 1, forged: 0 });
  });

  it('sums the queue: per queue, authenticated, forged and bounces', () => {
    const { overview } = queueEvidence(ix, admin);
    expect(overview).toMatchObject({ total: 9, authenticated: 8, forged: 5, bounces: 1 });
    expect(overview.byQueue).toMatchObject({ deferred: 8, hold: 1, active: 0 });
  });

  it('shows a postmaster only his domains’ logins and senders', () => {
    const { users, overview } = queueEvidence(ix, pm);
    expect([...users.keys()]).toEqual(['ceo@corp.test']);
    expect(overview.total).toBe(1);
  });

  it('finds other logins’ mail on the attacker’s IPs (so holding by IP would not touch it blindly)', () => {
    const other = otherUsersOnIps(ix, 'info@example.com', ['127.0.0.66', '127.0.1.11', '10.9.9.9']);
    expect(Object.fromEntries(other)).toEqual({ '127.0.0.66': 0, '127.0.1.11': 1, '10.9.9.9': 0 });
  });
});
