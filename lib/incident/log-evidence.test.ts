import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { feed } from '@/test/maillog/test-lines';
import { forgedFromLog, logEvidenceAggregator, summarizeLog } from './log-evidence';

// The lab's own attack as the maillog recorded it (lib/maillog/fixtures),
// plus hand-written lines for history and password guessing.

const LAB = readFileSync(path.resolve(__dirname, '../maillog/fixtures/lab-attack.log'), 'utf8').split('\n').filter(Boolean);
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('log evidence from the lab attack', () => {
  const raw = feed(logEvidenceAggregator(), LAB, 2026).result(0);
  const now = at('2026-11-27T22:00:00Z');
  const users = summarizeLog(raw, { now, recentMs: 24 * HOUR });

  it('counts the stolen login’s IPs, submissions and forged senders', () => {
    const info = users.get('info@example.com')!;
    expect(info.logins).toBe(190);
    expect(info.ips.map((i) => i.ip).sort()).toEqual(['127.0.0.66', '127.0.1.10', '127.0.1.11', '127.0.1.12', '127.0.1.13', '127.0.1.14'].sort());
    expect(info.ips[0]).toMatchObject({ ip: '127.0.0.66', logins: 150 });
    expect(info.recent.messages).toBe(190);
    expect(info.recent.forged).toBe(190);
    expect(info.recent.recipients).toBeGreaterThan(190 * 9);
    // The first spam login's second (two sessions logged in within it).
    expect(info.firstForged!.time).toBe(info.firstLogin);
    expect(info.firstForged!.from).not.toMatch(/@example\.com$/);
    // The whole log is within the last day: no history, so no IP is "new" and there is no baseline.
    expect(info.newIps).toBe(0);
    expect(info.baseline).toBeNull();
    expect(info.priorLogins).toBe(0);
  });

  it('keeps the addresses the login forged, for the bounces to them once its mail is gone', () => {
    const forged = forgedFromLog(raw, 'INFO@example.com');
    const fromLines = new Set(
      LAB.flatMap((l) => /: from=<([^>]+)>, size=\d+, nrcpt=/.exec(l)?.[1]?.toLowerCase() ?? []).filter((a) => !a.endsWith('@example.com')),
    );
    expect(forged.length).toBeGreaterThan(0);
    expect(forged.every((a) => fromLines.has(a))).toBe(true);
    expect(forged).toContain(users.get('info@example.com')!.firstForged!.from.toLowerCase());
    expect(forgedFromLog(raw, 'alice@example.com')).toEqual([]);
  });

  it('keeps failures naming a login apart from a guessed password', () => {
    const info = users.get('info@example.com')!;
    const guesses = LAB.filter((l) => l.includes('authentication failed') && l.endsWith('sasl_username=info@example.com')).length;
    expect(info.failures).toBe(guesses);
    // The guessing IP (127.0.0.99) never logged in as info@.
    expect(info.bruteThenLogin).toBeNull();
  });

  it('sees a legitimate user sending as herself to one or two', () => {
    const alice = users.get('alice@example.com')!;
    expect(alice.recent.messages).toBe(2);
    expect(alice.recent.forged).toBe(0);
    expect(alice.recent.recipients).toBeLessThanOrEqual(4);
  });
});

describe('log evidence over time', () => {
  const line = (iso: string, text: string) => {
    const d = new Date(iso);
    const mon = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
    const hms = d.toISOString().slice(11, 19);
    return `${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms} mail postfix/${text}`;
  };
  const login = (iso: string, id: string, ip: string, user: string) =>
    line(iso, `smtpd[1]: ${id}: client=unknown[${ip}], sasl_method=LOGIN, sasl_username=${user}`);
  const qmgr = (iso: string, id: string, from: string, n: number) => line(iso, `qmgr[2]: ${id}: from=<${from}>, size=900, nrcpt=${n} (queue active)`);
  const fail = (iso: string, ip: string, user: string) =>
    line(iso, `smtpd[3]: warning: unknown[${ip}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6, sasl_username=${user}`);

  const lines = [
    // Two quiet weeks: bob sends one message a day from his office.
    ...Array.from({ length: 14 }, (_, i) => {
      const day = String(i + 1).padStart(2, '0');
      return [
        login(`2026-03-${day}T09:00:00Z`, `A${day}0F1`, '192.0.2.22', 'bob@example.com'),
        qmgr(`2026-03-${day}T09:00:01Z`, `A${day}0F1`, 'bob@example.com', 1),
      ];
    }).flat(),
    // Then somebody guesses his password from 203.0.113.9 and gets in.
    ...['10', '11', '12', '13'].map((s) => fail(`2026-03-15T10:00:${s}Z`, '203.0.113.9', 'bob@example.com')),
    login('2026-03-15T10:01:00Z', 'B0001F1', '203.0.113.9', 'bob@example.com'),
    qmgr('2026-03-15T10:01:01Z', 'B0001F1', 'lindawatts@yahoo.com.hk', 40),
    qmgr('2026-03-15T10:05:01Z', 'B0001F1', 'lindawatts@yahoo.com.hk', 40),
    login('2026-03-15T10:02:00Z', 'B0002F1', '198.18.4.4', 'bob@example.com'),
    qmgr('2026-03-15T10:02:01Z', 'B0002F1', 'kevin@163.com', 30),
  ];
  const raw = feed(logEvidenceAggregator(), lines, 2026).result(0);
  const bob = summarizeLog(raw, { now: at('2026-03-15T12:00:00Z'), recentMs: 24 * HOUR }).get('bob@example.com')!;

  it('compares the burst with the login’s own older lines', () => {
    expect(bob.recent).toMatchObject({ messages: 2, recipients: 70, forged: 2 });
    expect(bob.baseline).not.toBeNull();
    expect(bob.baseline!.messages).toBe(14);
    expect(bob.priorLogins).toBeGreaterThan(0);
  });

  it('marks the IPs first seen in the recent window as new', () => {
    expect(bob.newIps).toBe(2);
    expect(bob.ips.find((i) => i.ip === '192.0.2.22')!.isNew).toBe(false);
  });

  it('sees failures from an IP followed by a login from it', () => {
    expect(bob.bruteThenLogin).toMatchObject({ ip: '203.0.113.9', failures: 4 });
    expect(bob.failures).toBe(4);
    expect(bob.firstForged).toMatchObject({ from: 'lindawatts@yahoo.com.hk', ip: '203.0.113.9', queueId: 'B0001F1' });
  });
});
