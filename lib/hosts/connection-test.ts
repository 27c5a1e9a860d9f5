import 'server-only';
import { db } from '@/lib/db';
import { execOnHost, HostError, streamFromHost } from '@/lib/ssh/host-exec';
import { postfixTools } from '@/lib/ssh/postfix-tools';
import { rememberTest } from './last-test';
import { QueueCounter, type QueueCounts } from './queue-counts';
import { sudoRights } from './sudo-rights';

// "Test connection": one SSH round trip per fact an admin needs before
// trusting the console with a host — Postfix version and directories, whether
// it runs, how full its queues are, sudo rights (the helpers, and nothing
// more), perl for the queue reader.

const QUEUE_SCAN_MS = 20_000;
const STEP_MS = 15_000;

export type HostTestReport = {
  host: string;
  ok: boolean;
  at: string;
  durationMs: number;
  hostKey: string | null;
  failure?: { kind: string; message: string; offered?: string };
  postfix?: { version: string; queueDirectory: string; configDirectory: string };
  status?: { running: boolean; detail: string };
  queues?: QueueCounts & { approximate: boolean };
  perl?: { present: boolean; path: string | null };
  sudo?: { used: boolean; missing: string[]; asPostfix: boolean; unsafe: string[] };
  problems: string[];
};

const firstLine = (s: string) =>
  s
    .split('\n')
    .find((l) => l.trim())
    ?.trim() ?? '';
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function countQueues(host: string): Promise<QueueCounts & { approximate: boolean }> {
  const counter = new QueueCounter();
  const s = streamFromHost(host, postfixTools.queueJson(), { timeoutMs: QUEUE_SCAN_MS });
  s.stdout.on('data', (chunk: Buffer) => counter.push(chunk.toString('utf8')));
  try {
    await s.done;
    return { ...counter.finish(true), approximate: false };
  } catch (err) {
    // A huge queue: what was read in time is still worth showing.
    if (err instanceof HostError && err.kind === 'timeout') return { ...counter.finish(false), approximate: true };
    throw err;
  }
}

export async function testHostConnection(host: string): Promise<HostTestReport> {
  const started = Date.now();
  const report: HostTestReport = { host, ok: false, at: new Date().toISOString(), durationMs: 0, hostKey: null, problems: [] };
  const row = await db().mwHost.findUnique({ where: { name: host }, select: { useSudo: true, hostKeySha256: true } });
  // Connecting never changes the pin: a successful test saw exactly this key.
  report.hostKey = row?.hostKeySha256 ?? null;
  try {
    // The first command opens the connection: host key, reachability and
    // login problems end the test here.
    const conf = await execOnHost(host, postfixTools.config(['-h'], ['mail_version', 'queue_directory', 'config_directory']), { timeoutMs: STEP_MS });
    const [version = '', queueDirectory = '', configDirectory = ''] = conf.stdout.split('\n').map((l) => l.trim());
    report.postfix = { version, queueDirectory, configDirectory };
  } catch (err) {
    if (err instanceof HostError && ['unreachable', 'auth_refused', 'host_key_changed', 'host_key_unknown'].includes(err.kind)) {
      const offered = (err.details as { offered?: string } | undefined)?.offered;
      report.failure = { kind: err.kind, message: err.message, ...(offered ? { offered } : {}) };
      return finish(report, started);
    }
    report.problems.push(messageOf(err));
  }

  await Promise.all([
    execOnHost(host, postfixTools.postfix('status'), { timeoutMs: STEP_MS }).then(
      (r) => {
        const detail = firstLine(r.stderr) || firstLine(r.stdout);
        // Postfix ≥ 3.4 with maillog_file logs this to the log, not to us.
        report.status = { running: r.exitCode === 0, detail: detail || (r.exitCode === 0 ? '' : `postfix status exited with ${r.exitCode}`) };
        if (r.exitCode !== 0) report.problems.push(`Postfix is not running: ${report.status.detail}`);
      },
      (err: unknown) => void report.problems.push(messageOf(err)),
    ),
    countQueues(host).then(
      (q) => void (report.queues = q),
      (err: unknown) => void report.problems.push(messageOf(err)),
    ),
    // `command -v` is a shell builtin: no sudo, and no perl needed to ask.
    execOnHost(host, { program: 'command', args: ['-v', 'perl'] }, { timeoutMs: STEP_MS }).then(
      (r) => void (report.perl = { present: r.exitCode === 0, path: r.exitCode === 0 ? firstLine(r.stdout) : null }),
      (err: unknown) => void report.problems.push(messageOf(err)),
    ),
    row?.useSudo === false
      ? Promise.resolve(void (report.sudo = { used: false, missing: [], asPostfix: false, unsafe: [] }))
      : execOnHost(host, { program: 'sudo', args: ['-n', '-l'] }, { timeoutMs: STEP_MS }).then(
          (r) => {
            const rights = sudoRights(r.stdout);
            report.sudo = { used: true, missing: rights.missing, asPostfix: rights.asPostfix, unsafe: rights.unsafe };
            if (rights.missing.length) {
              report.problems.push(
                `sudo does not let the SSH user start ${rights.missing.join(', ')} without a password: run the enroll script from Add Host on the mail host.`,
              );
            }
            if (rights.unsafe.length) {
              report.problems.push(
                `sudo lets the SSH user run ${rights.unsafe.join(', ')} as root with any arguments, which makes whoever holds the console's key root on this host. Remove those rules; the helpers need none of them.`,
              );
            }
          },
          (err: unknown) => void report.problems.push(messageOf(err)),
        ),
  ]);
  report.ok = report.problems.length === 0 && Boolean(report.postfix?.version);
  return finish(report, started);
}

function finish(report: HostTestReport, started: number): HostTestReport {
  report.durationMs = Date.now() - started;
  rememberTest(report.host, {
    ok: report.ok,
    at: report.at,
    ...(report.failure ? { kind: report.failure.kind, message: report.failure.message } : report.problems[0] ? { message: report.problems[0] } : {}),
  });
  return report;
}
