import 'server-only';
import { Client } from 'ssh2';
import { classifyConnectFailure } from './classify';
import { hostKeyFingerprint } from './fingerprint';
import { type HostConfig, recordPendingHostKey } from './host-config';
import { HostError } from './host-error';
import { Limiter } from './limiter';

// One SSH connection per host, shared by every request and kept on globalThis
// (like the Prisma client) so dev reloads do not leak connections. A dropped
// connection is forgotten and the next command reconnects; a changed host
// row (new key, address, pin) gets a fresh connection.

const MAX_CHANNELS = 8; // below OpenSSH's default MaxSessions of 10
const READY_TIMEOUT_MS = 15_000;

type Entry = { version: string; client: Promise<Client>; live: Client | null };
type Pool = { entries: Map<string, Entry>; limiters: Map<string, Limiter> };

const globalForSsh = globalThis as unknown as { mailwardenSsh?: Pool };
const pool = (): Pool => (globalForSsh.mailwardenSsh ??= { entries: new Map(), limiters: new Map() });

export function limiterFor(host: string): Limiter {
  const { limiters } = pool();
  let limiter = limiters.get(host);
  if (!limiter) limiters.set(host, (limiter = new Limiter(MAX_CHANNELS)));
  return limiter;
}

export async function clientFor(cfg: HostConfig): Promise<Client> {
  const { entries } = pool();
  const current = entries.get(cfg.name);
  if (current && current.version === cfg.version) return current.client;
  if (current) retire(cfg.name, current);
  const entry: Entry = { version: cfg.version, client: Promise.resolve(null as unknown as Client), live: null };
  entry.client = connect(cfg).then(
    (client) => {
      entry.live = client;
      client.on('close', () => {
        if (entries.get(cfg.name) === entry) entries.delete(cfg.name);
      });
      return client;
    },
    (err: unknown) => {
      // Never cache a failure: the next command tries again.
      if (entries.get(cfg.name) === entry) entries.delete(cfg.name);
      throw err;
    },
  );
  entries.set(cfg.name, entry);
  return entry.client;
}

/** Forget a host's connection (after its row changed or was deleted). */
export function dropHostConnection(host: string): void {
  const entry = pool().entries.get(host);
  if (entry) retire(host, entry);
}

/** The connection died under us: the next clientFor() must not reuse it. */
export function forgetClient(host: string, client: Client): void {
  const entry = pool().entries.get(host);
  if (entry?.live === client) retire(host, entry);
}

function retire(host: string, entry: Entry) {
  pool().entries.delete(host);
  // Commands still running on the old connection finish first; it closes
  // when its last channel does.
  const client = entry.live;
  if (!client) return;
  retired.add(client);
  if ((openChannels.get(client) ?? 0) === 0) client.end();
}

const openChannels = new WeakMap<Client, number>();
const retired = new WeakSet<Client>();

/** Count a channel on a client; the returned function is called when it closes. */
export function trackChannel(client: Client): () => void {
  openChannels.set(client, (openChannels.get(client) ?? 0) + 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const left = (openChannels.get(client) ?? 1) - 1;
    openChannels.set(client, left);
    if (left === 0 && retired.has(client)) client.end();
  };
}

function connect(cfg: HostConfig): Promise<Client> {
  const address = `${cfg.address}:${cfg.port}`;
  return new Promise<Client>((resolve, reject) => {
    const client = new Client();
    let hostKey: { offered: string; pinned: string | null } | undefined;
    let pendingWrite: Promise<void> = Promise.resolve();
    let settled = false;
    const fail = (err: { message: string; code?: string; level?: string }) => {
      if (settled) return;
      settled = true;
      // The pending key must be stored before anyone reads the error.
      void pendingWrite.finally(() => {
        const f = classifyConnectFailure({ phase: 'connect', address, username: cfg.username, error: err, hostKey });
        reject(new HostError(f.kind, f.message, f.extra));
      });
      client.end();
    };
    client.on('error', (err: Error & { code?: string; level?: string }) => {
      if (!settled) fail(err);
      else console.warn(`[mailwarden] ssh ${cfg.name}: ${err.message}`);
    });
    client.once('ready', () => {
      settled = true;
      resolve(client);
    });
    client.once('close', () => fail({ message: 'the connection was closed by the host', code: 'EPIPE' }));
    let privateKey: string;
    try {
      privateKey = cfg.privateKey();
    } catch (err) {
      settled = true;
      reject(err);
      return;
    }
    try {
      client.connect({
        host: cfg.address,
        port: cfg.port,
        username: cfg.username,
        privateKey,
        readyTimeout: READY_TIMEOUT_MS,
        keepaliveInterval: 15_000,
        keepaliveCountMax: 3,
        hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
          const offered = hostKeyFingerprint(key);
          hostKey = { offered, pinned: cfg.hostKeySha256 };
          if (offered === cfg.hostKeySha256) return verify(true);
          // Unknown or changed: refuse, and keep what was offered for the
          // admin to compare out of band. The pin itself is never touched.
          pendingWrite = recordPendingHostKey(cfg.name, offered).catch((err: unknown) => {
            console.error(`[mailwarden] cannot record the pending host key of ${cfg.name}`, err);
          });
          void pendingWrite.then(() => verify(false));
        },
      });
    } catch (err) {
      // ssh2 throws synchronously on a key it cannot parse.
      settled = true;
      reject(new HostError('auth_refused', `The private key stored for host "${cfg.name}" cannot be used: ${(err as Error).message}`));
    }
  });
}
