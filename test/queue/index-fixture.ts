// Test helper: a queue index built through the reader's own output format
// (as lib/queue's tests do), plus a small incident-shaped queue.
import { QueueIndex } from '@/lib/queue/index-store';
import { ScanDecoder } from '@/lib/queue/scan-protocol';
import { scanLines, type FakeMessage } from '@/test/queue/test-fixtures';

export const NOW = 1_800_000_000;

export function indexOf(messages: FakeMessage[]): QueueIndex {
  const ix = new QueueIndex();
  const dec = new ScanDecoder(ix.pool);
  for (const line of scanLines(messages)) {
    const ev = dec.decode(line);
    if (ev?.kind === 'row') ix.upsert(ev.row);
  }
  return ix;
}

const id = (n: number) => `B${n.toString(16).toUpperCase().padStart(10, '0')}`;

/** n messages: the stolen login from the attacker IP and a botnet, bounces, real users, some held. */
export function incident(n: number, seed = 1): FakeMessage[] {
  let s = seed >>> 0 || 1;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const out: FakeMessage[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const queue = rnd() < 0.1 ? 'hold' : rnd() < 0.05 ? 'active' : 'deferred';
    const base = {
      id: id(i + 1),
      queue,
      arrival: NOW - Math.floor(rnd() * 86400),
      domains: [[pick(['qq.com', 'aol.com', 'yahoo.com']), 1 + Math.floor(rnd() * 5)]] as [string, number][],
    } as const;
    if (r < 0.5)
      out.push({
        ...base,
        sender: `${pick(['x', 'y', 'z'])}@${pick(['yahoo.com', '163.com'])}`,
        saslUser: 'info@example.com',
        clientIp: pick(['127.0.0.66', '198.18.0.9']),
      });
    else if (r < 0.65) out.push({ ...base, sender: '' });
    else if (r < 0.85) out.push({ ...base, sender: pick(['alice@example.com', 'test1@example.com']), saslUser: undefined, clientIp: '192.0.2.21' });
    else out.push({ ...base, sender: 'ceo@corp.test', saslUser: 'ceo@corp.test', clientIp: '198.51.100.10' });
    const last = out[out.length - 1]!;
    if (last.sender && last.sender.endsWith('@example.com') && !last.saslUser) last.saslUser = last.sender;
  }
  return out;
}
