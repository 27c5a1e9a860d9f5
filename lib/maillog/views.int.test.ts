import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '@/lib/auth/principal';
import type { LoginsDetail, LoginsList } from './schemas';
import { blocksView, bruteforceView, loginsView, searchView, traceView } from './views';

// server-only guards the Next bundles; under Vitest there is no bundle to guard.
vi.mock('server-only', () => ({}));

// Against the lab host "lab" after `scripts/lab attack`: the console reads
// /var/log/maillog over SSH; the test reads the same file directly (it runs
// on the lab machine as root) and counts with plain regexes. Others may add
// lines meanwhile, so every count must lie between a count taken before and
// one taken after the call.

const MAILLOG = '/var/log/maillog';
const ATTACKER_USER = 'info@example.com';
const ATTACKER_IP = '127.0.0.66';
const SCANNER_IP = '127.0.0.99';
const ALL_TIME = { from: '2000-01-01T00:00:00Z', limit: 1000 };

const admin: Principal = { username: 'root@extmail.org', role: 'admin', domains: [], sessionId: 'int' };
const postmaster: Principal = { username: 'pm@example.com', role: 'postmaster', domains: ['example.com'], sessionId: 'int' };

const log = () => readFileSync(MAILLOG, 'utf8').split('\n');
const count = (re: RegExp) => log().filter((l) => re.test(l)).length;

async function between<T>(measure: () => number, call: () => Promise<T>, pick: (r: T) => number) {
  const before = measure();
  const r = await call();
  const after = measure();
  const n = pick(r);
  expect(n).toBeGreaterThanOrEqual(before);
  expect(n).toBeLessThanOrEqual(after);
  return r;
}

beforeAll(() => {
  if (count(new RegExp(`client=\\S+\\[${ATTACKER_IP}\\], sasl_method=\\w+, sasl_username=${ATTACKER_USER}`)) === 0) {
    execFileSync('bash', ['scripts/lab', 'attack'], { stdio: 'inherit' });
  }
}, 600_000);

