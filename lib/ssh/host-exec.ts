import 'server-only';
import { PassThrough } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { abortChannel, connectionLost, feedStdin, isDeadConnection, openExec, type OpenChannel, timeoutError } from './channel';
import { classifyCommandOutcome } from './classify';
import { buildRemoteCommand, describeCommand, type HostCommand, validateCommand } from './command';
import { clientFor, forgetClient, limiterFor, trackChannel } from './connection';
import { loadHostConfig } from './host-config';
import { HostError } from './host-error';

// Run Mailwarden's helpers and a few read-only programs on a mail host over the pooled SSH
// connection: exec (buffered, time- and size-limited) and streaming.

export type { HostCommand } from './command';
export { HostError, isHostError, type HostErrorKind } from './host-error';
export { classifyHostFailure } from './classify';
export { dropHostConnection } from './connection';

export type ExecOptions = { stdin?: string | Buffer; timeoutMs?: number; maxOutputBytes?: number };
export type ExecResult = { exitCode: number | null; stdout: string; stderr: string };

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;

type Opened = OpenChannel & { what: string };

async function open(hostName: string, cmd: HostCommand): Promise<Opened> {
  validateCommand(cmd);
  const cfg = await loadHostConfig(hostName);
  const target = { useSudo: cfg.useSudo, postfixConfigDir: cfg.postfixConfigDir };
  const command = buildRemoteCommand(cmd, target);
  const what = describeCommand(cmd, target);
  const releaseSlot = await limiterFor(hostName).acquire();
  try {
    for (let attempt = 0; ; attempt++) {
      const client = await clientFor(cfg);
      try {
        const opened = await openExec(client, command);
        const untrack = trackChannel(client);
        opened.channel.once('close', () => {
          untrack();
          releaseSlot();
        });
        return { ...opened, what };
      } catch (err) {
        if (attempt === 0 && isDeadConnection(err)) {
          forgetClient(hostName, client);
          continue;
        }
        throw new HostError('unreachable', `${hostName} refused a new SSH channel for "${what}": ${(err as Error).message}`);
      }
    }
  } catch (err) {
    releaseSlot();
    throw err;
  }
}

function failureOf(what: string, exitCode: number | null, stderr: string): HostError | null {
  const f = classifyCommandOutcome({ phase: 'command', command: what, exitCode, stderr });
  return f ? new HostError(f.kind, f.message, f.extra) : null;
}

export async function execOnHost(hostName: string, cmd: HostCommand, opts: ExecOptions = {}): Promise<ExecResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxOutput = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const { channel, ended, stderr, what } = await open(hostName, cmd);
  const stdout: Buffer[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  // Settles as soon as we give up: a killed command's channel may close late.
  const aborted = new Promise<never>((_, reject) => {
    let stopped = false;
    const abort = (err: HostError) => {
      if (stopped) return;
      stopped = true;
      abortChannel(channel);
      reject(err);
    };
    channel.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxOutput) abort(new HostError('output_too_large', `"${what}" wrote more than ${maxOutput} bytes; stopped.`));
      else stdout.push(chunk);
    });
    timer = setTimeout(() => abort(timeoutError(what, timeoutMs)), timeoutMs);
  });
  feedStdin(channel, opts.stdin);
  try {
    const end = await Promise.race([ended, aborted]);
    if (!end.exited) throw connectionLost(hostName, what);
    const result = { exitCode: end.exitCode, stdout: Buffer.concat(stdout).toString('utf8'), stderr: stderr() };
    const failure = failureOf(what, result.exitCode, result.stderr);
    if (failure) throw failure;
    return result;
  } finally {
    clearTimeout(timer);
    aborted.catch(() => undefined);
  }
}

export type HostStream = {
  stdout: NodeJS.ReadableStream;
  done: Promise<{ exitCode: number | null; stderr: string }>;
  cancel(): void;
};

/**
 * Output as a stream, no size cap. `done` settles when the command ends;
 * cancel() stops it and `done` then resolves with exitCode null. Read stdout
 * to the end (back-pressure holds the remote command otherwise).
 */
// stdin may be a function: it is called once the command has started, so a
// large input is built while the host starts the command (sudo, the program).
type LazyInput = string | Buffer | (() => string | Buffer);

export function streamFromHost(hostName: string, cmd: HostCommand, opts: { stdin?: LazyInput; timeoutMs?: number } = {}): HostStream {
  validateCommand(cmd);
  const stdout = new PassThrough();
  let stop: (why: 'cancelled' | 'timeout') => void = () => undefined;
  const stopped = new Promise<'cancelled' | 'timeout'>((resolve) => (stop = resolve));
  let cancelled = false;
  const done = (async () => {
    let channel: ClientChannel | undefined;
    try {
      const opened = await open(hostName, cmd);
      channel = opened.channel;
      channel.pipe(stdout);
      const timer = opts.timeoutMs ? setTimeout(() => stop('timeout'), opts.timeoutMs) : undefined;
      if (cancelled) stop('cancelled');
      feedStdin(channel, typeof opts.stdin === 'function' ? opts.stdin() : opts.stdin);
      const end = await Promise.race([opened.ended, stopped]);
      clearTimeout(timer);
      if (end === 'cancelled') return { exitCode: null, stderr: opened.stderr() };
      if (end === 'timeout') throw timeoutError(opened.what, opts.timeoutMs ?? 0);
      if (!end.exited) throw connectionLost(hostName, opened.what);
      const failure = failureOf(opened.what, end.exitCode, opened.stderr());
      if (failure) throw failure;
      return { exitCode: end.exitCode, stderr: opened.stderr() };
    } finally {
      // Stopped early: detach before ending, so late output is not written after the end.
      if (channel && !stdout.writableEnded) {
        channel.unpipe(stdout);
        abortChannel(channel);
      }
      if (!stdout.writableEnded) stdout.end();
    }
  })();
  // Callers that only read stdout must not crash the process on a failure.
  done.catch(() => undefined);
  return {
    stdout,
    done,
    cancel() {
      cancelled = true;
      stop('cancelled');
    },
  };
}
