import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const root = path.resolve(__dirname, '../..');
for (const line of readFileSync(path.join(root, '.env.local'), 'utf8').split('\n')) {
  const m = /^([A-Z_]+)=(.*)$/.exec(line);
  if (m && !process.env[m[1]!]) process.env[m[1]!] = m[2]!;
}

const { applyLimits, removeLimits } = await import('./apply');
const { liftLogin, policyStatus, readCounters, stopPolicyService } = await import('./host-io');
const { rollbackTo } = await import('@/lib/hardening/rollback');
const { NO_LIMITS } = await import('./schemas');
const { limitsView } = await import('./view');
const ADMIN = { username: 'limits.int.test', role: 'admin' as const, domains: [], sessionId: 'test' };

// A per-login limit on the real lab, through the console's own functions
// (mw-policy + the hardening safe apply over SSH), proven with real SMTP AUTH
// sessions from outside mynetworks; then the policy service is stopped and
// Postfix must do what the page said; finally main.cf is rolled back and the
// daemon stopped, so the shared lab is as before.

const HOST = 'lab';
const VICTIM = { username: 'info@example.com', password: 'info123' };
const OTHER = { username: 'test1@example.com', password: '123456' };
const run = promisify(execFile);
const mainSha = () => createHash('sha256').update(readFileSync('/etc/postfix/main.cf')).digest('hex');
const queued: string[] = [];

