import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The on-host helper itself (scripts/host/mw-config), run against a scratch
// config directory: MW_CONFIG_DIR is honoured only outside sudo, which is
// exactly how this test starts it.

const SCRIPT = path.resolve(__dirname, '../../scripts/host/mw-config');
let dir: string;

function mw(args: string[], stdin?: string) {
  // Without SUDO_USER, as the script requires for MW_CONFIG_DIR to count.
  const { SUDO_USER: _sudo, ...env } = process.env;
  const r = spawnSync('perl', ['-T', SCRIPT, ...args], { input: stdin, encoding: 'utf8', env: { ...env, MW_CONFIG_DIR: dir } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const MAIN = 'myhostname = mail.example.com\nvirtual_mailbox_maps = mysql:{dir}/mysql_virtual_mailbox_maps.cf\n# a comment\n';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mw-config-'));
  writeFileSync(path.join(dir, 'main.cf'), MAIN.replace('{dir}', dir));
  writeFileSync(path.join(dir, 'master.cf'), 'smtp inet n - y - - smtpd\n');
  writeFileSync(path.join(dir, 'mysql_virtual_mailbox_maps.cf'), 'user = extmail\npassword = extmail\n', { mode: 0o640 });
  writeFileSync(path.join(dir, 'secret.cf'), 'not referenced\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mw-config', () => {
  it('backs up and restores main.cf byte for byte, and lists backups newest first with hashes', () => {
    const id = mw(['backup']).out.trim();
    expect(id).toMatch(/^\d{8}T\d{6}Z(-\d+)?$/);
    const before = readFileSync(path.join(dir, 'main.cf'));
    writeFileSync(path.join(dir, 'main.cf'), 'broken\n');
    const second = mw(['backup']).out.trim();
    expect(
      mw(['list-backups'])
        .out.split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]),
    ).toEqual([second, id].sort().reverse());
    expect(mw(['restore', id])).toMatchObject({ code: 0, out: `restored ${id}\n` });
    expect(readFileSync(path.join(dir, 'main.cf')).equals(before)).toBe(true);
  });

  it('writes only mailwarden_*.cf maps, from stdin, mode 0640', () => {
    expect(mw(['write-map', 'mailwarden_sender_login_maps.cf'], 'query = SELECT 1\n').code).toBe(0);
    const st = statSync(path.join(dir, 'mailwarden_sender_login_maps.cf'));
    expect(st.mode & 0o777).toBe(0o640);
    for (const bad of ['main.cf', '../mailwarden_x.cf', 'mailwarden_X.cf', 'mailwarden_x.cf/..']) {
      expect(mw(['write-map', bad], 'x\n').code, bad).toBe(64);
    }
    expect(readFileSync(path.join(dir, 'main.cf'), 'utf8')).toContain('myhostname');
  });

  it('reads a map main.cf references, and refuses any other file', () => {
    expect(mw(['read-map', 'mysql_virtual_mailbox_maps.cf'])).toMatchObject({ code: 0, out: 'user = extmail\npassword = extmail\n' });
    expect(mw(['read-map', 'secret.cf']).code).toBe(64);
    expect(mw(['read-map', '../../etc/passwd']).code).toBe(64);
    expect(mw(['read-map', '.cf']).code).toBe(64);
  });

  it('validates backup ids and says when a backup does not exist', () => {
    expect(mw(['restore', '../../etc']).code).toBe(64);
    expect(mw(['restore', "20250101T000000Z'; rm -rf /"]).code).toBe(64);
    expect(mw(['restore', '20000101T000000Z'])).toMatchObject({ code: 66, err: expect.stringContaining('no backup 20000101T000000Z') });
  });

  it('refuses unknown subcommands and extra arguments', () => {
    expect(mw(['rm', '-rf']).code).toBe(64);
    expect(mw(['cat-main', 'extra']).code).toBe(64);
    expect(mw(['backup', 'x']).code).toBe(64);
    expect(mw([]).code).toBe(64);
  });
});
