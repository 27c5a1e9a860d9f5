// Builds reader output lines for tests, in the format mw-queue-scan prints,
// so the decoder, the index and the queries are tested through one path.
import type { QueueName } from '@/lib/postfix/envelope';

export interface FakeMessage {
  queue?: QueueName;
  id: string;
  mtime?: number;
  arrival: number;
  size?: number;
  sender: string | null;
  saslMethod?: string;
  saslUser?: string;
  clientIp?: string;
  clientName?: string;
  helo?: string;
  domains?: [string, number][];
  reason?: string;
}

export function scanLines(messages: FakeMessage[], opts: { workers?: number; worker?: number } = {}): string[] {
  const k = opts.workers ?? 1;
  let next = opts.worker ?? 0;
  const sids = new Map<string, number>();
  const lines: string[] = [];
  const sid = (v: string | null | undefined): string => {
    if (v === null || v === undefined) return '';
    let s = sids.get(v);
    if (s === undefined) {
      s = next;
      next += k;
      sids.set(v, s);
      lines.push(`#s ${s} ${v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n')}`);
    }
    return String(s);
  };
  for (const m of messages) {
    const domains = (m.domains ?? []).map(([d, n]) => `${sid(d)}=${n}`).join(',');
    const rcpts = (m.domains ?? []).reduce((a, [, n]) => a + n, 0);
    const fields = [
      m.queue ?? 'deferred',
      m.id,
      String(m.mtime ?? m.arrival),
      String(m.arrival),
      String(m.size ?? 1000),
      sid(m.sender),
      sid(m.saslMethod),
      sid(m.saslUser),
      sid(m.clientIp),
      sid(m.clientName),
      sid(m.helo),
      String(rcpts),
      domains,
      sid(m.reason),
      '',
    ];
    lines.push(fields.join('\t'));
  }
  return lines;
}
