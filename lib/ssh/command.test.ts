import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildRemoteCommand, describeCommand } from './command';
import { shellQuote } from './shell-quote';

const sudoHost = { useSudo: true, postfixConfigDir: null };
const nasty = ["'; touch /tmp/pwned #", '$(id)', '`id`', 'a b\tc', "it's", '', '*', '\\', '"$HOME"', '-c', '--', '!', '中文 ☃'];

// What a POSIX shell really makes of a command line: the argv it would run.
function argvFromShell(line: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `set -- ${line}; for a in "$@"; do printf '%s\\0' "$a"; done`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  it('gives a real shell back every argument unchanged', () => {
    expect(argvFromShell(nasty.map(shellQuote).join(' '))).toEqual(nasty);
  });
});

describe('buildRemoteCommand', () => {
  it('names Postfix tools by absolute path behind sudo -n', () => {
    const line = buildRemoteCommand({ program: 'postconf', args: ['-h', 'mail_version'], sudo: true }, sudoHost);
    expect(argvFromShell(line)).toEqual(['sudo', '-n', '/usr/sbin/postconf', '-h', 'mail_version']);
  });

  it('runs as postfix with sudo -n -u postfix', () => {
    const line = buildRemoteCommand({ program: 'postcat', args: ['-q', 'ABC123'], sudo: 'postfix' }, sudoHost);
    expect(argvFromShell(line)).toEqual(['sudo', '-n', '-u', 'postfix', '/usr/sbin/postcat', '-q', 'ABC123']);
  });

  it('drops the sudo prefix on hosts that do not use sudo', () => {
    const line = buildRemoteCommand({ program: 'postqueue', args: ['-j'], sudo: true }, { useSudo: false, postfixConfigDir: null });
    expect(argvFromShell(line)).toEqual(['/usr/sbin/postqueue', '-j']);
  });

  it('adds -c <dir> for Postfix tools only when asked and configured', () => {
    const host = { useSudo: true, postfixConfigDir: '/etc/postfix-out' };
    expect(argvFromShell(buildRemoteCommand({ program: 'postqueue', args: ['-j'], sudo: true }, host, { configDir: true }))).toEqual([
      'sudo', '-n', '/usr/sbin/postqueue', '-c', '/etc/postfix-out', '-j',
    ]);
    expect(argvFromShell(buildRemoteCommand({ program: 'postqueue', args: ['-j'], sudo: true }, host))).toEqual(['sudo', '-n', '/usr/sbin/postqueue', '-j']);
    expect(argvFromShell(buildRemoteCommand({ program: 'cat', args: ['/x'] }, host, { configDir: true }))).toEqual(['cat', '/x']);
  });

  it('passes a hostile argument as one literal word', () => {
    const line = buildRemoteCommand({ program: 'postcat', args: ['-q', nasty[0]!], sudo: true }, sudoHost);
    expect(argvFromShell(line)).toEqual(['sudo', '-n', '/usr/sbin/postcat', '-q', "'; touch /tmp/pwned #"]);
  });

  it('refuses programs outside the allow-list, before anything runs', () => {
    expect(() => buildRemoteCommand({ program: 'rm', args: ['-rf', '/'] }, sudoHost)).toThrow(/not allowed/);
    expect(() => buildRemoteCommand({ program: 'sh', args: ['-c', 'id'] }, sudoHost)).toThrow(/not allowed/);
    expect(() => buildRemoteCommand({ program: '/usr/sbin/postqueue', args: [] }, sudoHost)).toThrow(/not allowed/);
  });

  it('allows sudo itself only to list rights', () => {
    expect(argvFromShell(buildRemoteCommand({ program: 'sudo', args: ['-n', '-l'] }, sudoHost))).toEqual(['sudo', '-n', '-l']);
    expect(() => buildRemoteCommand({ program: 'sudo', args: ['/bin/sh'] }, sudoHost)).toThrow(/sudo -n -l/);
  });

  it('refuses arguments with NUL or line breaks', () => {
    for (const bad of ['a\nb', 'a\0b', 'a\rb']) {
      expect(() => buildRemoteCommand({ program: 'postcat', args: ['-q', bad] }, sudoHost)).toThrow(/NUL or line break/);
    }
  });
});

describe('describeCommand', () => {
  it('reads like the command an admin would type', () => {
    expect(describeCommand({ program: 'postsuper', args: ['-d', '-'], sudo: true }, sudoHost)).toBe('sudo -n /usr/sbin/postsuper -d -');
    expect(describeCommand({ program: 'perl', args: ['-v'], sudo: 'postfix' }, sudoHost)).toBe('sudo -n -u postfix perl -v');
  });
});
