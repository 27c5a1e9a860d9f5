// Test helper for the lab (run as root): plants messages whose logins, IPs
// and sender domains belong to this run only, written as queue files by the
// bigqueue writer, so filters built from them can never touch anyone
// else's mail on the shared lab. Also reads the spool directly (id -> queue)
// as a ground truth that shares nothing with the index or the reader.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, rm, utimes } from 'node:fs/promises';
import { createCast, planMessage } from './population';
import { createRng } from './random';
import { prepareQueueDirs, writeMessage, type WriteTarget } from './writer';
import { queueDir } from './queue-id';

export const SPOOL_QUEUES = ['incoming', 'active', 'deferred', 'hold', 'maildrop'] as const;

export interface PlantedMessage {
  id: string;
  queue: 'deferred' | 'hold';
  sender: string;
  saslUser: string | null;
  clientIp: string | null;
}

export interface Plant {
  tag: string;
  logins: string[];
  ips: string[];
  /** Forged sender domains, then the logins' own domains. */
  senderDomains: string[];
  messages: PlantedMessage[];
}

// configDir: another Postfix instance of the lab (scripts/lab fleet), as `postconf -c` names it.
const postconf = (names: string[], configDir?: string) =>
  execFileSync('postconf', [...(configDir ? ['-c', configDir] : []), '-h', ...names], { encoding: 'utf8' })
    .trim()
    .split('\n');

/** The queue directory of the lab's Postfix, or of the instance configDir. */
export const queueDirectoryOf = (configDir?: string): string => postconf(['queue_directory'], configDir)[0] ?? '/var/spool/postfix';

/** Where and as whom queue files are written on this machine (the lab's Postfix, or the instance configDir). */
export async function writeTarget(configDir?: string): Promise<WriteTarget> {
  const [spool = '/var/spool/postfix', hashNames = '', depth = '1', myhostname = 'mail.example.com'] = postconf(
    ['queue_directory', 'hash_queue_names', 'hash_queue_depth', 'myhostname'],
    configDir,
  );
  const t: WriteTarget = {
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
    uid: Number(execFileSync('id', ['-u', 'postfix'], { encoding: 'utf8' })),
    gid: Number(execFileSync('id', ['-g', 'postfix'], { encoding: 'utf8' })),
    myhostname,
    serverAddress: '127.0.0.1',
    tmpDir: `${spool}/mailwarden-actions-tmp-${process.pid}`,
    // qmgr reads a deferred file's mtime as its next retry: a day ahead keeps Postfix off them.
    retryAtSec: Math.floor(Date.now() / 1000) + 86400,
  };
  await prepareQueueDirs(t, ['deferred', 'defer', 'hold']);
  return t;
}

export async function plantTagged(
  n: number,
  seed = Date.now() % 2 ** 31,
  opts: { holdShare?: number; logins?: number; configDir?: string } = {},
): Promise<Plant> {
  const holdShare = opts.holdShare ?? 0.3;
  const rng = createRng(seed);
  const tag = `mw${randomBytes(4).toString('hex')}`;
  const logins = Array.from({ length: opts.logins ?? 6 }, (_, k) => `u${k}@d${k % 3}.${tag}.test`);
  const [a, b] = [rng.int(1, 254), rng.int(1, 254)];
  const ips = Array.from({ length: 4 }, (_, k) => `10.${a}.${b}.${k + 1}`);
  const forged = Array.from({ length: 3 }, (_, k) => `f${k}.${tag}.test`);
  const own = [...new Set(logins.map((l) => l.split('@')[1]!))];
  const t = await writeTarget(opts.configDir);
  const now = Math.floor(Date.now() / 1000);
  const messages: PlantedMessage[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const r = rng.next();
      const queue = rng.next() < holdShare ? 'hold' : 'deferred';
      const login = rng.pick(logins);
      const bounce = r < 0.1;
      const sender = bounce ? '' : r < 0.5 ? login : `s${rng.int(1, 99)}@${rng.pick(forged)}`;
      const plan = {
        kind: 'botnet' as const,
        queue: queue as 'deferred' | 'hold',
        arrival: { sec: now - rng.int(60, 7200), usec: rng.int(0, 999_999) },
        sender,
        sasl: bounce ? null : { method: 'LOGIN', username: login },
        client: bounce ? null : { address: rng.pick(ips), port: rng.int(1025, 65535), name: 'unknown', helo: 'pc' },
        recipients: Array.from({ length: rng.int(1, 3) }, (_, j) => `r${i}.${j}@rcpt.${tag}.test`),
        subject: `exactness ${tag} ${i}`,
        targetSize: 800,
      };
      const { id } = await writeMessage(plan, t, rng);
      // Held files too get a future mtime: a release keeps it, so released mail is not retried mid-test.
      if (queue === 'hold') await utimes(`${queueDir(t.layout, 'hold', id)}${id}`, t.retryAtSec, t.retryAtSec);
      messages.push({ id, queue, sender, saslUser: plan.sasl?.username ?? null, clientIp: plan.client?.address ?? null });
    }
  } finally {
    await rm(t.tmpDir, { recursive: true, force: true });
  }
  return { tag, logins, ips, senderDomains: [...forged, ...own], messages };
}

