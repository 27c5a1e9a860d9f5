import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QueueCounter } from './queue-counts';

const corpus = path.resolve(__dirname, '../../../shared/corpora/postqueue-j');
const files = (() => {
  try {
    return readdirSync(corpus).filter((f) => !f.endsWith('.md'));
  } catch {
    return [];
  }
})();

const line = (queue: string, id: string) => JSON.stringify({ queue_name: queue, queue_id: id, recipients: [{ address: 'a@b' }] });

describe('QueueCounter', () => {
  it('counts per queue whatever the chunk boundaries', () => {
    const text = [line('deferred', 'A1'), line('active', 'B2'), line('deferred', 'C3'), line('hold', 'D4')].join('\n') + '\n';
    for (const size of [1, 7, 64, text.length]) {
      const c = new QueueCounter();
      for (let i = 0; i < text.length; i += size) c.push(text.slice(i, i + size));
      expect(c.finish(true)).toEqual({ counts: { deferred: 2, active: 1, hold: 1 }, total: 4, unreadable: 0 });
    }
  });

  it('drops a line cut off by a timeout, counts a last line without newline otherwise', () => {
    const text = `${line('deferred', 'A1')}\n${line('incoming', 'B2')}`;
    const cut = new QueueCounter();
    cut.push(text.slice(0, -5));
    expect(cut.finish(false).total).toBe(1);
    const whole = new QueueCounter();
    whole.push(text);
    expect(whole.finish(true).counts).toEqual({ deferred: 1, incoming: 1 });
  });

  it('counts lines it cannot read apart', () => {
    const c = new QueueCounter();
    c.push('postqueue: warning: Mail system is down -- accessing queue directly\n{"queue_id": "X"}\n');
    expect(c.finish(true)).toEqual({ counts: {}, total: 0, unreadable: 2 });
  });

  it.skipIf(files.length === 0)('agrees with a plain count of the corpus lines', () => {
    for (const f of files) {
      const text = readFileSync(path.join(corpus, f), 'utf8');
      const c = new QueueCounter();
      c.push(text);
      const r = c.finish(true);
      const expected: Record<string, number> = {};
      for (const m of text.matchAll(/^\{"queue_name": "(\w+)"/gm)) expected[m[1]!] = (expected[m[1]!] ?? 0) + 1;
      expect(r.counts, f).toEqual(expected);
    }
  });
});