/** One whole message as `login` from 127.0.0.88; the last server reply (to DATA's end, or earlier). */
async function send(login: { username: string; password: string }): Promise<string> {
  const argv = [
    '--server',
    '127.0.0.1:25',
    '-li',
    '127.0.0.88',
    '--auth',
    'LOGIN',
    '--auth-user',
    login.username,
    '--auth-password',
    login.password,
    '--from',
    login.username,
    '--to',
    'limits-test@qq.com',
    '--timeout',
    '60',
  ];
  const out = await run('swaks', argv, { timeout: 90_000 }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  const replies = out.stdout.split('\n').filter((l) => /^<[-~*]* *[0-9]{3}/.test(l) && !/ 221 /.test(l));
  const last = replies.at(-1)?.replace(/^<[-~*]* */, '') ?? '(no reply)';
  const id = /queued as ([0-9A-Za-z]+)/.exec(last)?.[1];
  if (id) queued.push(id);
  return last;
}
const settle = () => new Promise((r) => setTimeout(r, 1500));

const policy = (downAction: 'dunno' | 'defer') => ({
  defaults: NO_LIMITS,
  domains: [],
  exempt: [],
  downAction,
  overrides: [{ login: VICTIM.username, limits: { ...NO_LIMITS, messagesPerHour: 3 } }],
});

let before = '';
let firstBackup: string | undefined;

beforeAll(async () => {
  before = mainSha();
  if ((await policyStatus(HOST)).running) await stopPolicyService(HOST);
});

afterAll(async () => {
  try {
    if (firstBackup) {
      const rb = await rollbackTo(HOST, firstBackup);
      expect(rb.ok, JSON.stringify(rb.steps)).toBe(true);
    }
  } finally {
    await stopPolicyService(HOST).catch(() => undefined);
    // main.cf is rolled back, so nothing is applied: the console must not remember the test's policy.
    const { db } = await import('@/lib/db');
    await db().mwSendingLimits.deleteMany({ where: { host: HOST } });
    // The test's own mail leaves the shared queue.
    if (queued.length) execFileSync('postsuper', ['-d', '-'], { input: queued.join('\n') + '\n', stdio: ['pipe', 'ignore', 'ignore'] });
  }
  expect(mainSha()).toBe(before);
  expect((await policyStatus(HOST)).running).toBe(false);
});

describe('sending limits on the lab', () => {
  it('applies a per-login limit: policy service, then main.cf through the safe path', async () => {
    const r = await applyLimits(HOST, policy('dunno'), { actor: 'limits.int.test' });
    firstBackup = r.backupId;
    expect(r.ok, JSON.stringify(r.steps)).toBe(true);
    expect(r.steps.map((s) => s.step)).toEqual(expect.arrayContaining(['ruleset', 'start-policy', 'backup', 'postconf', 'check', 'reload']));
    expect(r.preview.params).toContainEqual(['smtpd_policy_service_default_action', 'DUNNO']);
    expect(execFileSync('postconf', ['-h', 'smtpd_end_of_data_restrictions'], { encoding: 'utf8' })).toContain('check_policy_service inet:127.0.0.1:10041');
    await liftLogin(HOST, VICTIM.username);
    await settle();
  });

  it('lets the limited number through and refuses the rest with the configured reply; others are unaffected', async () => {
    const replies: string[] = [];
    for (let i = 0; i < 5; i++) replies.push(await send(VICTIM));
    expect(
      replies.slice(0, 3).every((r) => r.startsWith('250')),
      replies.join('\n'),
    ).toBe(true);
    expect(replies.slice(3), replies.join('\n')).toEqual([
      '450 4.7.1 <END-OF-MESSAGE>: End-of-data rejected: sending limit reached: messages per hour',
      '450 4.7.1 <END-OF-MESSAGE>: End-of-data rejected: sending limit reached: messages per hour',
    ]);
    for (let i = 0; i < 2; i++) expect(await send(OTHER)).toMatch(/^250 /);
  });

  it('shows the counters against the limit and who is refused now; lifting lets mail through again', async () => {
    const counters = await readCounters(HOST);
    const victim = counters.find((c) => c.login === VICTIM.username);
    expect(victim).toMatchObject({ refused: true, counters: [expect.objectContaining({ kind: 'messagesPerHour', count: 3, max: 3 })] });
    expect(counters.find((c) => c.login === OTHER.username)).toBeUndefined();
    await liftLogin(HOST, VICTIM.username);
    expect(await send(VICTIM)).toMatch(/^250 /);
  });

  it('with "let mail through" and the service stopped, mail is accepted', async () => {
    await stopPolicyService(HOST);
    await settle();
    expect(await send(VICTIM)).toMatch(/^250 /);
  });

  it('with "defer" and the service stopped, mail is deferred with 451', async () => {
    const r = await applyLimits(HOST, policy('defer'), { actor: 'limits.int.test' });
    expect(r.ok, JSON.stringify(r.steps)).toBe(true);
    await stopPolicyService(HOST);
    await settle();
    expect(await send(OTHER)).toMatch(/^451 4\.3\.5 /);
  });

  it('Remove takes out what Apply wrote: the check, the down action and the timeout', async () => {
    const wired = ['smtpd_end_of_data_restrictions', 'smtpd_policy_service_default_action', 'smtpd_policy_service_timeout'];
    const explicitBefore = execFileSync('postconf', ['-n', ...wired], { encoding: 'utf8' });
    expect(explicitBefore).toContain('smtpd_policy_service_timeout = 10s');
    const r = await removeLimits(HOST, { actor: 'limits.int.test', policy: policy('defer') });
    expect(r.ok, JSON.stringify(r.steps)).toBe(true);
    expect(r.preview.diff).toContain('-smtpd_policy_service_timeout = 10s');
    // The lab had none of them before Apply: none is left, and main.cf is as it was.
    const explicitAfter = execFileSync('postconf', ['-n'], { encoding: 'utf8' }).split('\n');
    expect(explicitAfter.filter((l) => wired.some((n) => l.startsWith(`${n} =`)))).toEqual([]);
    expect(mainSha()).toBe(before);
    expect((await policyStatus(HOST)).running).toBe(false);
    expect((await limitsView(HOST, ADMIN)).applied).toBe(false);
  });

  it('"applied" is what main.cf says: a rollback from Backups takes it away', async () => {
    const r = await applyLimits(HOST, policy('dunno'), { actor: 'limits.int.test' });
    expect(r.ok, JSON.stringify(r.steps)).toBe(true);
    expect((await limitsView(HOST, ADMIN)).applied).toBe(true);
    const rb = await rollbackTo(HOST, r.backupId!);
    expect(rb.ok, JSON.stringify(rb.steps)).toBe(true);
    // The console's own record still says applied; the host does not.
    expect((await limitsView(HOST, ADMIN)).applied).toBe(false);
    expect(mainSha()).toBe(before);
  });
});
