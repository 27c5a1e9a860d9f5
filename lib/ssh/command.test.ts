import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildRemoteCommand, describeCommand } from './command';
import { postfixTools } from './postfix-tools';
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

const MW_POSTFIX = '/usr/local/lib/mailwarden/mw-postfix';

describe('buildRemoteCommand', () => {
  it('runs Postfix tools only through mw-postfix behind sudo -n', () => {
    const line = buildRemoteCommand(postfixTools.config(['-h'], ['mail_version']), sudoHost);
    expect(argvFromShell(line)).toEqual(['sudo', '-n', MW_POSTFIX, 'config', '-h', 'mail_version']);
  });

  it('runs the queue reader as postfix with sudo -n -u postfix', () => {
    const line = buildRemoteCommand({ program: '/usr/local/lib/mailwarden/mw-queue-scan', args: ['--count'], sudo: 'postfix' }, sudoHost);
    expect(argvFromShell(line)).toEqual(['sudo', '-n', '-u', 'postfix', '/usr/local/lib/mailwarden/mw-queue-scan', '--count']);
  });

  it('drops the sudo prefix on hosts that do not use sudo', () => {
    const line = buildRemoteCommand(postfixTools.queueJson(), { useSudo: false, postfixConfigDir: null });
    expect(argvFromShell(line)).toEqual([MW_POSTFIX, 'queue-json']);
  });

  it('adds -c <dir> for the instance helpers of a second Postfix instance, and for nothing else', () => {
    const host = { useSudo: true, postfixConfigDir: '/etc/postfix-out' };
    expect(argvFromShell(buildRemoteCommand(postfixTools.queueJson(), host))).toEqual(['sudo', '-n', MW_POSTFIX, '-c', '/etc/postfix-out', 'queue-json']);
    expect(argvFromShell(buildRemoteCommand({ program: '/usr/local/lib/mailwarden/mw-config', args: ['cat-main'], sudo: true }, host))).toEqual([
      'sudo',
      '-n',
      '/usr/local/lib/mailwarden/mw-config',
      '-c',
      '/etc/postfix-out',
      'cat-main',
    ]);
    expect(argvFromShell(buildRemoteCommand(postfixTools.queueJson(), sudoHost))).toEqual(['sudo', '-n', MW_POSTFIX, 'queue-json']);
    expect(argvFromShell(buildRemoteCommand({ program: 'cat', args: ['/x'] }, host))).toEqual(['cat', '/x']);
  });

  it("reads a second instance's own queue: the queue reader gets -c <dir> too", () => {
    const host = { useSudo: true, postfixConfigDir: '/etc/postfix-fleet-1' };
    const reader = { program: '/usr/local/lib/mailwarden/mw-queue-scan', args: ['--count'], sudo: 'postfix' as const };
    expect(argvFromShell(buildRemoteCommand(reader, host))).toEqual([
      'sudo',
      '-n',
      '-u',
      'postfix',
      '/usr/local/lib/mailwarden/mw-queue-scan',
      '-c',
      '/etc/postfix-fleet-1',
      '--count',
    ]);
    expect(argvFromShell(buildRemoteCommand(reader, sudoHost))).toEqual(['sudo', '-n', '-u', 'postfix', '/usr/local/lib/mailwarden/mw-queue-scan', '--count']);
  });

  it('passes a hostile argument as one literal word', () => {
    const line = buildRemoteCommand(postfixTools.show(nasty[0]!), sudoHost);
    expect(argvFromShell(line)).toEqual(['sudo', '-n', MW_POSTFIX, 'show', "'; touch /tmp/pwned #"]);
  });

  it('refuses programs outside the allow-list, before anything runs', () => {
    expect(() => buildRemoteCommand({ program: 'rm', args: ['-rf', '/'] }, sudoHost)).toThrow(/not allowed/);
    expect(() => buildRemoteCommand({ program: 'sh', args: ['-c', 'id'] }, sudoHost)).toThrow(/not allowed/);
  });

  it('never starts a Postfix tool directly, by name or by path', () => {
    for (const tool of ['postqueue', 'postcat', 'postsuper', 'postconf', 'postfix', 'postmap', '/usr/sbin/postfix', '/usr/sbin/postconf']) {
      expect(() => buildRemoteCommand({ program: tool, args: ['-c', '/tmp/x', 'status'], sudo: true }, sudoHost)).toThrow(/not allowed/);
    }
  });

  it('allows sudo itself only to list rights', () => {
    expect(argvFromShell(buildRemoteCommand({ program: 'sudo', args: ['-n', '-l'] }, sudoHost))).toEqual(['sudo', '-n', '-l']);
    expect(() => buildRemoteCommand({ program: 'sudo', args: ['/bin/sh'] }, sudoHost)).toThrow(/sudo -n -l/);
  });

  it('refuses arguments with NUL or line breaks', () => {
    for (const bad of ['a\nb', 'a\0b', 'a\rb']) {
      expect(() => buildRemoteCommand(postfixTools.show(bad), sudoHost)).toThrow(/NUL or line break/);
    }
  });
});

describe('describeCommand', () => {
  it('reads like the command an admin would type', () => {
    expect(describeCommand(postfixTools.queue('delete'), sudoHost)).toBe(`sudo -n ${MW_POSTFIX} delete`);
    expect(describeCommand({ program: 'perl', args: ['-v'], sudo: 'postfix' }, sudoHost)).toBe('sudo -n -u postfix perl -v');
  });
});
