// The enroll script on the lab host, as an admin runs it: a second run
// changes nothing, --check tells what is there, and a host without Postfix,
// without sudo, or with a sudoers that fails visudo gets a clear message and
// is left exactly as it was. The faults are made in a private mount namespace
// (unshare -m), so the lab itself never loses Postfix or sudo.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { publicKeyWords, renderEnrollScript } from '@/lib/hosts/enroll-script';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LAB_SCRIPT = path.join(ROOT, '.lab/mailwarden-enroll-lab.sh');
const work = mkdtempSync(path.join(tmpdir(), 'mw-enroll-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  // Whatever a failed run left of the scratch user.
  spawnSync('userdel', ['-r', 'mwscratch']);
  rmSync('/etc/sudoers.d/mailwarden-mwscratch', { force: true });
  rmSync('/etc/mailwarden/enrolled-mwscratch', { force: true });
});

type Run = { code: number | null; out: string };
const bash = (script: string, args: string[] = [], wrap?: string): Run => {
  const cmd = wrap ? ['unshare', ['-m', 'bash', '-c', `${wrap} && exec bash "$0" "$@"`, script, ...args]] : ['bash', [script, ...args]];
  const r = spawnSync(cmd[0] as string, cmd[1] as string[], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
};

// What the script may touch, as content hashes and modes: unchanged means untouched.
function snapshot(): Record<string, string> {
  const files = [
    '/etc/sudoers.d/mailwarden',
    '/home/mailwarden/.ssh/authorized_keys',
    ...readdirSync('/usr/local/lib/mailwarden').map((f) => `/usr/local/lib/mailwarden/${f}`),
  ];
  const out: Record<string, string> = {};
  for (const f of files) {
    if (!existsSync(f)) continue;
    const st = statSync(f);
    out[f] = `${createHash('sha256').update(readFileSync(f)).digest('hex')} ${st.mode.toString(8)} ${st.uid}:${st.gid} ${st.mtimeMs}`;
  }
  out.passwd = execFileSync('getent', ['passwd'], { encoding: 'utf8' });
  return out;
}

// A script for a user the lab does not have: a refused run must not create it.
function scratchScript(): string {
  const pub = publicKeyWords(readFileSync(path.join(ROOT, '.lab/ssh/id_ed25519.pub'), 'utf8'));
  const file = path.join(work, 'enroll-scratch.sh');
  writeFileSync(file, renderEnrollScript({ hostName: 'scratch', publicKey: pub, sshUser: 'mwscratch', keyFrom: null }, path.join(ROOT, 'scripts/host')));
  return file;
}

describe('the enroll script on the lab host', () => {
  it('changes nothing when run a second time', () => {
    expect(bash(LAB_SCRIPT).code).toBe(0);
    const before = snapshot();
    const again = bash(LAB_SCRIPT);
    expect(again.code, again.out).toBe(0);
    expect(again.out).not.toMatch(/installed|created|added|granted/);
    expect(snapshot()).toEqual(before);
  });

  it('reports with --check what is installed, and says what is missing', () => {
    const ok = bash(LAB_SCRIPT, ['--check']);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/ok +\/etc\/sudoers\.d\/mailwarden/);
    expect(ok.out).toMatch(/ok +console key/);
    expect(ok.out).not.toMatch(/MISSING/);
    const missing = bash(scratchScript(), ['--check']);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/MISSING +user mwscratch/);
  });

  it.each([
    ['without Postfix', 'mount --bind /dev/null /usr/sbin/postconf', /Postfix is not installed/],
    ['without sudo', 'mount --bind /dev/null /usr/bin/sudo && mount --bind /dev/null /usr/sbin/visudo', /sudo is not installed/],
    [
      'with a sudoers that fails visudo -c',
      `printf 'Defaults env_reset\\nthis is not sudoers syntax\\n' > ${work}/sudoers && chmod 0440 ${work}/sudoers && mount --bind ${work}/sudoers /etc/sudoers`,
      /fails 'visudo -c'/,
    ],
  ])('refuses a host %s, clearly, and changes nothing', (_what, fault, message) => {
    const before = snapshot();
    const r = bash(scratchScript(), [], fault);
    expect(r.code, r.out).not.toBe(0);
    expect(r.out).toMatch(message);
    expect(r.out).toMatch(/Nothing was changed|nothing was changed/);
    expect(snapshot()).toEqual(before);
    expect(spawnSync('id', ['mwscratch']).status).not.toBe(0);
  });

  it('refuses a host whose config directory others may write', () => {
    const before = snapshot();
    const r = bash(
      scratchScript(),
      [],
      `mkdir -p ${work}/etc-postfix && cp -a /etc/postfix/. ${work}/etc-postfix/ && chmod 0777 ${work}/etc-postfix && mount --bind ${work}/etc-postfix /etc/postfix`,
    );
    expect(r.code, r.out).toBe(5);
    expect(r.out).toMatch(/not owned by root or is writable by group\/others/);
    expect(snapshot()).toEqual(before);
  });

  it("installs a user of its own beside the lab's, and --uninstall removes exactly that", () => {
    const script = scratchScript();
    const labSudoers = readFileSync('/etc/sudoers.d/mailwarden', 'utf8');
    // The helpers are shared: a private copy of their directory keeps the lab's safe if this goes wrong.
    const ns = `mkdir -p ${work}/lib && cp -a /usr/local/lib/mailwarden/. ${work}/lib/ && mount --bind ${work}/lib /usr/local/lib/mailwarden`;
    const steps = `${ns} && bash "$0" && id mwscratch && grep -c mailwarden-console:scratch /home/mwscratch/.ssh/authorized_keys && grep -q '^mwscratch ALL' /etc/sudoers.d/mailwarden-mwscratch && bash "$0" --uninstall && ! id mwscratch && ! test -e /etc/sudoers.d/mailwarden-mwscratch && test -x /usr/local/lib/mailwarden/mw-postfix`;
    const r = spawnSync('unshare', ['-m', 'bash', '-c', steps, script], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/created user mwscratch/);
    expect(r.stdout).toMatch(/removed user mwscratch/);
    expect(r.stdout).toMatch(/the helpers stay for the 1 other enrolled user/);
    expect(readFileSync('/etc/sudoers.d/mailwarden', 'utf8')).toBe(labSudoers);
  });
});
