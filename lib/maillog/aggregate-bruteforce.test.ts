import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bruteforceAggregator, bruteforceSuggestion, OFFENDER_THRESHOLD } from './aggregate-bruteforce';
import { HOUR_MS } from './schemas';
import { feed, readCorpus } from '@/test/maillog/test-lines';

const LAB = readFileSync(path.join(__dirname, 'fixtures/lab-attack.log'), 'utf8').split('\n').filter(Boolean);

/** fail2ban's own oracle: each `# failJSON` comment states whether the next line is a hit, and for which host. */
function failJsonHits(text: string) {
  const lines = text.split('\n');
  const hits = new Map<string, number>();
  const logLines: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^# failJSON: (.*)$/.exec(lines[i]!);
    if (!m) continue;
    const next = lines[i + 1];
    if (!next || next.startsWith('#')) continue;
    const spec = JSON.parse(m[1]!) as { match: boolean; host?: string };
    logLines.push(next);
    if (spec.match && spec.host) hits.set(spec.host, (hits.get(spec.host) ?? 0) + 1);
  }
  return { hits, logLines };
}

describe('bruteforceAggregator', () => {
  it('counts SASL failures per IP exactly as fail2ban’s test oracle expects', () => {
    const { hits, logLines } = failJsonHits(readCorpus('fail2ban-postfix-sasl.log'));
    const r = feed(bruteforceAggregator({ bucketMs: HOUR_MS }), logLines, 2005).result(100);
    expect(new Map(r.ips.map((row) => [row.ip, row.failures]))).toEqual(hits);
    expect(r.serverErrors).toBe(logLines.filter((l) => l.includes('Connection lost to authentication server')).length);
    expect(r.withUsername).toBe(0);
  });

  it('takes the user name when Postfix logged one', () => {
    const lines = readCorpus('fail2ban-postfix.log')
      .split('\n')
      .filter((l) => l.includes('sasl_username='));
    const r = feed(bruteforceAggregator({ bucketMs: HOUR_MS }), lines, 2005).result(10);
    expect(r.withUsername).toBe(lines.filter((l) => /authentication failed.*sasl_username=/.test(l)).length);
    expect(r.users.map((u) => u.username)).toContain('admin');
  });

  it('finds the lab scanner, its targets, and logins that followed failures', () => {
    const failing = LAB.filter((l) => l.includes('authentication failed') && !l.includes('Connection lost'));
    const byIp = new Map<string, number>();
    for (const l of failing) {
      const ip = /\[([^\]]+)\]: SASL/.exec(l)![1]!;
      byIp.set(ip, (byIp.get(ip) ?? 0) + 1);
    }
    const r = feed(bruteforceAggregator({ bucketMs: HOUR_MS }), LAB, 2026).result(10);
    expect(r.failures).toBe(failing.length);
    expect(r.ips[0]!.ip).toBe('127.0.0.99');
    expect(r.ips[0]!.failures).toBe(byIp.get('127.0.0.99'));
    expect(r.timeline.reduce((n, [, c]) => n + c, 0)).toBe(r.failures);
    const targets = new Set(failing.map((l) => /sasl_username=([^,\s]+)/.exec(l)?.[1]).filter((u): u is string => !!u && u !== '(unavailable)'));
    expect(new Set(r.users.map((u) => u.username))).toEqual(targets);
    expect(r.offenders).toEqual(r.ips.filter((i) => i.failures >= OFFENDER_THRESHOLD).map((i) => i.ip));
  });

  it('flags a user who logged in from an IP that had been failing against him', () => {
    const lines = [
      'Nov 27 10:00:01 mail postfix/smtpd[1]: warning: unknown[203.0.113.9]: SASL LOGIN authentication failed: UGFzc3dvcmQ6, sasl_username=victim@example.com',
      'Nov 27 10:00:05 mail postfix/smtpd[1]: warning: unknown[203.0.113.9]: SASL LOGIN authentication failed: UGFzc3dvcmQ6, sasl_username=other@example.com',
      'Nov 27 10:01:00 mail postfix/smtpd[1]: 1A2B3C4D5E: client=unknown[203.0.113.9], sasl_method=LOGIN, sasl_username=victim@example.com',
    ];
    const r = feed(bruteforceAggregator({ bucketMs: HOUR_MS }), lines, 2026).result(10);
    expect(r.users.find((u) => u.username === 'victim@example.com')!.loggedInFromFailingIp).toBe(true);
    expect(r.users.find((u) => u.username === 'other@example.com')!.loggedInFromFailingIp).toBe(false);
    expect(r.ips[0]!.loginsAfter).toBe(1);
  });

  it('shows a postmaster only failures against his domains, never anonymous ones', () => {
    const r = feed(bruteforceAggregator({ bucketMs: HOUR_MS, scope: (u) => u.endsWith('@corp.test') }), LAB, 2026).result(10);
    expect(r.users.every((u) => u.username.endsWith('@corp.test'))).toBe(true);
    expect(r.failures).toBe(r.withUsername);
  });
});

describe('bruteforceSuggestion', () => {
  it('writes one CIDR line per offender and a jail on the host’s log', () => {
    const s = bruteforceSuggestion(['203.0.113.9', '2001:db8::1'], '/var/log/maillog');
    expect(s.cidrTable).toMatch(/^203\.0\.113\.9\/32\s+REJECT/m);
    expect(s.cidrTable).toMatch(/^2001:db8::1\/128\s+REJECT/m);
    expect(s.fail2banJail).toContain('logpath  = /var/log/maillog');
  });
});
