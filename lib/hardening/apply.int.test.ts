import { execFile, execFileSync } from 'node:child_process';
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

const { applyFixes } = await import('./apply');
const { rollbackTo } = await import('./rollback');
const { catMain, restore, postfixCommand } = await import('./host-io');
const { runProbesOnHost } = await import('@/lib/probes/run-probes');
const mysql = (await import('mysql2/promise')).default;

async function sql<T>(query: string, values: unknown[] = []): Promise<T> {
  const conn = await mysql.createConnection({ uri: process.env.DATABASE_URL! });
  try {
    return (await conn.query(query, values))[0] as T;
  } finally {
    await conn.end();
  }
}

// Apply on the real lab (Postfix 3.7 + Dovecot SASL + extmail MySQL), prove
// it with real SMTP sessions (swaks, as in LAB.md), roll back, and leave the
// permissive seed configuration exactly as it was.

const HOST = 'lab';
const LOGIN = { username: 'test1@example.com', password: '123456' };
const run = promisify(execFile);

/** The reply swaks got to RCPT TO (or to MAIL FROM when that was refused). */
async function swaks(args: string[]): Promise<string> {
  const argv = ['--server', '127.0.0.1:25', '--to', 'x@qq.com', '--quit-after', 'RCPT', ...args];
  const out = await run('swaks', argv, { timeout: 30_000 }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  const replies = out.stdout.split('\n').filter((l) => /^<[-~*]* *[0-9]{3}/.test(l) && !/ 221 /.test(l));
  return replies.at(-1)?.replace(/^<[-~*]* */, '') ?? '(no reply)';
}
const forged = () =>
  swaks(['-li', '127.0.0.77', '--auth', 'LOGIN', '--auth-user', LOGIN.username, '--auth-password', LOGIN.password, '--from', 'test@yahoo.com']);
const own = () => swaks(['-li', '127.0.0.77', '--auth', 'LOGIN', '--auth-user', LOGIN.username, '--auth-password', LOGIN.password, '--from', LOGIN.username]);
const localApp = () => swaks(['-li', '127.0.0.1', '--from', 'info@example.com']);
const postfixRunning = () => {
  try {
    execFileSync('postfix', ['status'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
};

let original = '';
let firstBackup: string | undefined;

beforeAll(async () => {
  original = await catMain(HOST);
  expect(original).toBe(readFileSync('/etc/postfix/main.cf', 'utf8'));
  // The lab must start permissive, or nothing below proves anything.
  expect(await forged()).toMatch(/^250 /);
});

afterAll(async () => {
  // Whatever happened above: the lab goes back to the seed's main.cf.
  if ((await catMain(HOST)) !== original && firstBackup) {
    await restore(HOST, firstBackup);
    await postfixCommand(HOST, 'reload');
  }
  expect(await catMain(HOST)).toBe(original);
});

describe('applying sender-login-maps + sasl-access on the lab', () => {
  it('closes the forged-sender hole, keeps own and local senders working, and rolls back to the exact old main.cf', async () => {
    const result = await applyFixes(HOST, { fixes: ['sender-login-maps', 'sasl-access'], probeLogin: LOGIN });
    firstBackup = result.backupId;
    expect(result.failed).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => `${s.step}${s.target ? ':' + s.target : ''}=${s.ok}`)).toEqual([
      `backup:${result.backupId}=true`,
      'write-map:mailwarden_sasl_access.cf=true',
      'write-map:mailwarden_sender_login_maps.cf=true',
      'postconf:smtpd_sender_login_maps, smtpd_sender_restrictions=true',
      'check=true',
      'reload=true',
      'probe:relay=true',
      'probe:forged-sender=true',
      'probe:own-sender=true',
    ]);
    // The map files are root:postfix 0640, the password never in the preview.
    expect(execFileSync('stat', ['-c', '%U:%G %a', '/etc/postfix/mailwarden_sender_login_maps.cf'], { encoding: 'utf8' }).trim()).toBe('root:postfix 640');
    expect(JSON.stringify(result.preview)).not.toMatch(/password = (?!\*{8})/);

    expect(await forged()).toBe('553 5.7.1 <test@yahoo.com>: Sender address rejected: not owned by user test1@example.com');
    expect(await own()).toMatch(/^250 /);
    // An unauthenticated application inside mynetworks still sends as an owned address.
    expect(await localApp()).toMatch(/^250 /);

    // extman's "disable SMTP" flag is now real: the blocked-login probe sees Postfix refuse the login.
    const [row] = await sql<{ disablesmtpd: number | null }[]>('SELECT disablesmtpd FROM mailbox WHERE username = ?', ['info@example.com']);
    try {
      await sql('UPDATE mailbox SET disablesmtpd = 1 WHERE username = ?', ['info@example.com']);
      const probe = await runProbesOnHost(HOST, ['blocked-login'], { username: 'info@example.com', password: 'info123' });
      expect(probe.warnings).toEqual([]);
      expect(probe.results[0]).toMatchObject({ name: 'blocked-login', passed: true });
      expect(probe.results[0]!.transcript.map((l) => l.line)).toContain(
        '554 5.7.1 <info@example.com>: SASL login name rejected: sending disabled for this account',
      );
    } finally {
      await sql('UPDATE mailbox SET disablesmtpd = ? WHERE username = ?', [row?.disablesmtpd ?? null, 'info@example.com']);
    }

    const back = await rollbackTo(HOST, result.backupId!);
    expect(back.failed).toBeUndefined();
    expect(back.ok).toBe(true);
    expect(await catMain(HOST)).toBe(original);
    expect(await forged()).toMatch(/^250 /);
  });

  it('rolls back by itself when the change breaks Postfix, to the byte-identical main.cf, with Postfix still running', async () => {
    // The fault: a restriction Postfix does not know, smuggled into the computed value.
    const fault = (params: [string, string][]) =>
      params.map(([n, v]): [string, string] => (n === 'smtpd_sender_restrictions' ? [n, `reject_nonsense_mismatch, ${v}`] : [n, v]));
    const result = await applyFixes(HOST, { fixes: ['sender-login-maps'], probeLogin: LOGIN }, { fault });
    firstBackup ??= result.backupId;
    expect(result.ok).toBe(false);
    expect(result.rolledBack).toBe(true);
    // postfix check does not know restriction names; smtpd finds out at RCPT TO and answers 451.
    expect(result.failed).toMatchObject({ step: 'probe' });
    expect(result.probes.find((p) => !p.passed)?.transcript.some((l) => /^451 4\.3\.5/.test(l.line))).toBe(true);
    expect(result.steps.slice(-2).map((s) => [s.step, s.ok])).toEqual([
      ['restore', true],
      ['reload-restored', true],
    ]);
    expect(await catMain(HOST)).toBe(original);
    expect(readFileSync('/etc/postfix/main.cf', 'utf8')).toBe(original);
    expect(postfixRunning()).toBe(true);
    expect(await own()).toMatch(/^250 /);
  });
});
