import { request as httpRequest } from 'node:http';
import type { FuzzRequest } from './generate';
import type { Identity } from './identities';

// Sends requests a few at a time and keeps what the assertions need: the
// status of each, and the text of the postmaster's successful answers.

export type Outcome = { identity: string; req: FuzzRequest; status: number; text?: string; error?: string; ms: number };

const KEEP_TEXT = /^\/api\/(mailboxes|audit|alerts|incidents|dashboard)/;

/** The last guard: an object body without a key a route declares could be a valid action. */
function refuseValidLooking(req: FuzzRequest): void {
  if (req.method === 'GET' || !req.body || req.body.type !== 'application/json') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.text);
  } catch {
    return;
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.keys(parsed).length === 0)
    throw new Error(`refusing to send {} to ${req.op}`);
}

/** fetch() refuses TRACE and TRACK itself; node:http sends them. */
function sendRaw(baseURL: string, who: Identity, req: FuzzRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = httpRequest(baseURL + req.path, { method: req.method, headers: who.headers, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    r.on('error', reject).on('timeout', () => r.destroy(new Error('timeout')));
    r.end();
  });
}

async function send(baseURL: string, who: Identity, req: FuzzRequest): Promise<Outcome> {
  refuseValidLooking(req);
  const started = Date.now();
  if (req.method === 'TRACE' || req.method === 'TRACK') {
    const status = await sendRaw(baseURL, who, req).catch(() => 0);
    return { identity: who.name, req, status, ms: Date.now() - started };
  }
  try {
    const res = await fetch(baseURL + req.path, {
      method: req.method,
      headers: { ...who.headers, ...(req.body ? { 'content-type': req.body.type } : {}) },
      body: req.body?.text,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    // A live tail never ends: its headers are the answer.
    const streaming = res.headers.get('content-type')?.startsWith('text/event-stream');
    const keep = who.postmaster && res.ok && KEEP_TEXT.test(req.path);
    const text = streaming ? (await res.body?.cancel(), '') : keep ? await res.text() : (await res.arrayBuffer(), undefined);
    return { identity: who.name, req, status: res.status, ...(keep ? { text } : {}), ms: Date.now() - started };
  } catch (err) {
    return { identity: who.name, req, status: 0, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err), ms: Date.now() - started };
  }
}

export async function runAll(baseURL: string, jobs: { who: Identity; req: FuzzRequest }[], concurrency = 6): Promise<Outcome[]> {
  const out: Outcome[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await send(baseURL, jobs[i]!.who, jobs[i]!.req);
      }
    }),
  );
  return out;
}

export function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.status === 0 ? 'no answer' : `${o.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