/** id -> queue for every message file in the spool (hashed subdirectories included). */
export async function spoolListing(spool = postconf(['queue_directory'])[0] ?? '/var/spool/postfix'): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (queue: string, dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.isDirectory()) await walk(queue, `${dir}/${e.name}`);
      else out.set(e.name, queue);
    }
  };
  for (const q of SPOOL_QUEUES) await walk(q, `${spool}/${q}`);
  return out;
}

/** Deletes by id, locally, ids on stdin (test cleanup); configDir: from that instance's queue. */
export function removeLocally(ids: readonly string[], configDir?: string): void {
  if (ids.length === 0) return;
  execFileSync('postsuper', [...(configDir ? ['-c', configDir] : []), '-d', '-'], { input: `${ids.join('\n')}\n`, stdio: ['pipe', 'ignore', 'ignore'] });
}

/** Wakes pickup so requeued files leave maildrop now, not at its next minute. */
export function kickPickup(): void {
  execFileSync('postkick', ['public', 'pickup', 'W'], { stdio: 'ignore' });
}

/** id -> queue as `postqueue -j` lists it (showq); slow on a very large queue. */
export function postqueueListing(): Map<string, string> {
  const out = new Map<string, string>();
  const text = execFileSync('postqueue', ['-j'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  for (const line of text.split('\n')) {
    if (!line) continue;
    const m = JSON.parse(line) as { queue_id: string; queue_name: string };
    out.set(m.queue_id, m.queue_name);
  }
  return out;
}

/** Moves deferred files' next retry a day ahead (as bigqueue does), so qmgr leaves them alone mid-test. */
export async function postponeRetry(ids: readonly string[]): Promise<void> {
  const [spool = '/var/spool/postfix', hashNames = '', depth = '1'] = postconf(['queue_directory', 'hash_queue_names', 'hash_queue_depth']);
  const layout = {
    spool,
    hashed: new Set(
      hashNames
        .toLowerCase()
        .split(/[\s,]+/)
        .filter(Boolean),
    ),
    depth: Number(depth),
  };
  const at = Math.floor(Date.now() / 1000) + 86400;
  for (const id of ids) await utimes(`${queueDir(layout, 'deferred', id)}${id}`, at, at).catch(() => undefined);
}

/** Messages of the incident's attacker kind only (the stolen login from the attacker IP, forged senders), deferred. */
export async function plantAttackerMail(n: number, seed = Date.now() % 2 ** 31): Promise<string[]> {
  const t = await writeTarget();
  const rng = createRng(seed);
  const cast = createCast(rng, 300_000);
  const now = Math.floor(Date.now() / 1000);
  const ids: string[] = [];
  try {
    for (let i = 0; i < n; i++) ids.push((await writeMessage({ ...planMessage('attacker', cast, rng, now), queue: 'deferred' }, t, rng)).id);
  } finally {
    await rm(t.tmpDir, { recursive: true, force: true });
  }
  return ids;
}
