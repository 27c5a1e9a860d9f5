import { describe, expect, it } from 'vitest';
import { parseMaillogLine } from '@/lib/postfix/maillog';
import { loginsAggregator } from '@/lib/maillog/aggregate-logins';
import { blocksAggregator } from '@/lib/maillog/aggregate-blocks';
import { bruteforceAggregator } from '@/lib/maillog/aggregate-bruteforce';
import { MINUTE_MS } from '@/lib/maillog/schemas';
import { syntheticLog, syslogStamp } from './synthetic-log';

// The benchmark's log must be a log the console understands: every line
// parses, the shapes the views read are all there, and time only goes forward.

function sample(n: number) {
  const g = syntheticLog({ users: 5000, start: Date.UTC(2026, 10, 1), seed: 42 });
  const lines: string[] = [];
  while (lines.length < n) lines.push(...g.next(500));
  return lines;
}

describe('syntheticLog', () => {
  const lines = sample(20_000);
  const events = lines.map((l) => parseMaillogLine(l, { year: 2026 }));

  it('writes only lines the parser recognises', () => {
    const unknown = events.filter((e) => e.kind === 'unknown');
    expect(unknown.map((e) => (e as { raw: string }).raw).slice(0, 3)).toEqual([]);
  });

  it('has the mix the views read, with logins a few percent of the lines', () => {
    const kinds = new Map<string, number>();
    for (const e of events) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
    for (const k of ['sasl-login', 'sasl-failure', 'qmgr-from', 'delivery', 'reject', 'connect', 'disconnect']) expect(kinds.get(k), k).toBeGreaterThan(0);
    const share = kinds.get('sasl-login')! / lines.length;
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.12);
  });

  it('feeds every view: logins, failures and blocklist refusals', () => {
    const logins = loginsAggregator({ bucketMs: MINUTE_MS });
    const brute = bruteforceAggregator({ bucketMs: MINUTE_MS });
    const blocks = blocksAggregator();
    events.forEach((e, i) => {
      if (e.kind === 'unknown') return;
      logins.add(e, lines[i]!);
      brute.add(e, lines[i]!);
      blocks.add(e, lines[i]!);
    });
    expect(logins.result(10).totalUsers).toBeGreaterThan(500);
    expect(brute.result(10).failures).toBeGreaterThan(0);
    const b = blocks.result(50);
    expect(new Set(b.groups.filter((g) => g.class.blocked).map((g) => g.class.provider))).toEqual(
      new Set(['Yahoo', 'QQ', 'Spamhaus', 'Verizon', 'Cox', 'NetEase']),
    );
  });

  it('keeps time in order and is the same for the same seed', () => {
    const times = events.map((e) => e.time!);
    expect(times.every((t, i) => i === 0 || times[i - 1]! <= t)).toBe(true);
    expect(sample(500)).toEqual(sample(500));
    expect(syslogStamp(Date.UTC(2026, 10, 7, 9, 3, 1))).toBe('Nov  7 09:03:01');
  });
});
