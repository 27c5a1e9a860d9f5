import 'server-only';
import { parseMaillogLine } from '@/lib/postfix/maillog';
import { streamFromHost } from '@/lib/ssh/host-exec';
import { notFound } from '@/lib/errors';
import { queueIdOf } from './aggregate-trace';
import { hostLogPaths } from './host-source';
import { splitLines } from './line-splitter';
import type { TailEvent } from './schemas';

// The live tail: `tail -n N -F <log>` on the host, one Server-Sent Event per
// line. The SSH channel lives exactly as long as the browser listens: the
// request's abort signal (tab closed, EventSource closed) cancels it.

const HEARTBEAT_MS = 15_000;

export function toTailEvent(raw: string, now = Date.now()): TailEvent {
  const ev = parseMaillogLine(raw, { now });
  const queueId = queueIdOf(ev);
  return { time: ev.time ?? null, raw, kind: ev.kind, ...(queueId ? { queueId } : {}) };
}

export async function tailResponse(host: string, lines: number, signal: AbortSignal): Promise<Response> {
  const [path] = await hostLogPaths(host);
  if (!path) throw notFound(`A maillog path for host "${host}"`);
  const s = streamFromHost(host, { program: 'tail', args: ['-n', String(lines), '-F', '--', path] });
  const enc = new TextEncoder();
  let heartbeat: NodeJS.Timeout | undefined;
  const stop = () => {
    clearInterval(heartbeat);
    s.cancel();
  };
  signal.addEventListener('abort', stop, { once: true });
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(enc.encode(text));
        } catch {
          stop();
        }
      };
      send(`event: ready\ndata: ${JSON.stringify({ path })}\n\n`);
      heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
      try {
        for await (const batch of splitLines(s.stdout as AsyncIterable<Buffer>, { partial: 'keep' })) {
          send(batch.map((raw) => `data: ${JSON.stringify(toTailEvent(raw))}\n\n`).join(''));
        }
        const end = await s.done;
        if (!signal.aborted) send(`event: end\ndata: ${JSON.stringify({ exitCode: end.exitCode, stderr: end.stderr.slice(0, 300) })}\n\n`);
      } catch (err) {
        if (!signal.aborted) send(`event: failure\ndata: ${JSON.stringify({ message: (err as Error).message })}\n\n`);
      } finally {
        stop();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      }
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store, no-transform', 'x-accel-buffering': 'no' },
  });
}
