import 'server-only';
import { createHash } from 'node:crypto';
import mysql from 'mysql2/promise';
import { env } from '@/lib/env';

// One watcher per host across every console process: a MariaDB named lock
// per host, held on one dedicated connection for as long as this process
// watches. If that connection drops, MariaDB frees the locks and every
// watch of this process must stop (onLost), so another process can take over.

export function lockName(host: string): string {
  const name = `mailwarden-watch-${host}`;
  // MariaDB refuses lock names over 64 characters.
  return name.length <= 64 ? name : `mailwarden-watch-${createHash('sha256').update(host).digest('hex').slice(0, 40)}`;
}

export class WatchLocks {
  private conn: mysql.Connection | null = null;
  private connecting: Promise<mysql.Connection> | null = null;
  readonly held = new Set<string>();

  constructor(private readonly onLost: () => void) {}

  private async connection(): Promise<mysql.Connection> {
    if (this.conn) return this.conn;
    this.connecting ??= mysql.createConnection({ uri: env().MW_DATABASE_URL, enableKeepAlive: true }).then(
      (c) => {
        c.on('error', () => this.lost(c));
        c.on('end', () => this.lost(c));
        this.conn = c;
        this.connecting = null;
        return c;
      },
      (err: unknown) => {
        this.connecting = null;
        throw err;
      },
    );
    return this.connecting;
  }

  private lost(c: mysql.Connection) {
    if (this.conn !== c) return;
    this.conn = null;
    const had = this.held.size > 0;
    this.held.clear();
    c.destroy();
    if (had) this.onLost();
  }

  /** True when this process now holds (or already held) the host's lock. */
  async tryAcquire(host: string): Promise<boolean> {
    if (this.held.has(host)) return true;
    const c = await this.connection();
    const [rows] = await c.query('SELECT GET_LOCK(?, 0) AS got', [lockName(host)]);
    const got = Number((rows as { got: number | null }[])[0]?.got) === 1;
    if (got) this.held.add(host);
    return got;
  }

  async release(host: string): Promise<void> {
    if (!this.held.delete(host) || !this.conn) return;
    await this.conn.query('SELECT RELEASE_LOCK(?)', [lockName(host)]).catch(() => undefined);
  }

  /** Checks the connection still lives (and with it the locks). */
  async ping(): Promise<boolean> {
    const c = this.conn;
    if (!c) return false;
    try {
      await c.query('SELECT 1');
      return true;
    } catch {
      this.lost(c);
      return false;
    }
  }

  async close(): Promise<void> {
    const c = this.conn;
    this.conn = null;
    this.held.clear();
    if (!c) return;
    // The server frees a closed connection's locks a moment later; free them now.
    await c.query('SELECT RELEASE_ALL_LOCKS()').catch(() => undefined);
    await c.end().catch(() => undefined);
  }
}
