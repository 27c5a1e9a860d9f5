import { describe, expect, it } from 'vitest';
import { classifyCommandOutcome, classifyConnectFailure, classifyHostFailure, commandFailedMessage } from './classify';

const connect = (error: { message: string; code?: string; level?: string }, hostKey?: { offered: string; pinned: string | null }) =>
  classifyConnectFailure({ phase: 'connect', address: '127.0.0.1:2222', username: 'mailwarden', error, hostKey });

const run = (stderr: string, exitCode: number | null = 1, command = 'sudo -n /usr/sbin/postqueue -j') =>
  classifyCommandOutcome({ phase: 'command', command, exitCode, stderr });

const PINNED = 'SHA256:70q7oRWQ9WqDKlckRtUya+P8ViEw55wYk2W26DT3olI';
const OFFERED = 'SHA256:GipTWMaYWKhQF8deMATjD4MbkLqh+7C/ytYuuDYv7hA';

describe('classifyConnectFailure', () => {
  it('says sshd may be down on a refused connection', () => {
    const f = connect({ message: 'connect ECONNREFUSED 127.0.0.1:2222', code: 'ECONNREFUSED', level: 'client-socket' });
    expect(f.kind).toBe('unreachable');
    expect(f.message).toBe('cannot reach 127.0.0.1:2222: connection refused — is sshd running and listening on that port?');
  });

  it.each([
    ['EHOSTUNREACH', /no route to host/],
    ['ETIMEDOUT', /timed out/],
    ['ENOTFOUND', /does not resolve/],
  ])('maps socket error %s to unreachable', (code, text) => {
    const f = connect({ message: `connect ${code} 10.9.9.9:22`, code, level: 'client-socket' });
    expect(f.kind).toBe('unreachable');
    expect(f.message).toMatch(text);
  });

  it('maps a handshake that never came to unreachable', () => {
    const f = connect({ message: 'Timed out while waiting for handshake', level: 'client-timeout' });
    expect(f.kind).toBe('unreachable');
    expect(f.message).toMatch(/handshake/);
  });

  it('maps a refused key to auth_refused and names the user', () => {
    const f = connect({ message: 'All configured authentication methods failed', level: 'client-authentication' });
    expect(f.kind).toBe('auth_refused');
    expect(f.message).toContain('~mailwarden/.ssh/authorized_keys');
  });

  it('asks to accept a key seen for the first time', () => {
    const f = connect({ message: 'Host denied (verification failed)', level: 'handshake' }, { offered: OFFERED, pinned: null });
    expect(f.kind).toBe('host_key_unknown');
    expect(f.message).toContain(OFFERED);
    expect(f.message).toMatch(/accept it on the Hosts page/);
    expect(f.extra).toEqual({ offered: OFFERED });
  });

  it('warns of a man-in-the-middle when the key changed, with both fingerprints', () => {
    const f = connect({ message: 'Host denied (verification failed)', level: 'handshake' }, { offered: OFFERED, pinned: PINNED });
    expect(f.kind).toBe('host_key_changed');
    expect(f.message).toContain(`expected ${PINNED}, got ${OFFERED}`);
    expect(f.message).toMatch(/man-in-the-middle/);
  });
});

