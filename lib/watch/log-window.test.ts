import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMaillogLine } from '@/lib/postfix/maillog';
import { LogWindow } from './log-window';

// The lab's recorded attack (scripts/lab attack): 150 sessions of info@ from
// 127.0.0.66, 40 from a botnet on the same login, brute force from 127.0.0.99,
// every delivery refused by the blocklisting relay.
const lines = readFileSync(path.resolve(__dirname, '../maillog/fixtures/lab-attack.log'), 'utf8').split('\n').filter(Boolean);
const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

function feed(window: LogWindow, input: string[], at = T0) {
  for (const l of input) window.addLine(l, at, (x) => parseMaillogLine(x));
}

// Expected numbers straight from the text, without the Postfix parser.
function expectedFromText() {
  const owner = new Map<string, string>();
  const ips = new Map<string, Map<string, number>>();
  for (const l of lines) {
    const m = /: ([0-9A-F]{6,}): client=\S*\[([^\]]+)\], sasl_method=\w+, sasl_username=(\S+)$/.exec(l);
    if (!m) continue;
    owner.set(m[1]!, m[3]!);
    const per = ips.get(m[3]!) ?? new Map<string, number>();
    per.set(m[2]!, (per.get(m[2]!) ?? 0) + 1);
    ips.set(m[3]!, per);
  }
  const rcpt = new Map<string, number>();
  const counted = new Set<string>();
  for (const l of lines) {
    const m = /: ([0-9A-F]{6,}): from=<[^>]*>, size=\d+, nrcpt=(\d+)/.exec(l);
    if (!m || counted.has(m[1]!) || !owner.has(m[1]!)) continue;
    counted.add(m[1]!);
    const u = owner.get(m[1]!)!;
    rcpt.set(u, (rcpt.get(u) ?? 0) + Number(m[2]));
  }
  const refused = new Set(
    lines
      .filter((l) => l.includes('status=deferred') && l.includes('refused to talk to me') && !l.includes('temporarily suspended'))
      .map((l) => /: ([0-9A-F]{6,}): to=/.exec(l)?.[1]),
  );
  return { owner, ips, rcpt, refused };
}

describe('LogWindow on the lab attack', () => {
  const exp = expectedFromText();
  const w = new LogWindow();
  feed(w, lines);

  it('counts each SASL user’s messages, recipients and client IPs', () => {
    const info = w.userActivity(T0).find((u) => u.user === 'info@example.com')!;
    const infoIps = exp.ips.get('info@example.com')!;
    expect(info.messages).toBe([...infoIps.values()].reduce((a, b) => a + b, 0));
    expect(info.messages).toBeGreaterThan(100);
    expect(info.recipients).toBe(exp.rcpt.get('info@example.com'));
    expect(info.ipCount).toBe(infoIps.size);
    expect(info.ips[0]).toEqual(['127.0.0.66', infoIps.get('127.0.0.66')]);
    expect(w.userActivity(T0)[0]!.user).toBe('info@example.com');
  });

  it('counts SASL failures per client IP with the user names tried', () => {
    const f = w.failuresByIp(T0, 10);
    expect(f).toHaveLength(1);
    expect(f[0]!.ip).toBe('127.0.0.99');
    expect(f[0]!.count).toBe(lines.filter((l) => l.includes('authentication failed')).length);
    expect(f[0]!.users.map(([u]) => u)).toContain('info@example.com');
  });

  it('counts messages a remote site refused as blocked, once per message', () => {
    const b = w.blocksBySite(T0, 10);
    expect(b[0]!.site).toBe('127.0.0.1');
    expect(b[0]!.count).toBe(exp.refused.size);
    expect(b[0]!.sample?.listName).toBe('zen.spamhaus.org');
  });

  it('keeps the queue ids of a user that have not left the queue', () => {
    const ids = w.queueIdsOf('info@example.com', T0 - 1);
    const removed = new Set(lines.map((l) => /: ([0-9A-F]{6,}): removed$/.exec(l)?.[1]).filter(Boolean));
    const expected = [...exp.owner].filter(([id, u]) => u === 'info@example.com' && !removed.has(id)).map(([id]) => id);
    expect(ids.sort()).toEqual(expected.sort());
  });

  it('forgets what falls out of the window', () => {
    const later = T0 + 61 * 60_000;
    expect(w.userActivity(later, 60)).toEqual([]);
    expect(w.failuresByIp(T0 + 11 * 60_000, 10)).toEqual([]);
    w.prune(later);
    expect(w.userActivity(later)).toEqual([]);
  });
});

