import { describe, expect, it } from 'vitest';
import type { LogUserEvidence } from './log-evidence';
import type { QueueUserEvidence } from './queue-evidence';
import { scoreUser, splitSuspects, SUSPECT_SCORE, WEIGHTS } from './score';

const NOW = Date.parse('2026-11-27T22:00:00Z');
const HOUR = 3_600_000;

const queue = (over: Partial<QueueUserEvidence>): QueueUserEvidence => ({
  user: 'x@example.com',
  messages: 0,
  recipients: 0,
  forged: 0,
  held: 0,
  ips: [],
  firstArrival: 0,
  lastArrival: 0,
  ...over,
});
const log = (over: Partial<LogUserEvidence>): LogUserEvidence => ({
  user: 'x@example.com',
  logins: 0,
  ips: [],
  newIps: 0,
  firstLogin: null,
  burstStart: null,
  priorLogins: 0,
  recent: { messages: 0, recipients: 0, forged: 0, hours: 24 },
  baseline: null,
  coverageBeforeBurstMs: 0,
  failures: 0,
  bruteThenLogin: null,
  firstForged: null,
  ...over,
});
const ip = (addr: string, n: number, isNew = false) => ({ ip: addr, logins: n, first: NOW - HOUR, last: NOW - 60_000, isNew });
const ids = (r: { reasons: { id: string }[] }) => r.reasons.map((x) => x.id);

describe('scoreUser', () => {
  // The lab's attack on info@: 190 forged messages to 10-20 each, from six IPs, an old mailbox.
  const info = scoreUser({
    now: NOW,
    createdIso: '2011-04-25T15:35:54',
    queue: queue({
      messages: 190,
      recipients: 2850,
      forged: 190,
      ips: [{ ip: '127.0.0.66', messages: 150 }, ...[10, 11, 12, 13, 14].map((n) => ({ ip: `127.0.1.${n}`, messages: 8 }))],
    }),
    log: log({
      logins: 190,
      ips: [ip('127.0.0.66', 150)],
      recent: { messages: 190, recipients: 2850, forged: 190, hours: 24 },
      failures: 8,
      coverageBeforeBurstMs: 2 * HOUR,
    }),
  });
  // A real user: two messages as herself to one recipient each, one IP, plenty of history.
  const alice = scoreUser({
    now: NOW,
    createdIso: '2015-03-02T09:12:40',
    queue: queue({ messages: 2, recipients: 2, forged: 0, ips: [{ ip: '127.0.2.11', messages: 2 }] }),
    log: log({
      logins: 40,
      ips: [ip('127.0.2.11', 40)],
      priorLogins: 38,
      recent: { messages: 2, recipients: 2, forged: 0, hours: 24 },
      baseline: { messages: 30, hours: 24 * 14 },
    }),
  });

  it('ranks the stolen, forging, many-IP account far above a normal user', () => {
    expect(info.score).toBeGreaterThanOrEqual(70);
    expect(alice.score).toBeLessThan(10);
    expect(ids(info)).toEqual(
      expect.arrayContaining(['forged-share', 'recipients-per-message', 'many-ips', 'volume-no-baseline', 'failed-logins', 'idle-account-short-log']),
    );
  });

  it('spells each reason out with its numbers, biggest first', () => {
    const forged = info.reasons.find((r) => r.id === 'forged-share')!;
    expect(forged).toEqual({ id: 'forged-share', points: WEIGHTS.forged, vars: { share: 100, forged: 190, messages: 190, where: 'queue' } });
    expect(info.reasons.find((r) => r.id === 'recipients-per-message')!.vars).toMatchObject({ avg: 15, messages: 190 });
    expect(info.reasons.find((r) => r.id === 'many-ips')!.vars).toMatchObject({ ips: 6, topIp: '127.0.0.66', topCount: 150 });
    expect(info.reasons.find((r) => r.id === 'idle-account-short-log')!.vars).toMatchObject({ created: '2011-04-25', logHours: 2 });
    const points = info.reasons.map((r) => r.points);
    expect([...points].sort((a, b) => b - a)).toEqual(points);
    expect(info.score).toBe(
      Math.min(
        100,
        points.reduce((a, b) => a + b, 0),
      ),
    );
  });

  it('scales forged-sender points down when there are only a few messages', () => {
    const few = scoreUser({ now: NOW, queue: queue({ messages: 2, recipients: 2, forged: 1, ips: [{ ip: '1.2.3.4', messages: 2 }] }) });
    expect(few.reasons.find((r) => r.id === 'forged-share')!.points).toBe(Math.round(WEIGHTS.forged * 0.5 * 0.2));
  });

  it('compares volume with the login’s own baseline when the log reaches back', () => {
    const burst = scoreUser({
      now: NOW,
      log: log({ recent: { messages: 240, recipients: 240, forged: 0, hours: 24 }, baseline: { messages: 14, hours: 24 * 14 }, priorLogins: 14 }),
    });
    const v = burst.reasons.find((r) => r.id === 'volume-vs-baseline')!;
    expect(v.points).toBe(WEIGHTS.volume);
    expect(v.vars).toMatchObject({ recent: 240, perHour: 10, ratio: 240 });
    const steady = scoreUser({
      now: NOW,
      log: log({ recent: { messages: 10, recipients: 10, forged: 0, hours: 24 }, baseline: { messages: 140, hours: 24 * 14 }, priorLogins: 50 }),
    });
    expect(ids(steady)).not.toContain('volume-vs-baseline');
  });

  it('gives full points for a guessed password and fewer for failures alone', () => {
    const guessed = scoreUser({
      now: NOW,
      log: log({ failures: 4, bruteThenLogin: { ip: '203.0.113.9', failures: 4, firstFailure: NOW - 2 * HOUR, firstLogin: NOW - HOUR } }),
    });
    expect(guessed.reasons).toEqual([
      expect.objectContaining({ id: 'bruteforce-then-login', points: WEIGHTS.bruteforce, vars: expect.objectContaining({ ip: '203.0.113.9', failures: 4 }) }),
    ]);
    expect(scoreUser({ now: NOW, log: log({ failures: 6 }) }).reasons).toEqual([expect.objectContaining({ id: 'failed-logins', points: WEIGHTS.failures })]);
    expect(scoreUser({ now: NOW, log: log({ failures: 2 }) }).score).toBe(0);
  });

  it('calls an old mailbox idle only when it now sends and never logged in before the burst', () => {
    const base = { now: NOW, createdIso: '2012-01-01T00:00:00', queue: queue({ messages: 30, recipients: 30, ips: [{ ip: '1.2.3.4', messages: 30 }] }) };
    expect(ids(scoreUser({ ...base, log: log({ priorLogins: 0, coverageBeforeBurstMs: 30 * 24 * HOUR }) }))).toContain('idle-account');
    expect(ids(scoreUser({ ...base, log: log({ priorLogins: 3, coverageBeforeBurstMs: 30 * 24 * HOUR }) }))).not.toContain('idle-account');
    expect(ids(scoreUser({ ...base, createdIso: '2026-11-01T00:00:00', log: log({ coverageBeforeBurstMs: 30 * 24 * HOUR }) }))).not.toContain('idle-account');
    expect(ids(scoreUser({ ...base, createdIso: null, log: log({ coverageBeforeBurstMs: 30 * 24 * HOUR }) }))).not.toContain('idle-account');
    // Minutes of log before the burst prove nothing about months.
    const minutes = ids(scoreUser({ ...base, log: log({ priorLogins: 0, coverageBeforeBurstMs: 20 * 60_000 }) }));
    expect(minutes).not.toContain('idle-account');
    expect(minutes).not.toContain('idle-account-short-log');
    expect(ids(scoreUser({ ...base, log: log({ priorLogins: 0, coverageBeforeBurstMs: 3 * HOUR }) }))).toContain('idle-account-short-log');
  });

  it('marks IPs new to a login with history', () => {
    const r = scoreUser({ now: NOW, log: log({ priorLogins: 20, newIps: 1, ips: [ip('192.0.2.22', 20), ip('203.0.113.9', 3, true)] }) });
    expect(r.reasons.find((x) => x.id === 'new-ips')!.vars).toMatchObject({ newIps: 1, knownIps: 1, sample: '203.0.113.9' });
  });

  it('never goes above 100', () => {
    const worst = scoreUser({
      now: NOW,
      createdIso: '2010-01-01T00:00:00',
      queue: queue({ messages: 5000, recipients: 100000, forged: 5000, ips: Array.from({ length: 30 }, (_, i) => ({ ip: `198.18.0.${i}`, messages: 100 })) }),
      log: log({
        priorLogins: 0,
        coverageBeforeBurstMs: 60 * 24 * HOUR,
        recent: { messages: 5000, recipients: 100000, forged: 5000, hours: 24 },
        baseline: { messages: 0, hours: 24 * 30 },
        bruteThenLogin: { ip: '198.18.0.1', failures: 50, firstFailure: NOW - 5 * HOUR, firstLogin: NOW - 4 * HOUR },
      }),
    });
    expect(worst.score).toBe(100);
  });
});

