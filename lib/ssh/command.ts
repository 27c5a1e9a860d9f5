import { AppError } from '@/lib/api/errors';
import { shellQuote } from './shell-quote';

// Turns a HostCommand into the one string an SSH exec request carries. The
// program comes from an allow-list; every argument is single-quoted; nothing
// from a request is ever spliced in unquoted.

export const POSTFIX_PROGRAMS = ['postqueue', 'postcat', 'postsuper', 'postconf', 'postfix', 'postmap'] as const;
export type PostfixProgram = (typeof POSTFIX_PROGRAMS)[number];

// Read-mostly helpers the console's features use on a mail host (logs, queue
// files, Maildirs). Extend deliberately: each entry is a program the console
// may start there.
export const OTHER_PROGRAMS = [
  'cat', 'zcat', 'gzip', 'tail', 'head', 'wc', 'find', 'stat', 'test', 'ls', 'perl',
  'grep', 'zgrep', 'mkdir', 'mv', 'date', 'id', 'uname', 'command', 'sudo',
  // Mailwarden's own fixed helpers (scripts/host/), installed root-owned on each host.
  '/usr/local/lib/mailwarden/mw-queue-scan', '/usr/local/lib/mailwarden/mw-config',
  '/usr/local/lib/mailwarden/mw-maildir',
] as const;

export type HostCommand = {
  // Fixed by code, never taken from input.
  program: PostfixProgram | (typeof OTHER_PROGRAMS)[number] | (string & {});
  // Fixed by code or strictly validated values; each is shell-quoted here.
  args: readonly string[];
  // true = sudo -n as root, 'postfix' / 'vmail' = sudo -n -u that user (only when the host uses sudo).
  sudo?: boolean | 'postfix' | 'vmail';
};

export type CommandTarget = { useSudo: boolean; postfixConfigDir: string | null };

const ALLOWED = new Set<string>([...POSTFIX_PROGRAMS, ...OTHER_PROGRAMS]);

export const isPostfixProgram = (program: string): program is PostfixProgram =>
  (POSTFIX_PROGRAMS as readonly string[]).includes(program);

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

/**
 * The remote command line. Postfix tools are named by absolute path because
 * the sudoers rule names absolute paths; with `configDir` and a configured
 * instance directory they get `-c <dir>` (multi-instance hosts).
 */
export function buildRemoteCommand(cmd: HostCommand, target: CommandTarget, opts: { configDir?: boolean } = {}): string {
  validateCommand(cmd);
  const words: string[] = [];
  if (cmd.sudo && target.useSudo) words.push('sudo', '-n', ...(typeof cmd.sudo === 'string' ? ['-u', cmd.sudo] : []));
  const postfix = isPostfixProgram(cmd.program);
  words.push(postfix ? `/usr/sbin/${cmd.program}` : cmd.program);
  if (postfix && opts.configDir && target.postfixConfigDir) {
    if (/[\0\n\r]/.test(target.postfixConfigDir)) throw new AppError('invalid', 'The Postfix config directory contains a line break.');
    words.push('-c', target.postfixConfigDir);
  }
  words.push(...cmd.args);
  return words.map(shellQuote).join(' ');
}

/** What an admin reads in an error message: the command without quoting noise. */
export function describeCommand(cmd: HostCommand, target: CommandTarget): string {
  const prefix = cmd.sudo && target.useSudo ? `sudo -n ${typeof cmd.sudo === 'string' ? `-u ${cmd.sudo} ` : ''}` : '';
  const program = isPostfixProgram(cmd.program) ? `/usr/sbin/${cmd.program}` : cmd.program;
  return `${prefix}${program}${cmd.args.length ? ' ' + cmd.args.join(' ') : ''}`.slice(0, 200);
}
