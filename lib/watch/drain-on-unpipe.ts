// lib/ssh's streamFromHost, when cancelled or timed out, unpipes the SSH
// channel and leaves it paused with unread data: ssh2 then never emits
// 'close', and the host's channel slot (8 per host) is never given back —
// after eight stopped streams every command to that host waits forever.
// Resuming the channel as it is unpiped lets it drain and close.
// (Reported for lib/ssh; harmless once fixed there.)
export function drainOnUnpipe(stdout: NodeJS.ReadableStream): void {
  stdout.on('unpipe', (source: NodeJS.ReadableStream) => source.resume());
}
