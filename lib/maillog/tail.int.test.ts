import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { TailEvent } from './schemas';
import { tailResponse } from './tail';

vi.mock('server-only', () => ({}));

// The live tail against the lab: a line Postfix writes now (postlog goes
// through postlogd into /var/log/maillog) reaches the stream, and closing
// the stream ends `tail -F` on the host.

const tailsOnHost = () => {
  try {
    return execFileSync('pgrep', ['-u', 'mailwarden', '-f', '^tail -n 3 -F'], { encoding: 'utf8' }).split('\n').filter(Boolean).length;
  } catch {
    return 0; // pgrep exits 1 when nothing matches
  }
};

async function readEvents(body: ReadableStream<Uint8Array>, until: (events: TailEvent[]) => boolean, timeoutMs = 20_000) {
  const reader = body.getReader();
  const dec = new TextDecoder();
  const events: TailEvent[] = [];
  let buf = '';
  const deadline = Date.now() + timeoutMs;
  while (!until(events) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let sep;
    while ((sep = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, sep);
      buf = buf.slice(sep + 2);
      if (/^event: /m.test(block) || block.startsWith(':')) continue;
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (data) events.push(JSON.parse(data) as TailEvent);
    }
  }
  reader.releaseLock();
  return events;
}

describe('live tail', () => {
  it('streams the last lines, then new ones as Postfix writes them, and stops tail on the host on abort', async () => {
    const abort = new AbortController();
    const res = await tailResponse('lab', 3, abort.signal);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // A busy log may already have written more by the time the first chunk arrives.
    const first = await readEvents(res.body!, (e) => e.length >= 3);
    expect(first.length).toBeGreaterThanOrEqual(3);
    expect(first.every((e) => typeof e.raw === 'string' && e.raw.length > 0)).toBe(true);
    expect(tailsOnHost()).toBe(1);

    const marker = `mailwarden-tail-${randomBytes(4).toString('hex')}`;
    execFileSync('postlog', ['-t', 'postfix/mailwarden-int', marker]);
    const more = await readEvents(res.body!, (e) => e.some((x) => x.raw.includes(marker)));
    const hit = more.find((x) => x.raw.includes(marker))!;
    expect(hit).toBeDefined();
    expect(Math.abs(Date.now() - hit.time!)).toBeLessThan(120_000);

    abort.abort();
    await res.body!.cancel().catch(() => undefined);
    for (let i = 0; i < 50 && tailsOnHost() > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(tailsOnHost()).toBe(0);
  });
});
