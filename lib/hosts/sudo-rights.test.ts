import { describe, expect, it } from 'vitest';
import { parseSudoList, sudoRights } from './sudo-rights';

// `sudo -n -l` as the lab's mailwarden user printed it (Debian 12, sudo 1.9.13).
const LAB = `Matching Defaults entries for mailwarden on vm:
    env_reset, mail_badpass, secure_path=/usr/local/sbin\\:/usr/local/bin\\:/usr/sbin\\:/usr/bin\\:/sbin\\:/bin, use_pty, !requiretty, !mail_badpass

User mailwarden may run the following commands on vm:
    (root) NOPASSWD: /usr/sbin/postqueue, /usr/sbin/postcat, /usr/sbin/postsuper, /usr/sbin/postconf, /usr/sbin/postfix, /usr/sbin/postmap
`;

describe('sudoRights', () => {
  it('finds every Postfix tool in the lab rule', () => {
    const r = sudoRights(LAB);
    expect(r.missing).toEqual([]);
    expect(Object.values(r.postfixTools).every(Boolean)).toBe(true);
    expect(r.asPostfix).toBe(false);
    expect(r.rules).toEqual([
      { runAs: ['root'], nopasswd: true, commands: ['/usr/sbin/postqueue', '/usr/sbin/postcat', '/usr/sbin/postsuper', '/usr/sbin/postconf', '/usr/sbin/postfix', '/usr/sbin/postmap'] },
    ]);
  });

  it('names the tools a narrower rule leaves out', () => {
    const text = 'User ops may run the following commands on mx1:\n    (root) NOPASSWD: /usr/sbin/postqueue -p, /usr/sbin/postqueue -j, /usr/sbin/postcat\n';
    expect(sudoRights(text).missing).toEqual(['postsuper', 'postconf', 'postfix', 'postmap']);
  });

  it('does not count rules that need a password (sudo -n cannot use them)', () => {
    const text = 'User ops may run the following commands on mx1:\n    (ALL : ALL) ALL\n';
    const r = sudoRights(text);
    expect(r.rules[0]).toEqual({ runAs: ['ALL'], nopasswd: false, commands: ['ALL'] });
    expect(r.missing).toHaveLength(6);
  });

  it('sees full rights and the right to act as postfix', () => {
    const text = 'User admin may run the following commands on mx1:\n    (ALL : ALL) NOPASSWD: ALL\n    (postfix) NOPASSWD: SETENV: /usr/bin/perl\n';
    const r = sudoRights(text);
    expect(r.missing).toEqual([]);
    expect(r.asPostfix).toBe(true);
    expect(r.rules[1]).toEqual({ runAs: ['postfix'], nopasswd: true, commands: ['/usr/bin/perl'] });
  });

  it('finds nothing when sudo printed no rules', () => {
    expect(parseSudoList('sudo: a password is required\n')).toEqual([]);
    expect(sudoRights('').missing).toHaveLength(6);
  });
});
