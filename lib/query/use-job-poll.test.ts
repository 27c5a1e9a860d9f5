import { describe, expect, it } from 'vitest';
import { sawEnd } from './use-job-poll';

type Job = { phase: 'running' | 'done' };
const actionRunning = (j: Job | undefined) => !j || j.phase === 'running';
const scanRunning = (j: Job | undefined) => j?.phase === 'running';

describe('sawEnd', () => {
  it('is the read that finds a running job over', () => {
    expect(sawEnd(scanRunning, { phase: 'running' }, { phase: 'done' })).toBe(true);
  });

  it('is not a read of a job still running, or already over before', () => {
    expect(sawEnd(scanRunning, { phase: 'running' }, { phase: 'running' })).toBe(false);
    expect(sawEnd(scanRunning, { phase: 'done' }, { phase: 'done' })).toBe(false);
  });

  it('treats the first read by what running says of no state yet', () => {
    // A job just started (an action) ends on a first read that finds it done...
    expect(sawEnd(actionRunning, undefined, { phase: 'done' })).toBe(true);
    // ...a page opened on a scan finished long ago does not.
    expect(sawEnd(scanRunning, undefined, { phase: 'done' })).toBe(false);
  });
});
