import { describe, expect, it } from 'vitest';
import { incident, indexOf } from '@/test/queue/index-fixture';
import { queueName } from './index-store';
import { noteActed } from './index-moves';

describe('noteActed: what postsuper did, in the index at once', () => {
  const queueOf = (ix: ReturnType<typeof indexOf>, id: string) => {
    const row = ix.byId.get(id);
    return row === undefined ? null : queueName(ix.queue[row]!);
  };

  it('moves held, released and requeued ids, removes deleted ones, skips unknown ids', () => {
    const msgs = incident(6);
    const ix = indexOf(msgs);
    const [a, b, c, d] = msgs.map((m) => m.id);
    noteActed(ix, [a!, 'NOTINDEX01'], '-h');
    expect(queueOf(ix, a!)).toBe('hold');
    noteActed(ix, [a!], '-H');
    expect(queueOf(ix, a!)).toBe('deferred');
    noteActed(ix, [b!], '-r');
    expect(queueOf(ix, b!)).toBe('maildrop');
    const live = ix.live;
    noteActed(ix, [c!, d!], '-d');
    expect(queueOf(ix, c!)).toBeNull();
    expect(ix.live).toBe(live - 2);
  });
});
