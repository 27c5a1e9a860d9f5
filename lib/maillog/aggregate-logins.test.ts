import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMaillogLine } from '@/lib/postfix/maillog';
import { loginDetailAggregator, loginsAggregator } from './aggregate-logins';
import { dayClock, newLoginScan, scanSaslLogin, scannedIp, scannedUser } from './fast-login';
import { HOUR_MS } from './schemas';
import { feed, readCorpus, seedLines } from '@/test/maillog/test-lines';

// Expected values are counted from the raw text with plain regexes, so the
// tests pin the aggregation against an independent reading of the same lines.
const LAB = readFileSync(path.join(__dirname, 'fixtures/lab-attack.log'), 'utf8').split('\n').filter(Boolean);
const LOGIN_RE = /: ([0-9A-F]+): client=[^[]*\[([^\]]+)\], sasl_method=\w+, sasl_username=([^,\s]+)/;

function oracle(lines: string[]) {
  const byUser = new Map<string, Map<string, number>>();
  const queueIds = new Map<string, string[]>();
  for (const l of lines) {
    const m = LOGIN_RE.exec(l);
    if (!m) continue;
    const [, qid, ip, user] = m as unknown as [string, string, string, string];
    const ips = byUser.get(user.toLowerCase()) ?? new Map<string, number>();
    ips.set(ip, (ips.get(ip) ?? 0) + 1);
    byUser.set(user.toLowerCase(), ips);
    queueIds.set(user.toLowerCase(), [...(queueIds.get(user.toLowerCase()) ?? []), qid]);
  }
  return { byUser, queueIds };
}

describe('loginsAggregator', () => {
  it('counts the seed incident logins of info@example.com from 68.167.29.196', () => {
    const lines = seedLines();
    const { byUser } = oracle(lines);
    const r = feed(loginsAggregator({ bucketMs: HOUR_MS }), lines).result(10);
    expect(r.users).toHaveLength(byUser.size);
    const info = r.users.find((u) => u.user === 'info@example.com')!;
    expect(info.logins).toBe(byUser.get('info@example.com')!.get('68.167.29.196'));
    expect(info.topIp).toBe('68.167.29.196');
    expect(r.timeline.reduce((n, [, c]) => n + c, 0)).toBe(r.totalLogins);
  });

  it('ranks the lab attack: every user, logins and distinct IPs as in the raw lines', () => {
    const { byUser } = oracle(LAB);
    const r = feed(loginsAggregator({ bucketMs: HOUR_MS }), LAB, 2026).result(100);
    expect(r.totalUsers).toBe(byUser.size);
    for (const row of r.users) {
      const ips = byUser.get(row.user.toLowerCase())!;
      expect(row.logins, row.user).toBe([...ips.values()].reduce((a, b) => a + b, 0));
      expect(row.ips, row.user).toBe(ips.size);
      expect(row.topIpCount).toBe(Math.max(...ips.values()));
      expect(row.first).toBeLessThanOrEqual(row.last);
    }
    expect(r.users[0]!.user).toBe('info@example.com');
    // The busiest row first; the limit cuts the tail.
    expect(r.users.map((u) => u.logins)).toEqual([...r.users.map((u) => u.logins)].sort((a, b) => b - a));
    expect(feed(loginsAggregator({ bucketMs: HOUR_MS }), LAB, 2026).result(2).users).toHaveLength(2);
  });

  it('shows a postmaster only the users of his domains', () => {
    const r = feed(loginsAggregator({ bucketMs: HOUR_MS, scope: (u) => u.endsWith('@corp.test') }), LAB, 2026).result(100);
    expect(r.users.length).toBeGreaterThan(0);
    expect(r.users.every((u) => u.user.endsWith('@corp.test'))).toBe(true);
  });

  it('counts the same through the line shortcut (addLogin) as through parsed events', () => {
    const viaEvents = feed(loginsAggregator({ bucketMs: HOUR_MS }), LAB, 2026).result(100);
    const agg = loginsAggregator({ bucketMs: HOUR_MS });
    const clock = dayClock({ year: 2026 });
    const scan = newLoginScan();
    let shortcut = 0;
    for (const l of LAB) {
      if (scanSaslLogin(l, clock, scan)) {
        shortcut++;
        agg.addLogin!(scan.time, scannedUser(l, scan), scannedIp(l, scan));
      } else {
        const ev = parseMaillogLine(l, { year: 2026 });
        if (ev.kind !== 'unknown') agg.add(ev, l);
      }
    }
    expect(shortcut).toBeGreaterThan(0);
    expect(agg.result(100)).toEqual(viaEvents);
  });

  it('reads the single sasl line of the kumina corpus', () => {
    const lines = readCorpus('kumina-postfix_exporter-postfix_exporter_test.extracted.log').split('\n');
    const r = feed(loginsAggregator({ bucketMs: HOUR_MS }), lines, 2020).result(10);
    expect(r.totalLogins).toBe(lines.filter((l) => LOGIN_RE.test(l)).length);
  });
});

describe('loginDetailAggregator', () => {
  it('joins the logins of one user with qmgr from=/nrcpt= lines', () => {
    const user = 'info@example.com';
    const { byUser, queueIds } = oracle(LAB);
    const r = feed(loginDetailAggregator({ user: 'INFO@example.com', bucketMs: HOUR_MS }), LAB, 2026).result(100);
    const ips = byUser.get(user)!;
    expect(r.user).toBe(user);
    expect(r.logins).toBe(queueIds.get(user)!.length);
    expect(r.totalIps).toBe(ips.size);
    expect(r.ips[0]!.ip).toBe([...ips].sort((a, b) => b[1] - a[1])[0]![0]);
    // The first qmgr line after each login: the message and its recipient count.
    const ids = new Set(queueIds.get(user));
    const firstQmgr = new Map<string, { from: string; nrcpt: number }>();
    for (const l of LAB) {
      const m = /: ([0-9A-F]+): from=<([^>]*)>, size=\d+, nrcpt=(\d+)/.exec(l);
      if (m && ids.has(m[1]!) && !firstQmgr.has(m[1]!)) firstQmgr.set(m[1]!, { from: m[2]!, nrcpt: Number(m[3]) });
    }
    expect(r.messages).toBe(firstQmgr.size);
    expect(r.recipients).toBe([...firstQmgr.values()].reduce((n, q) => n + q.nrcpt, 0));
    const forged = new Set([...firstQmgr.values()].map((q) => q.from.toLowerCase()).filter((f) => f !== user));
    expect(r.otherSenders).toBe(forged.size);
    expect(r.methods).toEqual({ LOGIN: r.logins });
  });

  it('skips unparsed exactly the lines it would ignore', () => {
    const all = feed(loginDetailAggregator({ user: 'info@example.com', bucketMs: HOUR_MS }), LAB, 2026).result(100);
    const agg = loginDetailAggregator({ user: 'info@example.com', bucketMs: HOUR_MS });
    let skipped = 0;
    for (const l of LAB) {
      if (agg.ignores!(l)) {
        skipped++;
        continue;
      }
      const ev = parseMaillogLine(l, { year: 2026 });
      if (ev.kind !== 'unknown') agg.add(ev, l);
    }
    expect(skipped).toBeGreaterThan(0);
    expect(agg.result(100)).toEqual(all);
  });

  it('is empty, not wrong, for a user who never logged in', () => {
    const r = feed(loginDetailAggregator({ user: 'nobody@example.com', bucketMs: HOUR_MS }), LAB, 2026).result(10);
    expect(r).toMatchObject({ logins: 0, first: null, last: null, ips: [], messages: 0, recipients: 0 });
  });
});
