import 'server-only';
import { Readable } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { HostError } from './host-error';

// Low-level pieces of one SSH exec channel: open it, feed stdin, collect its
// output under a time and size limit.

const STDIN_CHUNK = 64 * 1024;
const STDERR_CAP = 1024 * 1024;

// The connection was already gone when we asked: safe to retry on a new one,
// since the command never started.
export const isDeadConnection = (err: unknown) =>
  err instanceof Error && /Not connected|No response from server|socket.*(closed|ended)|This socket has been ended/i.test(err.message);

export type OpenChannel = { channel: ClientChannel; ended: Promise<ChannelEnd>; stderr: () => string };

/**
 * Opens an exec channel. The exit status and stderr are watched from inside
 * ssh2's callback: a short command's output, exit status and close can
 * arrive in the same packet, before any awaiting code runs.
 */
export function openExec(client: Client, command: string): Promise<OpenChannel> {
  return new Promise((resolve, reject) => {
    try {
      client.exec(command, (err, channel) => {
        if (err) return reject(err);
        resolve({ channel, ended: channelEnd(channel), stderr: collectStderr(channel) });
      });
    } catch (err) {
      reject(err);
    }
  });
}

function* chunks(data: Buffer) {
  for (let i = 0; i < data.length; i += STDIN_CHUNK) yield data.subarray(i, i + STDIN_CHUNK);
}

/** Writes stdin with back-pressure, then EOF; without stdin, EOF at once so readers of stdin never hang. */
export function feedStdin(channel: ClientChannel, stdin?: string | Buffer) {
  if (stdin === undefined || stdin.length === 0) {
    channel.end();
    return;
  }
  const data = typeof stdin === 'string' ? Buffer.from(stdin, 'utf8') : stdin;
  const source = Readable.from(chunks(data));
  // A remote command may exit without reading all of it: that is its answer, not our error.
  channel.on('error', () => source.destroy());
  source.pipe(channel);
}

export type ChannelEnd = { exitCode: number | null; signal?: string; exited: boolean };

/**
 * Resolves once the channel and its stderr are closed (ssh2 closes them only
 * after their last data was read), with the exit status if the host sent one.
 */
export function channelEnd(channel: ClientChannel): Promise<ChannelEnd> {
  const end: ChannelEnd = { exitCode: null, exited: false };
  channel.on('exit', (code: number | null, signal?: string) => {
    end.exited = true;
    end.exitCode = typeof code === 'number' ? code : null;
    if (signal) end.signal = signal;
  });
  const closed = (stream: NodeJS.EventEmitter) => new Promise<void>((resolve) => stream.once('close', () => resolve()));
  return Promise.all([closed(channel), closed(channel.stderr)]).then(() => end);
}

export function collectStderr(channel: ClientChannel): () => string {
  const parts: Buffer[] = [];
  let size = 0;
  channel.stderr.on('data', (chunk: Buffer) => {
    if (size >= STDERR_CAP) return;
    parts.push(chunk);
    size += chunk.length;
  });
  return () => Buffer.concat(parts).toString('utf8');
}

type ChannelInternals = { outgoing?: { id: number; state: string }; _client?: { _protocol?: { signal(id: number, name: string): void } } };

/**
 * Stops a remote command: SIGKILL (OpenSSH ≥ 7.9 delivers it), then close.
 * ssh2's public signal() refuses once stdin is closed, which is always the
 * case here, so the request goes through its protocol object directly.
 */
export function abortChannel(channel: ClientChannel) {
  const c = channel as unknown as ChannelInternals;
  try {
    // Only before our own CHANNEL_CLOSE: sshd frees a channel once both sides
    // closed it, and a request for a freed channel makes it drop the whole
    // connection ("unknown channel").
    const state = c.outgoing?.state;
    if (c.outgoing && (state === 'open' || state === 'eof') && c._client?._protocol) c._client._protocol.signal(c.outgoing.id, 'KILL');
  } catch {
    // A server without signal support still gets the close below.
  }
  channel.close();
}

export function timeoutError(command: string, ms: number) {
  return new HostError('timeout', `"${command}" did not finish within ${Math.round(ms / 1000)} s and was stopped.`);
}

export function connectionLost(host: string, command: string) {
  return new HostError('unreachable', `The SSH connection to ${host} was lost while running "${command}".`);
}