describe('LogWindow bookkeeping', () => {
  it('takes the same numbers from raw lines as from parsed events, parsing only what matters', () => {
    const viaEvents = new LogWindow();
    for (const l of lines) viaEvents.add(parseMaillogLine(l), T0);
    let parsed = 0;
    const viaLines = new LogWindow();
    for (const l of lines) viaLines.addLine(l, T0, (x) => (parsed++, parseMaillogLine(x)));
    expect(viaLines.userActivity(T0)).toEqual(viaEvents.userActivity(T0));
    expect(viaLines.failuresByIp(T0, 10)).toEqual(viaEvents.failuresByIp(T0, 10));
    expect(viaLines.blocksBySite(T0, 10)).toEqual(viaEvents.blocksBySite(T0, 10));
    expect(viaLines.queueIdsOf('info@example.com', 0).sort()).toEqual(viaEvents.queueIdsOf('info@example.com', 0).sort());
    // A busy host's noise: postsuper deleting, qmgr retrying old deferred mail, cached refusals.
    const before = parsed;
    for (let i = 0; i < 300; i++) {
      const id = `9${String(i).padStart(9, '0')}`;
      viaLines.addLine(`Nov 27 22:53:29 mail postfix/postsuper[13973]: ${id}: removed`, T0, (x) => (parsed++, parseMaillogLine(x)));
      viaLines.addLine(
        `Nov 27 22:53:29 mail postfix/qmgr[14818]: ${id}: from=<a@b.test>, size=900, nrcpt=20 (queue active)`,
        T0,
        (x) => (parsed++, parseMaillogLine(x)),
      );
      viaLines.addLine(
        `Nov 27 22:54:49 mail postfix/error[12029]: ${id}: to=<x@verizon.net>, relay=none, delay=626, delays=626/0.13/0/0.01, dsn=4.7.1, status=deferred (delivery temporarily suspended: host 127.0.0.1[127.0.0.1] refused to talk to me: 554 5.7.1 blocked)`,
        T0,
        (x) => (parsed++, parseMaillogLine(x)),
      );
    }
    expect(parsed - before).toBe(0);
    expect(viaLines.userActivity(T0)).toEqual(viaEvents.userActivity(T0));
  });

  const login = (id: string, user: string, ip: string) =>
    `Jan  5 10:00:00 mail postfix/smtpd[1]: ${id}: client=unknown[${ip}], sasl_method=LOGIN, sasl_username=${user}`;
  const qmgr = (id: string, n: number) => `Jan  5 10:00:01 mail postfix/qmgr[2]: ${id}: from=<x@y.test>, size=100, nrcpt=${n} (queue active)`;

  it('counts recipients once although qmgr logs a deferred message again on each retry', () => {
    const w = new LogWindow();
    feed(w, [login('AAAAAA1', 'a@example.com', '10.0.0.1'), qmgr('AAAAAA1', 7), qmgr('AAAAAA1', 7)]);
    expect(w.userActivity(T0)[0]).toMatchObject({ messages: 1, recipients: 7 });
  });

  it('hands out logins and hourly counts once, for the history tables', () => {
    const w = new LogWindow();
    feed(w, [login('AAAAAA1', 'A@Example.com', '10.0.0.1'), login('AAAAAA2', 'a@example.com', '10.0.0.1'), qmgr('AAAAAA2', 3)]);
    const logins = w.takeLogins();
    expect(logins).toEqual([{ user: 'a@example.com', ip: '10.0.0.1', first: T0, last: T0, count: 2 }]);
    expect(w.takeLogins()).toEqual([]);
    expect(w.takeHourly()).toEqual([{ user: 'a@example.com', hour: T0, messages: 2, recipients: 3 }]);
    expect(w.takeHourly()).toEqual([]);
  });
});
