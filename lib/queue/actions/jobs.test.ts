import { describe, expect, it } from 'vitest';
import { createJob, isOver, jobView, setPhase } from './jobs';
import { previewMatches, targetKey } from './previews';

describe('action jobs', () => {
  it('carry progress and postsuper counts, and end failed with the error', async () => {
    let ended = '';
    const a = createJob('h1', 'hold', 'root', Date.now(), (j) => {
      ended = j.view.phase;
    });
    setPhase(a, { phase: 'execute', total: 10, done: 4, acted: 3, postsuper: { held: 3 } });
    expect(jobView(a)).toMatchObject({ phase: 'execute', total: 10, done: 4, acted: 3, postsuper: { held: 3 } });
    a.finish(null, Object.assign(new Error('no'), { code: 'host_error' }));
    await a.finished;
    expect(jobView(a)).toMatchObject({ phase: 'failed', error: { code: 'host_error', message: 'no' } });
    expect(ended).toBe('failed');
  });

  it('resolve "long" when marked, so a waiting request can answer with the job', async () => {
    const j = createJob('h3', 'hold', 'root');
    let long = false;
    void j.long.then(() => (long = true));
    j.markLong();
    await Promise.resolve();
    expect(long).toBe(true);
  });

  it('count interrupted as over, so pollers stop', () => {
    expect(isOver('interrupted')).toBe(true);
    expect(isOver('execute')).toBe(false);
  });
});

describe('stored previews', () => {
  it('match only the same user, host, action and target, whatever the key order', () => {
    const key = targetKey({ filter: { saslUser: 'info@example.com', queue: 'hold' } });
    expect(targetKey({ filter: { queue: 'hold', saslUser: 'info@example.com', clientIp: undefined } })).toBe(key);
    const p = { id: 'p1', host: 'lab', actor: 'root', action: 'delete' as const, key, count: 1, summary: { byQueue: {}, total: 1, legitLooking: 0 }, at: 1000 };
    expect(previewMatches(p, { host: 'lab', actor: 'root', action: 'delete', key }, 2000)).toBe(true);
    expect(previewMatches(p, { host: 'lab', actor: 'pm', action: 'delete', key }, 2000)).toBe(false);
    expect(previewMatches(p, { host: 'lab', actor: 'root', action: 'hold', key }, 2000)).toBe(false);
    expect(previewMatches(p, { host: 'lab', actor: 'root', action: 'delete', key: targetKey({ filter: {} }) }, 2000)).toBe(false);
    expect(previewMatches(p, { host: 'lab', actor: 'root', action: 'delete', key }, 1000 + 31 * 60_000)).toBe(false);
  });
});
