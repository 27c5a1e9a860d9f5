// `scripts/lab bigqueue N [--manifest FILE] [--seed S] [--parallel P] [--config-dir DIR]`
// Writes N messages straight into the Postfix queue as queue files, shaped
// like the incident, because SMTP injection is far too slow for 300k (LAB.md).
// Run as root: the files must belong to postfix.
// Deferred files get an mtime in the future (qmgr's next-retry time), so
// Postfix leaves them alone -- until a flush (`postqueue -f`, `sendmail -q`)
// asks qmgr to ignore those times; then it works through all of them.
// --config-dir: the queue of another Postfix instance (scripts/lab fleet),
// its queue_directory and layout as `postconf -c DIR` gives them.
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createCast, kindsFor, planMessage, type Kind, type QueueName } from './lab-bigqueue/population';
import { createRng } from './lab-bigqueue/random';
import { prepareQueueDirs, writeMessage, type WriteTarget } from './lab-bigqueue/writer';

const Options = z.object({
  count: z.coerce.number().int().positive().max(5_000_000),
  manifest: z.string().min(1).optional(),
  seed: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(() => Date.now() % 2 ** 31),
  parallel: z.coerce.number().int().min(1).max(512).default(32),
  retryHours: z.coerce.number().positive().default(24),
  configDir: z
    .string()
    .regex(/^\/[A-Za-z0-9_.+/-]+$/)
    .optional(),
});

function parseOptions(argv: string[]): z.infer<typeof Options> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      manifest: { type: 'string' },
      seed: { type: 'string' },
      parallel: { type: 'string' },
      'retry-hours': { type: 'string' },
      'config-dir': { type: 'string' },
    },
  });
  const parsed = Options.safeParse({
    count: positionals[0],
    manifest: values.manifest,
    seed: values.seed,
    parallel: values.parallel,
    retryHours: values['retry-hours'],
    configDir: values['config-dir'],
  });
  if (!parsed.success) {
    console.error('usage: scripts/lab bigqueue N [--manifest FILE] [--seed S] [--parallel P] [--retry-hours H] [--config-dir DIR]');
    console.error(z.prettifyError(parsed.error));
    process.exit(2);
  }
  return parsed.data;
}

const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' }).trim();

function postconf(names: string[], configDir?: string): string[] {
  return run('postconf', [...(configDir ? ['-c', configDir] : []), '-h', ...names]).split('\n');
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  if (process.getuid?.() !== 0) throw new Error('bigqueue must run as root (queue files belong to postfix): sudo scripts/lab bigqueue N');
  const [spool = '/var/spool/postfix', hashNames = '', depth = '1', myhostname = 'mail.example.com'] = postconf(
    ['queue_directory', 'hash_queue_names', 'hash_queue_depth', 'myhostname'],
    opts.configDir,
  );
  const target: WriteTarget = {
    layout: {
      spool,
      hashed: new Set(
        hashNames
          .toLowerCase()
          .split(/[\s,]+/)
          .filter(Boolean),
      ),
      depth: Number(depth),
    },
    uid: Number(run('id', ['-u', 'postfix'])),
    gid: Number(run('id', ['-g', 'postfix'])),
    myhostname,
    serverAddress: '127.0.0.1',
    tmpDir: `${spool}/mailwarden-lab-tmp`,
    retryAtSec: Math.floor(Date.now() / 1000 + opts.retryHours * 3600),
  };
  await prepareQueueDirs(target, ['deferred', 'defer', 'hold']);

  const rng = createRng(opts.seed);
  const nowSec = Math.floor(Date.now() / 1000);
  const cast = createCast(rng, opts.count);
  const kinds = kindsFor(opts.count, rng);
  const manifest = opts.manifest ? createWriteStream(opts.manifest, { flags: 'a' }) : null;
  const tally = new Map<string, number>();
  const started = Date.now();
  let next = 0;
  let done = 0;
  let lastReport = started;
  let drained: Promise<void> | null = null;

  const worker = async (): Promise<void> => {
    for (let i = next++; i < opts.count; i = next++) {
      const kind = kinds[i] as Kind;
      // One generator per message keeps the output a function of (seed, i)
      // however the parallel writes interleave.
      const msgRng = createRng((opts.seed * 7919 + i) >>> 0);
      const plan = planMessage(kind, cast, msgRng, nowSec);
      const { id, size } = await writeMessage(plan, target, msgRng);
      const key = `${kind}/${plan.queue}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      if (manifest) {
        const line = {
          id,
          queue: plan.queue satisfies QueueName,
          kind,
          sender: plan.sender,
          saslUser: plan.sasl?.username ?? null,
          clientIp: plan.client?.address ?? null,
          helo: plan.client?.helo ?? null,
          recipients: plan.recipients,
          size,
          arrival: plan.arrival.sec,
        };
        if (!manifest.write(`${JSON.stringify(line)}\n`)) {
          // All workers wait on one drain instead of each adding a listener.
          drained ??= new Promise<void>((r) =>
            manifest.once('drain', () => {
              drained = null;
              r();
            }),
          );
          await drained;
        }
      }
      done++;
      if (Date.now() - lastReport >= 2000) {
        lastReport = Date.now();
        const rate = Math.round(done / ((lastReport - started) / 1000));
        console.log(`[bigqueue] ${done}/${opts.count} written (${rate} msg/s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.parallel }, worker));
  if (manifest) await new Promise<void>((resolve) => manifest.end(resolve));
  await rm(target.tmpDir, { recursive: true, force: true });

  const secs = (Date.now() - started) / 1000;
  console.log(`[bigqueue] ${done} messages in ${secs.toFixed(1)} s (${Math.round(done / secs)} msg/s), seed ${opts.seed}`);
  for (const [key, n] of [...tally].sort()) console.log(`  ${key.padEnd(22)} ${n}`);
  if (opts.manifest) console.log(`[bigqueue] manifest: ${opts.manifest}`);
}

main().catch((err: unknown) => {
  console.error(`[bigqueue] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
