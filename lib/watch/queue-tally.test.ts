import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QueueTally } from './queue-tally';

const corpus = path.resolve(__dirname, '../../../shared/corpora/postqueue-j/rseichter-postqf-tests-qdata.postqueue-j.jsonl');

// What postqueue -j prints: one object per line, queue_name first.
const line = (queue: string, id: string, rcpts = 1) =>
  JSON.stringify({
    queue_name: queue,
    queue_id: id,
    arrival_time: 1,
    message_size: 10,
    sender: 's@x',
    recipients: Array.from({ length: rcpts }, (_, i) => ({ address: `r${i}@y`, delay_reason: 'x'.repeat(200) })),
  })
    .replace(/":/g, '": ')
    .replace(/,"/g, ', "');

function tally(text: string, chunk: number) {
  const t = new QueueTally();
  const buf = Buffer.from(text);
  for (let i = 0; i < buf.length; i += chunk) t.push(buf.subarray(i, i + chunk));
  return t;
}

describe('QueueTally', () => {
  const text = [line('deferred', 'A1', 20), line('active', 'B2'), line('deferred', 'C3'), line('hold', 'D4', 3), line('incoming', 'E5')].join('\n') + '\n';

  it('counts per queue wherever the chunks split the lines', () => {
    for (const size of [1, 5, 47, 48, 49, 300, text.length]) {
      const t = tally(text, size);
      expect(t.counts, `chunk ${size}`).toEqual({ incoming: 1, active: 1, deferred: 2, hold: 1, maildrop: 0 });
      expect(t.total).toBe(5);
      expect(t.unreadable).toBe(0);
    }
  });

  it('agrees with JSON.parse on the postqueue -j corpus', () => {
    const raw = readFileSync(corpus, 'utf8');
    const byParse: Record<string, number> = {};
    for (const l of raw.split('\n').filter((x) => x.trim())) {
      const q = (JSON.parse(l) as { queue_name: string }).queue_name;
      byParse[q] = (byParse[q] ?? 0) + 1;
    }
    const t = tally(raw, 64);
    for (const [q, n] of Object.entries(byParse)) expect(t.counts[q as keyof typeof t.counts]).toBe(n);
    expect(t.total).toBe(Object.values(byParse).reduce((a, b) => a + b, 0));
  });

  it('counts a line as soon as its start arrived, and calls other lines unreadable', () => {
    const t = new QueueTally();
    t.push(Buffer.from(`${line('deferred', 'A1', 50).slice(0, 60)}`));
    expect(t.total).toBe(1);
    const u = tally('postqueue: fatal: whatever\n{"queue_id": "X", "queue_name": "deferred"}\n\n', 7);
    expect(u.total).toBe(0);
    expect(u.unreadable).toBe(2);
  });
});