describe('splitSuspects', () => {
  it('lists as suspects exactly the logins at or above the threshold, folds the rest with points, drops zeros', () => {
    const scored = [
      { user: 'a', score: 90 },
      { user: 'b', score: 30 },
      { user: 'c', score: 29 },
      { user: 'd', score: 5 },
      { user: 'e', score: 0 },
    ];
    const { suspects, others } = splitSuspects(scored);
    expect(suspects.map((s) => s.user)).toEqual(['a', 'b']);
    expect(others.map((s) => s.user)).toEqual(['c', 'd']);
    expect(SUSPECT_SCORE).toBe(30);
  });
  it('makes a login with only forged mail (10+ messages, all forged) a suspect, and a busy honest one not', () => {
    const now = Date.parse('2026-12-07T00:00:00Z');
    const forgedOnly = scoreUser({
      now,
      queue: {
        user: 'x@example.com',
        messages: 15_029,
        recipients: 15_029,
        forged: 15_029,
        held: 0,
        ips: [{ ip: '10.0.0.1', messages: 15_029 }],
        firstArrival: 0,
        lastArrival: 0,
      },
    });
    const honest = scoreUser({
      now,
      queue: {
        user: 'y@example.com',
        messages: 40,
        recipients: 80,
        forged: 0,
        held: 0,
        ips: [{ ip: '10.0.0.2', messages: 40 }],
        firstArrival: 0,
        lastArrival: 0,
      },
    });
    expect(forgedOnly.score).toBeGreaterThanOrEqual(SUSPECT_SCORE);
    expect(honest.score).toBeLessThan(SUSPECT_SCORE);
  });
});
