import 'server-only';
import { PassThrough } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { abortChannel, channelEnd, collectStderr, connectionLost, feedStdin, isDeadConnection, openExec, timeoutError } from './channel';
import { classifyCommandOutcome } from './classify';
import { buildRemoteCommand, describeCommand, type HostCommand, validateCommand } from './command';
import { clientFor, forgetClient, limiterFor, trackChannel } from './connection';
import { loadHostConfig } from './host-config';
import { HostError } from './host-error';

// Run Postfix tools and a few helpers on a mail host over the pooled SSH
// connection: exec (buffered, time- and size-limited) and streaming.

export type { HostCommand, PostfixProgram } from './command';
export { HostError, isHostError, type HostErrorKind } from './host-error';
export { dropHostConnection } from './connection';

export type ExecOptions = { stdin?: string | Buffer; timeoutMs?: number; maxOutputBytes?: number; configDir?: boolean };
export type ExecResult = { exitCode: number | null; stdout: string; stderr: string };

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;

type Opened = { channel: ClientChannel; what: string; release: () => void };

async function open(hostName: string, cmd: HostCommand, configDir?: boolean): Promise<Opened> {
  validateCommand(cmd);
  const cfg = await loadHostConfig(hostName);
  const target = { useSudo: cfg.useSudo, postfixConfigDir: cfg.postfixConfigDir };
  const command = buildRemoteCommand(cmd, target, { configDir });
  const what = describeCommand(cmd, target);
  const releaseSlot = await limiterFor(hostName).acquire();
  try {
    for (let attempt = 0; ; attempt++) {
      const client = await clientFor(cfg);
      try {
        const channel = await openExec(client, command);
        const untrack = trackChannel(client);
        const release = () => {
          untrack();
          releaseSlot();
        };
        channel.once('close', release);
        return { channel, what, release };
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
  const { channel, what } = await open(hostName, cmd, opts.configDir);
  const ended = channelEnd(channel);
  const stderr = collectStderr(channel);
  const stdout: Buffer[] = [];
  let size = 0;
  let abortedWith: HostError | null = null;
  const abort = (err: HostError) => {
    abortedWith ??= err;
    abortChannel(channel);
  };
  channel.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxOutput) abort(new HostError('output_too_large', `"${what}" wrote more than ${maxOutput} bytes; stopped.`));
    else stdout.push(chunk);
  });
  const timer = setTimeout(() => abort(timeoutError(what, timeoutMs)), timeoutMs);
  feedStdin(channel, opts.stdin);
  const end = await ended;
  clearTimeout(timer);
  if (abortedWith) throw abortedWith;
  if (!end.exited) throw connectionLost(hostName, what);
  const result = { exitCode: end.exitCode, stdout: Buffer.concat(stdout).toString('utf8'), stderr: stderr() };
  const failure = failureOf(what, result.exitCode, result.stderr);
  if (failure) throw failure;
  return result;
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
export function streamFromHost(hostName: string, cmd: HostCommand, opts: { stdin?: string | Buffer; timeoutMs?: number; configDir?: boolean } = {}): HostStream {
  validateCommand(cmd);
  const stdout = new PassThrough();
  let cancelled = false;
  let channel: ClientChannel | undefined;
  const done = (async () => {
    try {
      const opened = await open(hostName, cmd, opts.configDir);
      channel = opened.channel;
      const ended = channelEnd(channel);
      const stderr = collectStderr(channel);
      channel.pipe(stdout);
      let timedOut = false;
      const timer = opts.timeoutMs
        ? setTimeout(() => {
            timedOut = true;
            if (channel) abortChannel(channel);
          }, opts.timeoutMs)
        : undefined;
      if (cancelled) abortChannel(channel);
      feedStdin(channel, opts.stdin);
      const end = await ended;
      clearTimeout(timer);
      if (cancelled) return { exitCode: null, stderr: stderr() };
      if (timedOut) throw timeoutError(opened.what, opts.timeoutMs ?? 0);
      if (!end.exited) throw connectionLost(hostName, opened.what);
      const failure = failureOf(opened.what, end.exitCode, stderr());
      if (failure) throw failure;
      return { exitCode: end.exitCode, stderr: stderr() };
    } finally {
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
      if (channel) abortChannel(channel);
    },
  };
}
