import { describe, expect, it } from 'vitest';
import { parseMaillogLine } from '@/lib/postfix/maillog';
import { traceCollector, type TraceCollector } from './aggregate-trace';
import { seedLines } from '@/test/maillog/test-lines';

// The seed's QQ bounce: 99F4C23F008 was refused ("Mail content denied"),
// Postfix wrote a non-delivery notification 69EA423F027 back to the sender.
const SEED = seedLines();
const ORIGINAL = '99F4C23F008';
const BOUNCE = '69EA423F027';

function pass(c: TraceCollector, ids: string[]) {
  for (const raw of SEED) if (ids.some((id) => raw.includes(id))) c.add(parseMaillogLine(raw, { year: 2012 }), raw);
}

describe('traceCollector', () => {
  it('collects every line of the queue id and sums up the envelope and recipients', () => {
    const c = traceCollector(ORIGINAL);
    pass(c, [ORIGINAL]);
    const [m] = c.result();
    expect(m!.lines.map((l) => l.raw)).toEqual(SEED.filter((l) => l.includes(`: ${ORIGINAL}: `)));
    expect(m).toMatchObject({ queueId: ORIGINAL, relation: 'self', from: 'test@yahoo.com', nrcpt: 1, removed: true });
    expect(m!.recipients).toEqual([expect.objectContaining({ to: '445335413@qq.com', status: 'bounced' })]);
    expect(m!.lines.every((l, i, all) => i === 0 || all[i - 1]!.time <= l.time)).toBe(true);
  });

  it('follows the non-delivery notification to the bounce, without repeating the linking line', () => {
    const c = traceCollector(ORIGINAL);
    pass(c, [ORIGINAL]);
    expect(c.links()).toEqual([{ queueId: BOUNCE, relation: 'bounce' }]);
    c.track(BOUNCE, 'bounce');
    pass(c, [BOUNCE]);
    const [orig, bounce] = c.result();
    expect(bounce).toMatchObject({ queueId: BOUNCE, relation: 'bounce', from: '' });
    const all = [...orig!.lines, ...bounce!.lines].map((l) => l.raw);
    expect(new Set(all).size).toBe(all.length);
    expect(c.links()).toEqual([]);
  });

  it('finds the original from the bounce’s side', () => {
    const c = traceCollector(BOUNCE);
    pass(c, [BOUNCE]);
    expect(c.links()).toEqual([{ queueId: ORIGINAL, relation: 'original' }]);
  });

  it('answers with nothing but the empty self entry for an id that is not in the log', () => {
    const c = traceCollector('ABCDEF12345');
    pass(c, ['ABCDEF12345']);
    expect(c.result()).toEqual([{ queueId: 'ABCDEF12345', relation: 'self', recipients: [], removed: false, lines: [] }]);
  });
});
