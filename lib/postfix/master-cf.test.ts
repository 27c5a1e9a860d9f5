import { describe, expect, it } from 'vitest';
import { findService, parseMasterCf, tokenizeMasterLine } from './master-cf';

// Debian 12's stock master.cf (postfix 3.7) with its submission/smtps
// examples enabled the way extmail guides do, plus Postfix 3's `{ }` form.
const MASTER_CF = [
  '#',
  '# Postfix master process configuration file.',
  '# ==========================================================================',
  '# service type  private unpriv  chroot  wakeup  maxproc command + args',
  '#               (yes)   (yes)   (no)    (never) (100)',
  '# ==========================================================================',
  'smtp      inet  n       -       y       -       -       smtpd',
  'submission inet n       -       y       -       -       smtpd',
  '  -o syslog_name=postfix/submission',
  '  -o smtpd_tls_security_level=encrypt',
  '  -o smtpd_sasl_auth_enable=yes',
  '#  -o smtpd_tls_auth_only=yes',
  '  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject',
  '  -o { smtpd_sender_restrictions = reject_sender_login_mismatch, permit_sasl_authenticated, reject }',
  '  -o milter_macro_daemon_name=ORIGINATING',
  'smtps     inet  n       -       y       -       -       smtpd',
  '  -o syslog_name=postfix/smtps',
  '  -o smtpd_tls_wrappermode=yes',
  '127.0.0.1:10025 inet n  -       n       -       -       smtpd -o smtpd_authorized_xforward_hosts=127.0.0.0/8',
  '[::1]:2526 inet n       -       n       -       1       smtpd',
  'pickup    unix  n       -       y       60      1       pickup',
  'qmgr      unix  n       -       n       300     1       qmgr',
  'tlsmgr    unix  -       -       y       1000?   1       tlsmgr',
  'smtp      unix  -       -       y       -       -       smtp',
  'relay     unix  -       -       y       -       -       smtp',
  '        -o syslog_name=postfix/$service_name',
  'postlog   unix-dgram n  -       n       -       1       postlogd',
  'maildrop  unix  -       n       n       -       -       pipe',
  '  flags=DRXhu user=vmail argv=/usr/bin/maildrop -d ${recipient}',
  'odd       unix  -       n       n       -       -       pipe',
  '  flags=F user=nobody argv=/usr/bin/tool -o not-an-override ${recipient}',
  '',
].join('\n');

describe('parseMasterCf', () => {
  const cf = parseMasterCf(MASTER_CF);

  it('finds every service, inet and unix entries of one name apart', () => {
    expect(cf.problems).toEqual([]);
    expect(cf.services.map((s) => `${s.service}/${s.type}`)).toEqual([
      'smtp/inet',
      'submission/inet',
      'smtps/inet',
      '127.0.0.1:10025/inet',
      '[::1]:2526/inet',
      'pickup/unix',
      'qmgr/unix',
      'tlsmgr/unix',
      'smtp/unix',
      'relay/unix',
      'postlog/unix-dgram',
      'maildrop/unix',
      'odd/unix',
    ]);
    expect(findService(cf, 'smtp', 'unix')?.command).toBe('smtp');
    expect(findService(cf, 'smtp')?.command).toBe('smtpd');
  });

  it('reads the submission overrides across continuation and comment lines', () => {
    const sub = findService(cf, 'submission')!;
    expect(sub).toMatchObject({ type: 'inet', private: 'n', unpriv: '-', chroot: 'y', wakeup: '-', maxproc: '-', command: 'smtpd', line: 8, endLine: 15 });
    expect(sub.overrides).toEqual({
      syslog_name: 'postfix/submission',
      smtpd_tls_security_level: 'encrypt',
      smtpd_sasl_auth_enable: 'yes',
      smtpd_recipient_restrictions: 'permit_sasl_authenticated,reject',
      smtpd_sender_restrictions: 'reject_sender_login_mismatch, permit_sasl_authenticated, reject',
      milter_macro_daemon_name: 'ORIGINATING',
    });
    expect(sub.overrides).not.toHaveProperty('smtpd_tls_auth_only');
  });

  it('keeps flag columns and command arguments as written', () => {
    expect(findService(cf, 'tlsmgr')).toMatchObject({ wakeup: '1000?', maxproc: '1' });
    expect(findService(cf, '127.0.0.1:10025')?.overrides).toEqual({ smtpd_authorized_xforward_hosts: '127.0.0.0/8' });
    expect(findService(cf, 'relay')?.overrides).toEqual({ syslog_name: 'postfix/$service_name' });
    expect(findService(cf, 'maildrop')?.args).toEqual(['flags=DRXhu', 'user=vmail', 'argv=/usr/bin/maildrop', '-d', '${recipient}']);
  });

  it("leaves a pipe command's own -o alone (daemon options end at the first non-option)", () => {
    expect(findService(cf, 'odd')?.overrides).toEqual({});
  });

  it('reports malformed entries with their line instead of guessing', () => {
    const bad = parseMasterCf(
      ['  -o orphan=1', 'short inet n -', 'x inet n - n - - smtpd -o noequals', 'y inet n - n - - smtpd -o { a = b', 'ok unix - - n - - smtp'].join('\n'),
    );
    expect(bad.problems.map((p) => p.line)).toEqual([1, 2, 3, 4]);
    expect(bad.services.map((s) => s.service)).toEqual(['ok']);
  });

  it('cannot be steered into the object prototype by an override name', () => {
    const s = parseMasterCf('x inet n - n - - smtpd -o __proto__=polluted').services[0]!;
    expect(Object.getPrototypeOf(s.overrides)).toBe(Object.prototype);
    expect(Object.keys(s.overrides)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('tokenizeMasterLine', () => {
  it('unwraps { } groups and rejects unbalanced ones', () => {
    expect(tokenizeMasterLine('smtpd -o { a = b c } -v')).toEqual(['smtpd', '-o', 'a = b c', '-v']);
    expect(tokenizeMasterLine('smtpd -o { a = { b } }')).toEqual(['smtpd', '-o', 'a = { b }']);
    expect(tokenizeMasterLine('smtpd -o { a = b')).toBeUndefined();
  });
});
