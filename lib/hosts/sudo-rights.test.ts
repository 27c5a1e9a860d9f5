import { describe, expect, it } from 'vitest';
import { parseSudoList, sudoRights } from './sudo-rights';

// `sudo -n -l` as the lab's mailwarden user prints it with the enroll
// script's sudoers (Debian 12, sudo 1.9.13).
const ENROLLED = `Matching Defaults entries for mailwarden on vm:
    env_reset, mail_badpass, secure_path=/usr/local/sbin\\:/usr/local/bin\\:/usr/sbin\\:/usr/bin\\:/sbin\\:/bin, use_pty, env_reset, !setenv, !requiretty, !mail_badpass

User mailwarden may run the following commands on vm:
    (root) NOPASSWD: /usr/local/lib/mailwarden/mw-postfix, /usr/local/lib/mailwarden/mw-config, /usr/local/lib/mailwarden/mw-policy
    (postfix) NOPASSWD: /usr/local/lib/mailwarden/mw-queue-scan
    (vmail) NOPASSWD: /usr/local/lib/mailwarden/mw-maildir
`;

// What the lab's own sudoers said before the enroll script: root in all but name.
const OLD_LAB = `User mailwarden may run the following commands on vm:
    (root) NOPASSWD: /usr/sbin/postqueue, /usr/sbin/postcat, /usr/sbin/postsuper, /usr/sbin/postconf, /usr/sbin/postfix, /usr/sbin/postmap
`;

describe('sudoRights', () => {
  it('finds every helper of the enroll script, each as its own user, and nothing unsafe', () => {
    const r = sudoRights(ENROLLED);
    expect(r.missing).toEqual([]);
    expect(r.unsafe).toEqual([]);
    expect(r.asPostfix).toBe(true);
    expect(r.rules[0]).toEqual({
      runAs: ['root'],
      nopasswd: true,
      commands: ['/usr/local/lib/mailwarden/mw-postfix', '/usr/local/lib/mailwarden/mw-config', '/usr/local/lib/mailwarden/mw-policy'],
    });
  });

  it('calls Postfix tools with free arguments unsafe and the helpers missing', () => {
    const r = sudoRights(OLD_LAB);
    expect(r.unsafe).toEqual([
      '/usr/sbin/postqueue',
      '/usr/sbin/postcat',
      '/usr/sbin/postsuper',
      '/usr/sbin/postconf',
      '/usr/sbin/postfix',
      '/usr/sbin/postmap',
    ]);
    expect(r.missing).toHaveLength(5);
  });

  it('accepts a tool with a fixed argument list, not one with a wildcard', () => {
    const text = 'User ops may run the following commands on mx1:\n    (root) NOPASSWD: /usr/sbin/postfix reload, /usr/sbin/postsuper -d *\n';
    expect(sudoRights(text).unsafe).toEqual(['/usr/sbin/postsuper']);
  });

  it('does not count rules that need a password (sudo -n cannot use them)', () => {
    const text = 'User ops may run the following commands on mx1:\n    (ALL : ALL) ALL\n';
    const r = sudoRights(text);
    expect(r.rules[0]).toEqual({ runAs: ['ALL'], nopasswd: false, commands: ['ALL'] });
    expect(r.missing).toHaveLength(5);
    expect(r.unsafe).toEqual([]);
  });

  it('sees full rights as unsafe', () => {
    const text = 'User admin may run the following commands on mx1:\n    (ALL : ALL) NOPASSWD: ALL\n    (postfix) NOPASSWD: SETENV: /usr/bin/perl\n';
    const r = sudoRights(text);
    expect(r.missing).toEqual([]);
    expect(r.unsafe).toEqual(['ALL']);
    expect(r.rules[1]).toEqual({ runAs: ['postfix'], nopasswd: true, commands: ['/usr/bin/perl'] });
  });

  it('finds nothing when sudo printed no rules', () => {
    expect(parseSudoList('sudo: a password is required\n')).toEqual([]);
    expect(sudoRights('').missing).toHaveLength(5);
  });
});
