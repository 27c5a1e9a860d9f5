// master.cf parsing against the installed Postfix: `postconf -P` lists the
// per-service overrides Postfix itself reads, `postconf -M` the services.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMasterCf } from './master-cf';

const POSTCONF = ['/usr/sbin/postconf', '/usr/bin/postconf'].find((p) => existsSync(p));

const MASTER_CF = [
  'smtp      inet  n       -       y       -       -       smtpd',
  'submission inet n       -       y       -       -       smtpd',
  '  -o syslog_name=postfix/submission',
  '# -o smtpd_tls_auth_only=yes',
  '',
  '  -o smtpd_sasl_auth_enable=yes',
  '  -o { smtpd_sender_restrictions = reject_sender_login_mismatch, permit_sasl_authenticated, reject }',
  '127.0.0.1:10025 inet n  -       n       -       -       smtpd -o smtpd_authorized_xforward_hosts=127.0.0.0/8',
  'relay     unix  -       -       y       -       -       smtp',
  '        -o syslog_name=postfix/$service_name',
  'odd       unix  -       n       n       -       -       pipe',
  '  flags=F user=nobody argv=/usr/bin/tool -o not-an-override ${recipient}',
  '',
].join('\n');

describe.skipIf(!POSTCONF)('master.cf parsing agrees with postconf', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mw-master-'));
  writeFileSync(path.join(dir, 'main.cf'), '');
  writeFileSync(path.join(dir, 'master.cf'), MASTER_CF);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (flag: string) => execFileSync(POSTCONF!, ['-c', dir, flag], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const ours = parseMasterCf(MASTER_CF);

  it('has the overrides `postconf -P` reports', () => {
    const theirs = run('-P')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/ = /, '='))
      .sort();
    const mine = ours.services.flatMap((s) => Object.entries(s.overrides).map(([k, v]) => `${s.service}/${s.type}/${k}=${v}`)).sort();
    expect(mine).toEqual(theirs);
  });

  it('reads `postconf -M` output back to the same services', () => {
    const again = parseMasterCf(run('-M'));
    expect(again.problems).toEqual([]);
    // -M rewrites `{ a = b }` as `{a=b}`, so raw args differ; what they mean must not.
    const strip = (cf: typeof ours) => cf.services.map(({ line: _l, endLine: _e, args: _a, ...rest }) => rest);
    expect(strip(again)).toEqual(strip(ours));
  });
});
