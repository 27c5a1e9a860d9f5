import { describe, expect, it } from 'vitest';
import { createJob, findJob, jobView, runningJob, setPhase } from './jobs';
import { findPreview, savePreview, targetKey } from './previews';

describe('action jobs', () => {
  it('allow one running action per host, and free the host when it ends', async () => {
    const a = createJob('h1', 'hold', 'root')!;
    expect(createJob('h1', 'delete', 'root')).toBeNull();
    expect(createJob('h2', 'delete', 'root')).not.toBeNull();
    expect(runningJob('h1')?.view.id).toBe(a.view.id);
    setPhase(a, { phase: 'execute', total: 10, done: 4 });
    expect(jobView(a)).toMatchObject({ phase: 'execute', total: 10, done: 4 });
    a.finish(null, Object.assign(new Error('no'), { code: 'host_error' }));
    await a.finished;
    expect(jobView(a)).toMatchObject({ phase: 'failed', error: { code: 'host_error', message: 'no' } });
    expect(runningJob('h1')).toBeNull();
    expect(findJob(a.view.id)).toBe(a);
    expect(createJob('h1', 'delete', 'root')).not.toBeNull();
  });

  it('resolve "long" when marked, so a waiting request can answer with the job', async () => {
    const j = createJob('h3', 'hold', 'root')!;
    let long = false;
    void j.long.then(() => (long = true));
    j.markLong();
    await Promise.resolve();
    expect(long).toBe(true);
  });
});

describe('stored previews', () => {
  it('match only the same user, host, action and target, whatever the key order', () => {
    const key = targetKey({ filter: { saslUser: 'info@example.com', queue: 'hold' } });
    expect(targetKey({ filter: { queue: 'hold', saslUser: 'info@example.com', clientIp: undefined } })).toBe(key);
    savePreview({ id: 'p1', host: 'lab', actor: 'root', action: 'delete', key, ids: ['A'], count: 1, summary: { byQueue: {}, total: 1, legitLooking: 0 }, at: 1000 });
    expect(findPreview('p1', { host: 'lab', actor: 'root', action: 'delete', key }, 2000)?.ids).toEqual(['A']);
    expect(findPreview('p1', { host: 'lab', actor: 'pm', action: 'delete', key }, 2000)).toBeNull();
    expect(findPreview('p1', { host: 'lab', actor: 'root', action: 'hold', key }, 2000)).toBeNull();
    expect(findPreview('p1', { host: 'lab', actor: 'root', action: 'delete', key: targetKey({ filter: {} }) }, 2000)).toBeNull();
    expect(findPreview('p1', { host: 'lab', actor: 'root', action: 'delete', key }, 1000 + 31 * 60_000)).toBeNull();
  });
});
