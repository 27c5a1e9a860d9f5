import { describe, expect, it } from 'vitest';
import { Limiter } from './limiter';

const tick = () => new Promise((r) => setImmediate(r));

describe('Limiter', () => {
  it('never runs more than max at once and serves waiters in order', async () => {
    const limiter = new Limiter(2);
    const order: number[] = [];
    let running = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const jobs = [0, 1, 2, 3, 4].map(async (i) => {
      const release = await limiter.acquire();
      order.push(i);
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((r) => gates.push(r));
      running--;
      release();
    });
    await tick();
    expect(limiter.running).toBe(2);
    expect(limiter.queued).toBe(3);
    while (order.length < 5 || gates.length) {
      gates.shift()?.();
      await tick();
    }
    await Promise.all(jobs);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.running).toBe(0);
  });

  it('ignores a second release of the same slot', async () => {
    const limiter = new Limiter(1);
    const release = await limiter.acquire();
    release();
    release();
    expect(limiter.running).toBe(0);
    const a = await limiter.acquire();
    expect(limiter.running).toBe(1);
    a();
  });
});
