// Planting a big queue into one Postfix instance of the lab's fleet
// (scripts/lab bigqueue --config-dir), and taking it away again by the ids
// the planter wrote to its manifest: what a run plants is removed in
// `finally`, and a run that dies half-way still leaves the list on disk.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { queueDirectoryOf } from '../lab-bigqueue/plant';

const run = promisify(execFile);

/** Queue files of the instance (what its index should hold). */
export async function instanceQueueCount(configDir: string): Promise<number> {
  const { stdout } = await run('bash', [
    '-c',
    'cd "$1" && find incoming active deferred hold maildrop -type f 2>/dev/null | wc -l',
    'count',
    queueDirectoryOf(configDir),
  ]);
  return Number(stdout.trim());
}

export class InstancePlanted {
  readonly ids: string[] = [];
  private readonly manifests: string[] = [];

  constructor(
    readonly configDir: string,
    private readonly tag: string,
  ) {}

  async add(n: number): Promise<void> {
    const manifest = `/tmp/mw-bench-${this.tag}-${process.pid}-${this.manifests.length}.jsonl`;
    this.manifests.push(manifest);
    try {
      await run('bash', ['scripts/lab', 'bigqueue', String(n), '--config-dir', this.configDir, '--manifest', manifest], { maxBuffer: 1 << 26 });
    } finally {
      const text = existsSync(manifest) ? readFileSync(manifest, 'utf8') : '';
      // A loop, not push(...ids): 300,000 arguments overflow the stack.
      for (const l of text.split('\n')) if (l.trim()) this.ids.push((JSON.parse(l) as { id: string }).id);
    }
  }

  /** Deletes every planted message from this instance (postsuper ignores ids already gone), then the manifests. */
  async remove(): Promise<{ configDir: string; planted: number; queueFilesNow: number }> {
    if (this.ids.length) {
      await new Promise<void>((resolve, reject) => {
        const p = spawn('postsuper', ['-c', this.configDir, '-d', '-'], { stdio: ['pipe', 'ignore', 'ignore'] });
        p.on('error', reject);
        p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`postsuper -c ${this.configDir} -d - exited ${code}`))));
        p.stdin.end(this.ids.join('\n') + '\n');
      });
    }
    for (const m of this.manifests) rmSync(m, { force: true });
    return { configDir: this.configDir, planted: this.ids.length, queueFilesNow: await instanceQueueCount(this.configDir) };
  }
}
