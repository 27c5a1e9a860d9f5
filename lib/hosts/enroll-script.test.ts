import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENROLL_PAYLOADS, EnrollSettingsError, renderEnrollScript } from './enroll-script';

const HOST_DIR = path.resolve(__dirname, '../../scripts/host');
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAwtQGeWCKRGJUkcQ2U47rhdSCyfoGowKGf23ReIvpHu';
const ok = { hostName: 'mx1', publicKey: KEY, sshUser: 'mailwarden', keyFrom: '192.0.2.10,2001:db8::/32', consoleUrl: 'https://console.example.com' };
const work = mkdtempSync(path.join(tmpdir(), 'mw-enroll-unit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('renderEnrollScript', () => {
  const script = renderEnrollScript(ok, HOST_DIR);

  it('puts the settings in front, each between single quotes, and is valid bash', () => {
    expect(script).toMatch(/^#!\/bin\/bash\n/);
    expect(script).toContain(`MW_HOST_NAME='mx1'\nMW_PUBLIC_KEY='${KEY}'\nMW_KEY_FROM='192.0.2.10,2001:db8::/32'\nMW_SSH_USER='mailwarden'\n`);
    const file = path.join(work, 'enroll.sh');
    writeFileSync(file, script);
    execFileSync('bash', ['-n', file]);
  });

  it('carries every helper byte for byte', () => {
    const file = path.join(work, 'payload.sh');
    // Only the payload function and a call of it: the script's main never runs here.
    writeFileSync(
      file,
      `die() { echo "$*" >&2; exit 1; }\n${script.slice(script.indexOf('mw_payload() {'), script.lastIndexOf('main "$@"'))}\nmw_payload "$1"\n`,
    );
    for (const name of ENROLL_PAYLOADS) {
      expect(execFileSync('bash', [file, name]).equals(readFileSync(path.join(HOST_DIR, name))), name).toBe(true);
    }
  });

  it('holds no secret', () => {
    expect(script).not.toMatch(/PRIVATE KEY|MW_SECRET_KEY|DATABASE_URL/);
  });

  it.each([
    ['host name', { hostName: "mx1'; id #" }],
    ['public key', { publicKey: "ssh-ed25519 AAAA' ; id" }],
    ['public key with options', { publicKey: `command="id" ${KEY}` }],
    ['SSH user', { sshUser: 'root; id' }],
    ['from= list', { keyFrom: '10.0.0.1" command="id' }],
    ['console URL', { consoleUrl: "https://x'$(id)" }],
  ])('refuses a %s that is not plain', (_what, bad) => {
    expect(() => renderEnrollScript({ ...ok, ...bad }, HOST_DIR)).toThrow(EnrollSettingsError);
  });
});