describe('classifyCommandOutcome', () => {
  it('leaves a successful command alone, whatever it printed', () => {
    expect(run('sudo: a password is required\n', 0)).toBeNull();
  });

  it('leaves ordinary failures to the caller', () => {
    expect(run('/usr/sbin/postcat: fatal: open queue file NOSUCHID: Permission denied\n')).toBeNull();
    expect(run('postsuper: fatal: use of this command is reserved for the superuser\n')).toBeNull();
    expect(run('', 1, 'test -e /nonexistent')).toBeNull();
  });

  it.each([
    'sudo: a password is required\n',
    "Sorry, user mailwarden is not allowed to execute '/usr/bin/cat /etc/shadow' as root on mail.example.com.\n",
    'mailwarden is not in the sudoers file.\n',
    'sudo: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper\n',
  ])('maps sudo refusals to sudo_refused: %s', (stderr) => {
    const f = run(stderr, 1, 'sudo -n /usr/local/lib/mailwarden/mw-postfix delete');
    expect(f?.kind).toBe('sudo_refused');
    expect(f?.message).toContain('sudo -n /usr/local/lib/mailwarden/mw-postfix delete');
    expect(f?.message).toMatch(/enroll script/);
  });

  it('says the helpers are missing, and how to install them', () => {
    const f = run('sudo: /usr/local/lib/mailwarden/mw-postfix: command not found\n', 1, 'sudo -n /usr/local/lib/mailwarden/mw-postfix status');
    expect(f?.kind).toBe('tool_missing');
    expect(f?.message).toMatch(/helpers are not installed.*enroll script/);
  });

  it('maps a helper refusing a config directory others can write to unsafe_config', () => {
    const f = run(
      'mw-postfix: refusing /etc/postfix: the config directory or a parent of it is writable by group or others (mode 0777)\n',
      77,
      'sudo -n /usr/local/lib/mailwarden/mw-postfix config -n',
    );
    expect(f?.kind).toBe('unsafe_config');
    expect(f?.message).toContain('writable by group or others');
  });

  it.each([
    ['bash: line 1: nosuchtool: command not found\n', 127, 'nosuchtool'],
    ['sh: 1: perl: not found\n', 127, 'perl'],
    ['bash: perl: command not found\n', 127, 'perl'],
    ['sudo: /usr/sbin/postmap: command not found\n', 1, '/usr/sbin/postmap'],
  ])('maps a missing program to tool_missing: %s', (stderr, code, tool) => {
    const f = run(stderr, code, 'perl -e 1');
    expect(f?.kind).toBe('tool_missing');
    expect(f?.message.startsWith(`${tool} is not installed`)).toBe(true);
  });

  it('treats exit 127 as a missing tool even without a message', () => {
    expect(run('', 127, 'zcat /var/log/maillog.1.gz')?.kind).toBe('tool_missing');
  });

  it.each([
    'postqueue: fatal: Queue report unavailable - mail system is down\n',
    'postqueue: fatal: Queue report unavailable - mail system is down (Connect to the Postfix showq service: No such file or directory)\n',
    '/usr/sbin/postqueue: fatal: Cannot flush mail queue - mail system is down\n',
  ])('maps Postfix being down to mail_system_down: %s', (stderr) => {
    const f = run(stderr, 69);
    expect(f?.kind).toBe('mail_system_down');
    expect(f?.message).toMatch(/postfix start/);
  });

  it('explains the logfile failure of a stopped Postfix', () => {
    const f = run("postsuper: fatal: open logfile '/var/log/maillog': cannot open file: Permission denied\n", 1, 'sudo -n /usr/sbin/postsuper -h ABC');
    expect(f?.kind).toBe('mail_system_down');
    expect(f?.message).toContain("open logfile '/var/log/maillog'");
  });
});

describe('commandFailedMessage', () => {
  it('quotes the first line of stderr, or the exit status', () => {
    expect(commandFailedMessage({ phase: 'command', command: 'postcat -q X', exitCode: 1, stderr: '\npostcat: fatal: no such file\nmore\n' })).toBe(
      '"postcat -q X" failed: postcat: fatal: no such file',
    );
    expect(commandFailedMessage({ phase: 'command', command: 'find /x', exitCode: 2, stderr: '' })).toBe('"find /x" failed: exit code 2');
  });
});

describe('classifyHostFailure', () => {
  it('dispatches on the phase', () => {
    expect(
      classifyHostFailure({ phase: 'connect', address: 'mx:22', username: 'u', error: { message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' } })?.kind,
    ).toBe('unreachable');
    expect(classifyHostFailure({ phase: 'command', command: 'sudo -n /usr/sbin/postsuper', exitCode: 1, stderr: 'sudo: a password is required\n' })?.kind).toBe(
      'sudo_refused',
    );
    expect(classifyHostFailure({ phase: 'command', command: 'postqueue -j', exitCode: 0, stderr: '' })).toBeNull();
  });
});
