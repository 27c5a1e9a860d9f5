// The parser against real logs written by others (shared/corpora/maillog,
// see SOURCES.md) and the seed incident's own lines.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMaillogLine, parseMaillogMessage, type MaillogEvent } from '../maillog';

const SHARED = path.resolve(__dirname, '../../../../shared');
const DIR = path.join(SHARED, 'corpora/maillog');
const read = (f: string) => readFileSync(path.join(DIR, f), 'utf8');
const logFiles = readdirSync(DIR).filter((f) => f.endsWith('.log'));

function clientIp(ev: MaillogEvent): string | undefined {
  if ('client' in ev && ev.client) return ev.client.ip;
  return undefined;
}

// failJSON times are local wall clock; some have a one-digit day (`2005-03-7T...`).
function isoOf(t: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{2}:\d{2}:\d{2})/.exec(t);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}T${m[4]}` : t;
}

describe('every corpus line', () => {
  it('parses without throwing; most lines are recognised', () => {
    let n = 0;
    let known = 0;
    for (const f of logFiles) {
      for (const line of read(f).split('\n')) {
        if (!line.trim()) continue;
        const ev = parseMaillogLine(line, { year: 2005 });
        if (line.startsWith('#')) {
          expect(ev.kind).toBe('unknown');
          continue;
        }
        n++;
        if (ev.kind !== 'unknown') known++;
      }
    }
    let jn = 0;
    let jknown = 0;
    for (const l of read('whyscream-postfix-grok-patterns.messages.jsonl').split('\n').filter(Boolean)) {
      const { message, pattern } = JSON.parse(l) as { message: string; pattern: string };
      jn++;
      for (const service of ['smtpd', 'smtp', 'qmgr', 'cleanup', 'postscreen', 'local']) {
        expect(() => parseMaillogMessage(service, message)).not.toThrow();
      }
      // As a full line too: the messages are what follows `prog[pid]: `.
      const service = (/POSTFIX_([A-Z_]+)\}/.exec(pattern)?.[1] ?? 'smtpd').toLowerCase();
      const ev = parseMaillogLine(`Oct 26 18:13:50 mx postfix/${service}[1]: ${message}`, { year: 2024 });
      if (ev.kind !== 'unknown') jknown++;
    }
    console.log(`corpus .log lines: ${known}/${n} recognised (${((100 * known) / n).toFixed(1)}%)`);
    console.log(`whyscream messages as full lines: ${jknown}/${jn} not unknown`);
    expect(known / n).toBeGreaterThan(0.95);
  });
});

// fail2ban's tests infer the year the way we do: the latest date not after
// "now", which for these files is mid-August 2005 (Sep..Dec lines are 2004).
const F2B_TIME = { now: Date.UTC(2005, 7, 14, 12, 0, 0) };

describe('fail2ban failJSON oracle', () => {
  const files = logFiles.filter((f) => f.startsWith('fail2ban-'));
  const results = files.map((f) => {
    const lines = read(f).split('\n');
    let n = 0;
    let ipOk = 0;
    let timeOk = 0;
    let userOk = 0;
    let users = 0;
    const misses: string[] = [];
    for (let i = 0; i < lines.length - 1; i++) {
      const m = /^# failJSON: (\{.*\})\s*$/.exec(lines[i]!);
      if (!m) continue;
      const want = JSON.parse(m[1]!) as { match: boolean; host?: string; time?: string; user?: string };
      if (!want.match || !want.host) continue;
      const line = lines[i + 1]!;
      const ev = parseMaillogLine(line, F2B_TIME);
      n++;
      if (clientIp(ev) === want.host) ipOk++;
      else misses.push(`${ev.kind}: ${line.slice(0, 140)}`);
      if (!want.time || (ev.time !== undefined && new Date(ev.time).toISOString().slice(0, 19) === isoOf(want.time))) timeOk++;
      if (want.user) {
        users++;
        if (ev.kind === 'sasl-failure' && ev.username === want.user) userOk++;
      }
    }
    return { f, n, ipOk, timeOk, users, userOk, misses };
  });

  it('extracts the client IP fail2ban expects', () => {
    for (const r of results) {
      console.log(`${r.f}: host ${r.ipOk}/${r.n}, time ${r.timeOk}/${r.n}, user ${r.userOk}/${r.users}`);
      if (r.misses.length) console.log(`  misses:\n    ${r.misses.join('\n    ')}`);
      expect(r.timeOk).toBe(r.n);
      expect(r.userOk).toBe(r.users);
    }
    const strict = results.filter((r) => /sasl|rbl/.test(r.f));
    expect(strict.length).toBe(3);
    for (const r of strict) expect(r.ipOk, r.f).toBe(r.n);
    const all = results.reduce((s, r) => ({ n: s.n + r.n, ok: s.ok + r.ipOk }), { n: 0, ok: 0 });
    expect(all.ok / all.n).toBeGreaterThan(0.9);
  });

  it('reads SASL failures with mechanism, reason and the multi-instance tag', () => {
    const ev = parseMaillogLine(
      'Sep  6 00:44:56 trianon postfix/submission/smtpd[11538]: warning: unknown[82.221.106.233]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
      { year: 2004 },
    );
    expect(ev).toMatchObject({
      kind: 'sasl-failure',
      syslogName: 'postfix/submission',
      service: 'smtpd',
      pid: 11538,
      mechanism: 'LOGIN',
      reason: 'UGFzc3dvcmQ6',
      client: { name: 'unknown', ip: '82.221.106.233' },
    });
  });
});

describe('kumina postfix_exporter lines', () => {
  it('gives the kinds the exporter counts', () => {
    const counts: Record<string, number> = {};
    for (const line of read('kumina-postfix_exporter-postfix_exporter_test.extracted.log').split('\n').filter(Boolean)) {
      const ev = parseMaillogLine(line, { year: 2020 });
      counts[ev.kind] = (counts[ev.kind] ?? 0) + 1;
    }
    expect(counts).toEqual({
      removed: 32,
      'qmgr-expired': 2,
      warning: 4,
      'sasl-failure': 1,
      'sasl-login': 1,
      client: 1,
      tls: 2,
      delivery: 4,
      'remote-reply': 1,
      'bounce-notification': 1,
      fatal: 1,
      unknown: 1,
    });
  });
});

describe('the seed incident report', () => {
  const seedLines = readFileSync(path.join(SHARED, 'seed/postfix-spam-incident.zh.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[A-Z][a-z]{2} +\d+ [\d:]{8} \S+ postfix\//.test(l));
  const events = seedLines.map((l) => parseMaillogLine(l, { year: 2012 }));

  it('recognises every log line quoted in it', () => {
    expect(seedLines.length).toBe(16);
    expect(events.filter((e) => e.kind === 'unknown')).toEqual([]);
  });

  it('finds the stolen login and its client', () => {
    const logins = events.filter((e) => e.kind === 'sasl-login');
    expect(logins).toHaveLength(4);
    for (const e of logins) {
      expect(e).toMatchObject({ saslUsername: 'info@example.com', saslMethod: 'LOGIN', client: { ip: '68.167.29.196' } });
    }
  });

  it('splits the remote refusals into host, code and text', () => {
    const deferred = events.filter((e) => e.kind === 'delivery' && e.status === 'deferred');
    expect(deferred).toHaveLength(4);
    const yahoo = deferred.find((e) => e.kind === 'delivery' && e.to === 'bhaitov@yahoo.com');
    expect(yahoo).toMatchObject({
      relay: 'none',
      dsn: '4.7.1',
      delays: { beforeQmgr: 96576, inQmgr: 6386, connSetup: 0, transmission: 9.8 },
      reply: { via: 'refused', suspended: true, host: 'mta5.am0.yahoodns.net', ip: '66.94.237.139', code: 421, dsn: '4.7.1' },
    });
    const bounced = events.find((e) => e.kind === 'delivery' && e.status === 'bounced');
    expect(bounced).toMatchObject({ reply: { via: 'said', host: 'mx3.qq.com', code: 550, stage: 'end of DATA' } });
  });
});
