import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

// The enforcement check over real SSH on the lab: the stock configuration
// (no check_sasl_access) must read as "not enforced", and a real hash table
// that rejects the login must read as proven, from postmap's own answer.

const root = path.resolve(__dirname, '../..');
for (const line of readFileSync(path.join(root, '.env.local'), 'utf8').split('\n')) {
  const m = /^([A-Z_]+)=(.*)$/.exec(line);
  if (m && !process.env[m[1]!]) process.env[m[1]!] = m[2]!;
}

const { checkSendingEnforcement } = await import('./sending-enforcement');
const { MW_POSTFIX } = await import('@/lib/ssh/command');
const { execOnHost } = await import('@/lib/ssh/host-exec');
const { NO_LOOKUP_REASON } = await import('./enforcement-decision');

const realPostconf = () =>
  execFileSync('postconf', ['-h', 'smtpd_sender_restrictions', 'smtpd_recipient_restrictions', 'smtpd_relay_restrictions'], { encoding: 'utf8' });

describe('checkSendingEnforcement on the lab', () => {
  let dir: string;
  let table: string;

  // mw-postfix looks up only tables the configuration names, or Mailwarden's
  // own maps in the config directory: the test's table is one of those.
  beforeAll(() => {
    dir = execFileSync('postconf', ['-h', 'config_directory'], { encoding: 'utf8' }).trim();
    const source = path.join(dir, 'mailwarden_test_sasl_access.cf');
    writeFileSync(source, 'former@example.com REJECT 5.7.1 sending disabled for this account\n');
    execFileSync('postmap', [`hash:${source}`]);
    table = `hash:${source}`;
  });
  afterAll(() => {
    for (const f of ['mailwarden_test_sasl_access.cf', 'mailwarden_test_sasl_access.cf.db']) rmSync(path.join(dir, f), { force: true });
  });

  it('matches what main.cf really says about check_sasl_access', async () => {
    const report = await checkSendingEnforcement('former@example.com');
    if (realPostconf().includes('check_sasl_access')) {
      // A hardened lab: former@ has disablesmtpd = 1 in the seed, so the map must refuse it.
      expect(report).toMatchObject({ enforced: true, evidence: expect.stringContaining('check_sasl_access') });
    } else {
      expect(report).toMatchObject({ enforced: false, reason: NO_LOOKUP_REASON, hosts: [{ host: 'lab', enforced: false }] });
    }
  });

  it('proves enforcement from a real postmap lookup that rejects the login', async () => {
    // Only postconf's answer is altered (as if main.cf named the table); postmap runs for real over SSH.
    const exec: typeof execOnHost = async (host, cmd, opts) => {
      const out = await execOnHost(host, cmd, opts);
      if (cmd.program !== MW_POSTFIX || cmd.args[0] !== 'config' || !cmd.args.includes('smtpd_sender_restrictions')) return out;
      const lines = out.stdout.split('\n');
      const at = cmd.args
        .slice(1)
        .filter((a) => !a.startsWith('-'))
        .indexOf('smtpd_sender_restrictions');
      lines[at] = `check_sasl_access ${table}, ${lines[at] ?? ''}`;
      return { ...out, stdout: lines.join('\n') };
    };
    const blocked = await checkSendingEnforcement('former@example.com', exec);
    expect(blocked).toMatchObject({
      enforced: true,
      evidence: `check_sasl_access ${table} returned "REJECT 5.7.1 sending disabled for this account" (smtpd_sender_restrictions)`,
    });
    const free = await checkSendingEnforcement('info@example.com', exec);
    expect(free).toMatchObject({ enforced: false, reason: expect.stringContaining('returned nothing') });
  });

  it('reports an unreachable host as "unknown", never as enforced', async () => {
    const exec: typeof execOnHost = async () => {
      throw new Error('cannot reach 127.0.0.1:2222: connection refused');
    };
    expect(await checkSendingEnforcement('former@example.com', exec)).toMatchObject({
      enforced: 'unknown',
      reason: expect.stringContaining('connection refused'),
    });
  });
});
