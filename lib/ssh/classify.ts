import type { HostErrorKind } from './host-error';

// Turns what ssh2, sshd, sudo and Postfix say into one of a few kinds with a
// sentence an admin can act on. Pure: the strings in the tests are real ones.

export type Failure = { kind: HostErrorKind; message: string; extra?: Record<string, unknown> };

export type ConnectFailure = {
  phase: 'connect';
  address: string; // "host:port"
  username: string;
  error: { message: string; code?: string; level?: string };
  // What the host key check saw, when it ran.
  hostKey?: { offered: string; pinned: string | null };
};

export type CommandOutcome = {
  phase: 'command';
  command: string; // as describeCommand() renders it
  exitCode: number | null;
  stderr: string;
};

const SOCKET_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused — is sshd running and listening on that port?',
  EHOSTUNREACH: 'no route to host — check the address and any firewall in between',
  ENETUNREACH: 'network unreachable — check the address and the console machine’s routes',
  ETIMEDOUT: 'the connection timed out — check the address, port and firewall',
  ECONNRESET: 'the connection was reset — sshd may refuse this client (AllowUsers, MaxStartups, tcp wrappers)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name cannot be resolved right now (DNS)',
  EPIPE: 'the connection was closed by the host',
};

export function classifyConnectFailure(f: ConnectFailure): Failure {
  const { error, address } = f;
  if (f.hostKey && /verification failed/i.test(error.message)) {
    const { offered, pinned } = f.hostKey;
    if (pinned === null) {
      return {
        kind: 'host_key_unknown',
        message: `${address} offered host key ${offered}, which is not accepted yet. Verify it out of band (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the host) and accept it on the Hosts page.`,
        extra: { offered },
      };
    }
    return {
      kind: 'host_key_changed',
      message: `The host key of ${address} changed: expected ${pinned}, got ${offered}. This can be a reinstalled server or a man-in-the-middle; the connection was refused and the pinned key kept.`,
      extra: { offered, pinned },
    };
  }
  const reason = (error.code && SOCKET_REASONS[error.code]) ?? undefined;
  if (reason) return { kind: 'unreachable', message: `cannot reach ${address}: ${reason}` };
  if (error.level === 'client-authentication' || /authentication methods failed/i.test(error.message)) {
    return {
      kind: 'auth_refused',
      message: `${address} refused the SSH key for user ${f.username} — is its public key in ~${f.username}/.ssh/authorized_keys, and is the user allowed to log in?`,
    };
  }
  if (error.level === 'client-timeout' || /timed out/i.test(error.message)) {
    return { kind: 'unreachable', message: `cannot reach ${address}: no SSH handshake within the time limit — is this an SSH server?` };
  }
  if (error.level === 'client-dns') return { kind: 'unreachable', message: `cannot reach ${address}: ${SOCKET_REASONS.ENOTFOUND}` };
  return { kind: 'unreachable', message: `cannot reach ${address}: ${error.message}` };
}

const firstLine = (text: string) =>
  text
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim() ?? '';

/**
 * Failures that no caller wants to handle itself: missing sudo rights, a
 * missing tool, Postfix down. Anything else (including a plain non-zero exit)
 * returns null and the caller reads exitCode/stderr.
 */
export function classifyCommandOutcome(o: CommandOutcome): Failure | null {
  const { stderr, exitCode, command } = o;
  if (exitCode === 0) return null;
  const notFound = /^(?:[\w/.-]*sh|sudo): (?:\d+: )?(?:line \d+: )?(.+?): (?:command )?not found$/m.exec(stderr);
  if (notFound || exitCode === 127) {
    const tool = notFound?.[1]?.trim() ?? command.split(' ')[0] ?? '';
    if (tool.startsWith('/usr/local/lib/mailwarden/') || /mailwarden\/mw-/.test(command)) {
      return {
        kind: 'tool_missing',
        message: `Mailwarden's helpers are not installed on the host (${tool}): run the enroll script from Add Host there as root.`,
      };
    }
    return { kind: 'tool_missing', message: `${tool} is not installed on the host (or not in PATH) — needed for: ${command}` };
  }
  const unsafe = /^mw-(?:postfix|config): (refusing [^\n]*)$/m.exec(stderr);
  if (unsafe && exitCode === 77) {
    return {
      kind: 'unsafe_config',
      message: `The host's Postfix configuration is not safe to act on, so the console refuses: ${unsafe[1]}. Only root may own and write it.`,
    };
  }
  if (
    /^sudo: (?:a password is required|a terminal is required|no tty present)/m.test(stderr) ||
    /is not allowed to execute|is not in the sudoers file|may not run sudo/m.test(stderr)
  ) {
    return {
      kind: 'sudo_refused',
      message: `sudo refused "${command}": the SSH user may not start it without a password. Run the enroll script from Add Host on the mail host; it writes /etc/sudoers.d/mailwarden.`,
    };
  }
  const down = /^\S*: fatal: (?:Queue report unavailable|Cannot flush mail queue)[^\n]*mail system is down/m.exec(stderr);
  if (down) return { kind: 'mail_system_down', message: `Postfix is not running on the host (${firstLine(down[0])}). Start it with "postfix start".` };
  const logfile = /^\S*: fatal: open logfile[^\n]*/m.exec(stderr);
  if (logfile) {
    return {
      kind: 'mail_system_down',
      message: `Postfix cannot write its log (${logfile[0].trim()}) — usually Postfix (postlogd) is stopped; start it with "postfix start".`,
    };
  }
  return null;
}

/** For a command that had to succeed: a message built from its own stderr. */
export function commandFailedMessage(o: CommandOutcome): string {
  const why = firstLine(o.stderr) || (o.exitCode === null ? 'killed by a signal' : `exit code ${o.exitCode}`);
  return `"${o.command}" failed: ${why}`.slice(0, 500);
}

/** Either phase in one call: what a connect error or a command's outcome means. */
export function classifyHostFailure(input: ConnectFailure | CommandOutcome): Failure | null {
  return input.phase === 'connect' ? classifyConnectFailure(input) : classifyCommandOutcome(input);
}
