import 'server-only';
import { HostError } from '@/lib/ssh/host-error';
import { MW_POLICY } from '@/lib/ssh/command';
import { execOnHost, type HostCommand } from '@/lib/ssh/host-exec';
import { parseCounters, type LoginCounters } from './counters';

// The policy service on a mail host, as verbs over mw-policy
// (scripts/host/mw-policy), the root helper with fixed subcommands. The
// ruleset travels on stdin; the one argument (a login) is validated by the
// caller and again by the helper.

const policy = (...args: string[]): HostCommand => ({ program: MW_POLICY, args, sudo: true });
const NOT_INSTALLED = 69;

async function run(host: string, args: string[], opts: { stdin?: string; timeoutMs?: number } = {}) {
  return execOnHost(host, policy(...args), { timeoutMs: opts.timeoutMs ?? 60_000, stdin: opts.stdin, maxOutputBytes: 8 * 1024 * 1024 });
}

async function must(host: string, args: string[], opts: { stdin?: string; timeoutMs?: number } = {}): Promise<string> {
  const r = await run(host, args, opts);
  if (r.exitCode !== 0) {
    const why =
      r.stderr
        .split('\n')
        .map((l) => l.replace(/^mw-policy: /, '').trim())
        .find(Boolean) ?? `exit code ${r.exitCode}`;
    throw new HostError('command_failed', `mw-policy ${args[0]} failed on ${host}: ${why}`);
  }
  return r.stdout;
}

export type PolicyStatus = { installed: boolean; running: boolean; pid: number | null };

export async function policyStatus(host: string): Promise<PolicyStatus> {
  const out = await must(host, ['status']);
  const m = /^running (\d+)/.exec(out);
  // status itself does not need postfwd; counters does: exit 69 says it is absent.
  const probe = m ? null : await run(host, ['counters']);
  return { installed: m ? true : probe?.exitCode !== NOT_INSTALLED, running: !!m, pid: m ? Number(m[1]) : null };
}

/** apt-get/dnf install of postfwd; slow the first time. */
export const installPolicyService = (host: string) => must(host, ['install'], { timeoutMs: 600_000 }).then(() => undefined);
export const writeRuleset = (host: string, ruleset: string) => must(host, ['write-config'], { stdin: ruleset }).then(() => undefined);
export const startPolicyService = (host: string) => must(host, ['start']).then(() => undefined);
export const stopPolicyService = (host: string) => must(host, ['stop'], { timeoutMs: 30_000 }).then(() => undefined);
/** The new ruleset, counters kept (postfwd --keep_rates). */
export const reloadPolicyService = (host: string) => must(host, ['reload']).then(() => undefined);

export async function readCounters(host: string, nowMs = Date.now()): Promise<LoginCounters[]> {
  const r = await run(host, ['counters']);
  // Not running (no cache socket) or not installed: nothing is counted.
  if (r.exitCode !== 0) return [];
  return parseCounters(r.stdout, nowMs);
}

/** Counters of one login back to 0: its mail flows again at once. Login validated by loginSchema. */
export const liftLogin = (host: string, login: string) => must(host, ['lift', login]).then(() => undefined);
