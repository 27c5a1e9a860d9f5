import { MW_POSTFIX, type HostCommand } from './command';

// The HostCommands for Postfix's tools, each a fixed subcommand of mw-postfix
// (scripts/host/mw-postfix), the helper that runs them as root. Lists (queue
// ids, name=value pairs, lookup keys) travel on stdin, never as arguments.

const tool = (...args: string[]): HostCommand => ({ program: MW_POSTFIX, args, sudo: true });

export type PostconfFlag = '-x' | '-h' | '-n';
export type QueueVerb = 'delete' | 'hold' | 'release' | 'requeue';

export const postfixTools = {
  /** postconf, read only: parameter values (defaults included unless -n). */
  config: (flags: readonly PostconfFlag[], names: readonly string[] = []) => tool('config', ...flags, ...names),
  /** postconf -M: master.cf services. */
  services: () => tool('services'),
  /** postconf -P [-x]: master.cf -o overrides. */
  serviceParams: (expand: boolean) => tool('service-params', ...(expand ? ['-x'] : [])),
  /** postconf -e; stdin: one name=value line per parameter (an allow-listed set). */
  set: () => tool('set'),
  /** postconf -X; stdin: one parameter name per line (the same allow-list as set). */
  unset: () => tool('unset'),
  postfix: (verb: 'check' | 'reload' | 'status') => tool(verb),
  /** postsuper -d/-h/-H/-r -; stdin: one queue id per line. */
  queue: (verb: QueueVerb) => tool(verb),
  flush: () => tool('flush'),
  queueJson: () => tool('queue-json'),
  /** postcat -q ID. */
  show: (id: string) => tool('show', id),
  /** postcat -e for many messages; stdin: one queue id per line. */
  envelopes: () => tool('envelopes'),
  /** postmap -q - TABLE; stdin: the keys. TABLE must be named by the config. */
  lookup: (table: string) => tool('lookup', table),
};
