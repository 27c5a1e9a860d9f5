import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyStats, parseMaillogLine, parseMaillogStream, type MaillogEvent } from '../maillog';

const KUMINA = path.resolve(__dirname, '../../../../shared/corpora/maillog/kumina-postfix_exporter-postfix_exporter_test.extracted.log');

async function* asAsync(lines: string[]) {
  for (const l of lines) yield l;
}

async function collect(gen: AsyncGenerator<MaillogEvent, unknown>): Promise<MaillogEvent[]> {
  const out: MaillogEvent[] = [];
  for await (const ev of gen) out.push(ev);
  return out;
}

describe('parseMaillogStream', () => {
  const lines = readFileSync(KUMINA, 'utf8').split('\n');

  it('yields one event per non-empty line and counts the unknown ones', async () => {
    const stats = emptyStats();
    const events = await collect(parseMaillogStream(asAsync([...lines, '', 'not a log line']), { year: 2020, stats }));
    const nonEmpty = lines.filter(Boolean).length + 1;
    expect(events).toHaveLength(nonEmpty);
    expect(stats.lines).toBe(nonEmpty);
    expect(stats.unknown).toBe(events.filter((e) => e.kind === 'unknown').length);
    expect(stats.badHeader).toBe(1);
    expect(stats.byKind.removed).toBe(32);
  });

  it('returns the stats as the generator result', async () => {
    const gen = parseMaillogStream(['Feb 11 16:49:24 letterman postfix/qmgr[8204]: AAB4D259B1: removed'], { year: 2020 });
    let r = await gen.next();
    while (!r.done) r = await gen.next();
    expect(r.value).toMatchObject({ lines: 1, unknown: 0, byKind: { removed: 1 } });
  });

  it('with `only`, skips lines by needle and yields the same events a full parse finds', async () => {
    const stats = emptyStats();
    const fast = await collect(parseMaillogStream(lines, { year: 2020, stats, only: ['sasl-login', 'sasl-failure'] }));
    const full = lines
      .filter(Boolean)
      .map((l) => parseMaillogLine(l, { year: 2020 }))
      .filter((e) => e.kind === 'sasl-login' || e.kind === 'sasl-failure');
    expect(fast).toEqual(full);
    expect(fast.map((e) => e.kind).sort()).toEqual(['sasl-failure', 'sasl-login']);
    expect(stats.skipped).toBeGreaterThan(40);
  });

  it('moves classic stamps across New Year when the year is fixed', async () => {
    const events = await collect(
      parseMaillogStream(['Dec 31 23:59:58 h postfix/qmgr[1]: 42263221CA: removed', 'Jan  1 00:00:01 h postfix/qmgr[1]: 42263221CB: removed'], { year: 2025 }),
    );
    expect(events.map((e) => new Date(e.time!).toISOString())).toEqual(['2025-12-31T23:59:58.000Z', '2026-01-01T00:00:01.000Z']);
  });
});