describe('logins', () => {
  it('ranks info@example.com first, and 127.0.0.66 is its top IP', async () => {
    const loginRe = new RegExp(`sasl_method=\\w+, sasl_username=${ATTACKER_USER}$`);
    const list = await between(
      () => count(loginRe),
      () => loginsView('lab', admin, ALL_TIME) as Promise<LoginsList>,
      (r) => r.users.find((u) => u.user === ATTACKER_USER)!.logins,
    );
    expect(list.users[0]!.user).toBe(ATTACKER_USER);
    expect(list.users[0]!.topIp).toBe(ATTACKER_IP);

    const ipRe = new RegExp(`client=\\S+\\[${ATTACKER_IP}\\], sasl_method=\\w+, sasl_username=${ATTACKER_USER}$`);
    const detail = await between(
      () => count(ipRe),
      () => loginsView('lab', admin, { ...ALL_TIME, user: ATTACKER_USER }) as Promise<LoginsDetail>,
      (r) => r.ips[0]!.count,
    );
    expect(detail.ips[0]!.ip).toBe(ATTACKER_IP);
    expect(detail.messages).toBeGreaterThan(0);
    expect(detail.recipients).toBeGreaterThanOrEqual(detail.messages);
    // The spam went out under forged senders, not as info@example.com.
    expect(detail.otherSenders).toBeGreaterThan(0);
  });

  it('answers the same view from the cache the second time, without reading the log again', async () => {
    const first = (await loginsView('lab', admin, ALL_TIME)) as LoginsList;
    const second = (await loginsView('lab', admin, ALL_TIME)) as LoginsList;
    expect(['cache', 'resume']).toContain(second.scan.mode);
    expect(second.scan.lines).toBeLessThanOrEqual(first.scan.lines);
    expect(second.totalLogins).toBeGreaterThanOrEqual(first.totalLogins);
    if (second.scan.mode === 'cache') expect(second.users).toEqual(first.users);
  });

  it('shows a postmaster of example.com only example.com users, and no other domain’s user', async () => {
    const list = (await loginsView('lab', postmaster, ALL_TIME)) as LoginsList;
    expect(list.users.length).toBeGreaterThan(0);
    expect(list.users.every((u) => u.user.endsWith('@example.com'))).toBe(true);
    await expect(loginsView('lab', postmaster, { ...ALL_TIME, user: 'ceo@corp.test' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('brute force', () => {
  it('puts the lab scanner 127.0.0.99 on top, with its failures counted', async () => {
    const re = new RegExp(`\\[${SCANNER_IP.replace(/\./g, '\\.')}\\]: SASL \\w+ authentication failed: (?!Connection lost)`);
    const r = await between(
      () => count(re),
      () => bruteforceView('lab', admin, ALL_TIME),
      (x) => x.ips.find((i) => i.ip === SCANNER_IP)!.failures,
    );
    expect(r.ips[0]!.ip).toBe(SCANNER_IP);
    expect(r.suggest.ips).toContain(SCANNER_IP);
    expect(r.suggest.fail2banJail).toContain(`logpath  = ${MAILLOG}`);
  });
});

describe('who blocks us', () => {
  it('groups the smtp-sink 554 refusals with their reply and recognises Spamhaus', async () => {
    const re = /status=(deferred|bounced) \(.*554 5\.7\.1 Service unavailable; Client host \[127\.0\.0\.1\] blocked using zen\.spamhaus\.org/;
    const r = await between(
      () => count(re),
      () => blocksView('lab', admin, ALL_TIME),
      (x) => x.groups.filter((g) => g.reply.includes('blocked using zen.spamhaus.org')).reduce((n, g) => n + g.count, 0),
    );
    const g = r.groups.find((x) => x.reply.includes('blocked using zen.spamhaus.org'))!;
    expect(g.site).toBe('127.0.0.1');
    expect(g.reply).toContain('554 5.7.1 Service unavailable; Client host [<ip>]');
    expect(g.class).toMatchObject({ blocked: true, provider: 'Spamhaus', listName: 'zen.spamhaus.org' });
    expect(r.blockedSites).toContain('127.0.0.1');
  });
});

const NOTIFICATION = / postfix\/bounce\[\d+\]: [0-9A-F]+: sender non-delivery notification: [0-9A-F]+$/;

/** A message to a mailbox that does not exist bounces at once: the lab writes the whole story. */
async function bounceLine(): Promise<string> {
  const existing = log().find((l) => NOTIFICATION.test(l));
  if (existing) return existing;
  execFileSync('/usr/sbin/sendmail', ['-f', 'test1@example.com', 'no-such-box@example.com'], { input: 'Subject: trace me\n\nhello\n' });
  for (let i = 0; i < 100; i++) {
    const line = log().find((l) => NOTIFICATION.test(l));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no non-delivery notification appeared in the maillog');
}

describe('trace', () => {
  it('follows a bounced message to its non-delivery notification', async () => {
    const line = await bounceLine();
    const [, orig, bounce] = /: ([0-9A-F]+): sender non-delivery notification: ([0-9A-F]+)$/.exec(line)!;
    const r = await traceView('lab', admin, orig!, ALL_TIME);
    expect(r.messages.map((m) => [m.queueId, m.relation])).toEqual([
      [orig, 'self'],
      [bounce, 'bounce'],
    ]);
    const own = log().filter((l) => l.includes(` ${orig}: `));
    expect(r.messages[0]!.lines.map((l) => l.raw)).toEqual(own);
    await expect(traceView('lab', admin, 'ABCDEF0123', ALL_TIME)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('search', () => {
  it('finds raw lines for admins only', async () => {
    const r = await searchView('lab', admin, { ...ALL_TIME, q: SCANNER_IP, limit: 20 });
    expect(r.lines.length).toBeGreaterThan(0);
    expect(r.lines.every((l) => l.raw.includes(SCANNER_IP))).toBe(true);
    await expect(searchView('lab', postmaster, { ...ALL_TIME, q: SCANNER_IP, limit: 20 })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
