// Planting a big queue for the queue benchmarks, and taking it away again.
// The lab is shared: mail a run leaves behind breaks everyone's e2e tests,
// so what a run plants is removed in `finally`, by the ids the planter
// wrote to its manifest (kept on disk until they are deleted, so a run that
// dies half-way still leaves the list of what to remove).
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const QUEUES = 'incoming active deferred hold maildrop';
const SPOOL = '/var/spool/postfix';

/** Queue files in the spool (what the index should hold). */
export async function queueCount(): Promise<number> {
  const { stdout } = await run('bash', ['-c', `cd ${SPOOL} && find ${QUEUES} -type f 2>/dev/null | wc -l`]);
  return Number(stdout.trim());
}

export async function postsuperDelete(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await new Promise<void>((resolve, reject) => {
    const p = spawn('postsuper', ['-d', '-'], { stdio: ['pipe', 'ignore', 'ignore'] });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`postsuper -d - exited ${code}`))));
    p.stdin.end(ids.join('\n') + '\n');
  });
}

export class Planted {
  readonly ids: string[] = [];
  private readonly manifests: string[] = [];
  private n = 0;

  constructor(private readonly tag: string) {}

  /** Plants n messages (scripts/lab bigqueue); every id written is remembered, also when planting fails half-way. */
  async add(n: number): Promise<void> {
    const manifest = `/tmp/mw-bench-${this.tag}-${process.pid}-${this.n++}.jsonl`;
    this.manifests.push(manifest);
    try {
      await run('bash', ['scripts/lab', 'bigqueue', String(n), '--manifest', manifest], { maxBuffer: 1 << 26 });
    } finally {
      const text = existsSync(manifest) ? readFileSync(manifest, 'utf8') : '';
      // A loop, not push(...ids): 300,000 arguments overflow the stack.
      for (const l of text.split('\n')) if (l.trim()) this.ids.push((JSON.parse(l) as { id: string }).id);
    }
  }

  /** Deletes every planted message (postsuper ignores ids already gone), then the manifests. */
  async remove(): Promise<Cleanup> {
    await postsuperDelete(this.ids);
    for (const m of this.manifests) rmSync(m, { force: true });
    return { planted: this.ids.length, queueFilesNow: await queueCount() };
  }
}

export type Cleanup = { planted: number; queueFilesNow: number };

/** Plants up to `messages` queue files, runs f, and always removes what it planted. */
export async function withPlanted<T extends object>(messages: number, tag: string, f: (p: Planted) => Promise<T>): Promise<T & { cleanup: Cleanup }> {
  const p = new Planted(tag);
  let value: T;
  try {
    const before = await queueCount();
    if (before < messages) await p.add(messages - before);
    value = await f(p);
  } catch (err) {
    await p
      .remove()
      .catch((e: unknown) => console.error(`[bench] could not remove the planted messages (ids in /tmp/mw-bench-${tag}-${process.pid}-*.jsonl):`, e));
    throw err;
  }
  return { ...value, cleanup: await p.remove() };
}
