import { AppError } from '@/lib/errors';
import { shellQuote } from './shell-quote';

// Turns a HostCommand into the one string an SSH exec request carries. The
// program comes from an allow-list; every argument is single-quoted; nothing
// from a request is ever spliced in unquoted.
//
// Postfix's own tools are not on the list: root reaches them only through
// Mailwarden's helpers (scripts/host/), which validate every subcommand and
// argument. A sudo rule for /usr/sbin/postfix with free arguments would be
// root for whoever holds the console's key (`postfix -c DIR` runs
// DIR/postfix-script as root).

export const MW_HELPER_DIR = '/usr/local/lib/mailwarden';
export const MW_POSTFIX = `${MW_HELPER_DIR}/mw-postfix`;
export const MW_CONFIG = `${MW_HELPER_DIR}/mw-config`;
export const MW_QUEUE_SCAN = `${MW_HELPER_DIR}/mw-queue-scan`;
export const MW_MAILDIR = `${MW_HELPER_DIR}/mw-maildir`;
// The sending-limit policy service (postfwd): install, ruleset, start/reload, counters, lift.
export const MW_POLICY = `${MW_HELPER_DIR}/mw-policy`;

// The helpers that act on one Postfix instance: they take `-c <dir>` first.
// The queue reader too: without it a host that is a second instance would be
// shown the default instance's queue (/var/spool/postfix), not its own.
const INSTANCE_HELPERS = new Set<string>([MW_POSTFIX, MW_CONFIG, MW_QUEUE_SCAN]);

// Read-mostly programs the console's features run as the SSH user itself
// (logs, Maildir listings). Extend deliberately: each entry is a program the
// console may start there.
export const OTHER_PROGRAMS = [
  'cat',
  'zcat',
  'gzip',
  'tail',
  'head',
  'wc',
  'find',
  'stat',
  'test',
  'ls',
  'perl',
  'grep',
  'zgrep',
  'mkdir',
  'mv',
  'date',
  'id',
  'uname',
  'command',
  'sudo',
  MW_POSTFIX,
  MW_CONFIG,
  MW_POLICY,
  MW_QUEUE_SCAN,
  MW_MAILDIR,
] as const;

export type HostCommand = {
  // Fixed by code, never taken from input.
  program: (typeof OTHER_PROGRAMS)[number] | (string & {});
  // Fixed by code or strictly validated values; each is shell-quoted here.
  args: readonly string[];
  // true = sudo -n as root, 'postfix' / 'vmail' = sudo -n -u that user (only when the host uses sudo).
  sudo?: boolean | 'postfix' | 'vmail';
};

export type CommandTarget = { useSudo: boolean; postfixConfigDir: string | null };

const ALLOWED = new Set<string>(OTHER_PROGRAMS);

/** Throws before anything touches the network when a command is not allowed. */
export function validateCommand(cmd: HostCommand): void {
  if (!ALLOWED.has(cmd.program)) throw new Error(`program "${cmd.program}" is not allowed on mail hosts`);
  // `sudo` itself is only ever used to list the rights we hold; everything
  // else goes through the sudo option so the prefix stays in one place.
  if (cmd.program === 'sudo' && (cmd.args.length !== 2 || cmd.args[0] !== '-n' || cmd.args[1] !== '-l')) {
    throw new Error('sudo may only be run as "sudo -n -l"; use the sudo option instead');
  }
  for (const arg of cmd.args) {
    if (/[\0\n\r]/.test(arg)) throw new AppError('invalid', 'A command argument contains a NUL or line break.');
  }
}

function instanceArgs(cmd: HostCommand, target: CommandTarget): string[] {
  if (!INSTANCE_HELPERS.has(cmd.program) || !target.postfixConfigDir) return [];
  if (/[\0\n\r]/.test(target.postfixConfigDir)) throw new AppError('invalid', 'The Postfix config directory contains a line break.');
  return ['-c', target.postfixConfigDir];
}

/**
 * The remote command line. The instance helpers get `-c <dir>` when the host
 * is a second Postfix instance; the helper checks that directory again.
 */
export function buildRemoteCommand(cmd: HostCommand, target: CommandTarget): string {
  validateCommand(cmd);
  const words: string[] = [];
  if (cmd.sudo && target.useSudo) words.push('sudo', '-n', ...(typeof cmd.sudo === 'string' ? ['-u', cmd.sudo] : []));
  words.push(cmd.program, ...instanceArgs(cmd, target), ...cmd.args);
  return words.map(shellQuote).join(' ');
}

/** What an admin reads in an error message: the command without quoting noise. */
export function describeCommand(cmd: HostCommand, target: CommandTarget): string {
  const prefix = cmd.sudo && target.useSudo ? `sudo -n ${typeof cmd.sudo === 'string' ? `-u ${cmd.sudo} ` : ''}` : '';
  const args = [...instanceArgs(cmd, target), ...cmd.args];
  return `${prefix}${cmd.program}${args.length ? ' ' + args.join(' ') : ''}`.slice(0, 200);
}
