import { appendFileSync, chmodSync, mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '@/lib/auth/principal';
import { db } from '@/lib/db';
import { dropHostConnection } from '@/lib/ssh/host-exec';
import type { LoginsDetail, LoginsList } from './schemas';
import { loginsView } from './views';

vi.mock('server-only', () => ({}));

// Rotated logs over the lab's real SSH link: a temporary host row (a copy of
// "lab") whose maillog lives in a scratch directory with a .gz, a rotated
// file that crosses New Year, and a live file that grows between calls.

const tag = randomBytes(4).toString('hex');
const HOST = `int-logs-${tag}`;
const DIR = `/var/tmp/mailwarden-int-${tag}`;
const LOG = `${DIR}/maillog`;
const USER = 'rot@example.com';
const admin: Principal = { username: 'root@extmail.org', role: 'admin', domains: [], sessionId: 'int' };

let n = 0;
const qid = () => `ABC${(++n).toString(16).toUpperCase().padStart(7, '0')}`;
const login = (stamp: string, ip: string, id = qid()) =>
  `${stamp} mail postfix/smtpd[1]: ${id}: client=unknown[${ip}], sasl_method=LOGIN, sasl_username=${USER}`;
const qmgr = (stamp: string, id: string, nrcpt: number) =>
  `${stamp} mail postfix/qmgr[2]: ${id}: from=<x@forged.test>, size=100, nrcpt=${nrcpt} (queue active)`;
const noise = (stamp: string) => `${stamp} mail postfix/anvil[3]: statistics: max connection rate 1/60s for (smtp:127.0.0.1) at ${stamp}`;
const at = (iso: string) => new Date(iso);

const CROSS_ID = 'ABCF0000001';

function write(path: string, lines: string[], mtime: string, gz = false) {
  const text = lines.join('\n') + '\n';
  writeFileSync(path, gz ? gzipSync(text) : text);
  chmodSync(path, 0o644);
  utimesSync(path, at(mtime), at(mtime));
}

const detail = (q: Record<string, string>) => loginsView(HOST, admin, { limit: 100, user: USER, ...q }) as Promise<LoginsDetail>;
const list = (q: Record<string, string>) => loginsView(HOST, admin, { limit: 100, ...q }) as Promise<LoginsList>;

beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  chmodSync(DIR, 0o755);
  write(`${LOG}.2.gz`, [login('Dec 30 10:00:00', '10.0.0.1'), noise('Dec 30 10:00:01'), login('Dec 30 11:00:00', '10.0.0.1')], '2025-12-30T23:00:00Z', true);
  // Crosses New Year; its last login's qmgr line lands in the next file.
  write(`${LOG}.1`, [login('Dec 31 23:50:00', '10.0.0.2'), noise('Jan  1 00:00:30'), login('Jan  1 00:05:00', '10.0.0.3', CROSS_ID)], '2026-01-01T00:10:00Z');
  write(LOG, [qmgr('Jan  1 00:05:01', CROSS_ID, 7), login('Jan  2 09:00:00', '10.0.0.3')], '2026-01-02T09:00:00Z');
  const lab = await db().mwHost.findUniqueOrThrow({ where: { name: 'lab' } });
  const { id: _i, createdAt: _c, updatedAt: _u, ...copy } = lab;
  await db().mwHost.create({ data: { ...copy, maillogPaths: [LOG], pendingHostKey: null, name: HOST } as never });
});

afterAll(async () => {
  dropHostConnection(HOST);
  await db().mwHost.deleteMany({ where: { name: HOST } });
  rmSync(DIR, { recursive: true, force: true });
});

describe('rotated maillogs', () => {
  it('reads .gz, rotated and live files in order, with the year taken from each file', async () => {
    const d = await detail({ from: '2025-01-01T00:00:00Z' });
    expect(d.logins).toBe(5);
    expect(d.scan.files.map((f) => f.path)).toEqual([`${LOG}.2.gz`, `${LOG}.1`, LOG]);
    expect(new Date(d.first!).toISOString()).toBe('2025-12-30T10:00:00.000Z');
    expect(new Date(d.last!).toISOString()).toBe('2026-01-02T09:00:00.000Z');
    const ip2 = d.ips.find((i) => i.ip === '10.0.0.2')!;
    expect(new Date(ip2.first).toISOString()).toBe('2025-12-31T23:50:00.000Z');
    // The login in maillog.1 joined with its qmgr line in maillog.
    expect(d.messages).toBe(1);
    expect(d.recipients).toBe(7);
  });

  it('skips files written before "from" and files that begin after "to"', async () => {
    const late = await detail({ from: '2026-01-01T00:00:00Z' });
    expect(late.scan.files.map((f) => f.path)).toEqual([`${LOG}.1`, LOG]);
    expect(late.logins).toBe(2);
    const early = await detail({ from: '2025-01-01T00:00:00Z', to: '2025-12-31T23:59:59Z' });
    expect(early.scan.files.map((f) => f.path)).toEqual([`${LOG}.2.gz`, `${LOG}.1`]);
    expect(early.logins).toBe(3);
  });

  it('reads only what was appended since, and never half a line', async () => {
    const q = { from: '2025-01-01T00:00:00Z' };
    const before = await list(q);
    expect(before.totalLogins).toBe(5);
    expect((await list(q)).scan.mode).toBe('cache');
    appendFileSync(LOG, login('Jan  2 10:00:00', '10.0.0.4') + '\n' + login('Jan  2 10:00:01', '10.0.0.4').slice(0, 40));
    const grown = await list(q);
    expect(grown.scan.mode).toBe('resume');
    expect(grown.scan.lines).toBe(1);
    expect(grown.totalLogins).toBe(6);
    appendFileSync(LOG, login('Jan  2 10:00:01', '10.0.0.4').slice(40) + '\n');
    const completed = await list(q);
    expect(completed.scan.mode).toBe('resume');
    expect(completed.totalLogins).toBe(7);
    expect(completed.users[0]).toMatchObject({ user: USER, logins: 7, ips: 4 });
  });

  it('carries on across a rotation: the live file renamed, a new one started', async () => {
    const q = { from: '2025-01-01T00:00:00Z' };
    const before = await list(q);
    renameSync(LOG, `${LOG}-20260102`);
    // Written after the rotated file's last append, as a real rotation would be.
    write(LOG, [login('Jan  3 08:00:00', '10.0.0.5')], new Date(Date.now() + 2000).toISOString());
    const after = await list(q);
    expect(after.scan.mode).toBe('resume');
    expect(after.totalLogins).toBe(before.totalLogins + 1);
    expect(after.scan.files.map((f) => f.path)).toEqual([`${LOG}.2.gz`, `${LOG}.1`, `${LOG}-20260102`, LOG]);
  });
});
