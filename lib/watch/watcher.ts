import 'server-only';
import { hostname } from 'node:os';
import { z } from 'zod';
import { db } from '@/lib/db';
import { pruneDeliveries, runDueDeliveries } from '@/lib/notify/outbox';
import { enqueueAlert, renderAlert } from './alert-notice';
import { pruneHistory } from './history';
import { HostWatch, type Notify } from './host-watch';
import { WatchLocks } from './lock';
import { loadAllRules } from './rules';
import { pruneSamples } from './samples';
import { watchEnv } from './watch-env';

// The watcher of one console process: every few seconds it looks at the host
// list and the rules, takes the lock of each host nobody watches yet, and
// runs a HostWatch for it. It also sends the notification outbox. Kept on
// globalThis: instrumentation and route handlers are separate bundles that
// share the process, not their modules.

const REFRESH_MS = 10_000;
const OUTBOX_MS = 5_000;
const MAINTENANCE_MS = 60 * 60_000;

const pathsSchema = z.array(z.string()).catch([]);
const SAFE_PATH = /^\/[A-Za-z0-9._@+/-]+$/;

/**
 * hostFilter: watch only some hosts. includeDisabled: watch them even when
 * their rules say enabled: false — the benchmark marks its host copies so,
 * so no other console process takes them.
 */
export type WatcherOptions = { hostFilter?: (name: string) => boolean; includeDisabled?: boolean };

export class Watcher {
  readonly owner = `${hostname()}:${process.pid}`;
  readonly watches = new Map<string, HostWatch>();
  private readonly locks = new WatchLocks(() => this.lostLocks());
  private timers: NodeJS.Timeout[] = [];
  private refreshing: Promise<void> | null = null;
  private sending = false;
  private stopped = false;

  constructor(private readonly options: WatcherOptions = {}) {}

  start(): void {
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(() => void fn().catch((err: unknown) => console.warn(`[mailwarden] watcher: ${(err as Error).message}`)), ms);
      t.unref?.();
      this.timers.push(t);
    };
    every(REFRESH_MS, () => this.refresh());
    every(OUTBOX_MS, () => this.sendDue());
    every(MAINTENANCE_MS, () => Promise.all([pruneSamples(), pruneHistory(), pruneDeliveries()]));
    void this.refresh().catch((err: unknown) => console.warn(`[mailwarden] watcher: ${(err as Error).message}`));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await Promise.all([...this.watches.values()].map((w) => w.stop()));
    this.watches.clear();
    await this.refreshing?.catch(() => undefined);
    await this.locks.close();
  }

  readonly notify: Notify = async (event, alert) => {
    const n = await enqueueAlert(event, alert, watchEnv().publicUrl);
    if (n > 0) void this.sendDue();
  };

  /** Sends what is due now (also called right after an alert is queued). */
  async sendDue(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while ((await runDueDeliveries(renderAlert)) > 0 && !this.stopped);
    } finally {
      this.sending = false;
    }
  }

  /** Hosts and rules again; also called by the API after rules change. */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    if (this.stopped) return;
    // Hosts whose key was never accepted cannot be reached; a changed key is still watched (and alerts).
    const all = await db().mwHost.findMany({ select: { name: true, maillogPaths: true, hostKeySha256: true } });
    const pinned = all.filter((h) => h.hostKeySha256 !== null);
    const hosts = this.options.hostFilter ? pinned.filter((h) => this.options.hostFilter!(h.name)) : pinned;
    if (!this.options.hostFilter) await resolveGoneHosts(all.map((h) => h.name));
    const rules = await loadAllRules(hosts.map((h) => h.name));
    if (this.watches.size > 0 && !(await this.locks.ping())) return;
    const wanted = new Set<string>();
    for (const h of hosts) {
      const r = rules.get(h.name);
      if (!r || (!r.enabled && !this.options.includeDisabled)) continue;
      wanted.add(h.name);
      const running = this.watches.get(h.name);
      if (running) {
        running.setRules(r);
        continue;
      }
      if (!(await this.locks.tryAcquire(h.name))) continue;
      const logPath = pathsSchema.parse(h.maillogPaths).find((p) => SAFE_PATH.test(p)) ?? null;
      const watch = new HostWatch(h.name, r, logPath, this.notify, this.owner);
      this.watches.set(h.name, watch);
      watch.start();
    }
    for (const [name, watch] of this.watches) {
      if (wanted.has(name)) continue;
      await watch.stop();
      this.watches.delete(name);
      await this.locks.release(name);
    }
  }

  private lostLocks() {
    console.warn('[mailwarden] watcher: the lock connection dropped; stopping all watches until the locks are taken again');
    for (const w of this.watches.values()) void w.stop();
    this.watches.clear();
  }
}

/** A host that was removed has nobody to resolve its alerts: they end with it. */
async function resolveGoneHosts(present: string[]): Promise<void> {
  await db().mwAlert.updateMany({
    where: { state: { in: ['open', 'acknowledged'] }, host: { notIn: present.length ? present : [''] } },
    data: { state: 'resolved', resolvedAt: new Date() },
  });
}

const globalForWatch = globalThis as unknown as { mailwardenWatcher?: Watcher };

export function startWatcher(): Watcher | null {
  if (!watchEnv().enabled) return null;
  if (!globalForWatch.mailwardenWatcher) {
    globalForWatch.mailwardenWatcher = new Watcher();
    globalForWatch.mailwardenWatcher.start();
  }
  return globalForWatch.mailwardenWatcher;
}

/** The running watcher of this process, if any (the API pokes it after a change). */
export const runningWatcher = (): Watcher | undefined => globalForWatch.mailwardenWatcher;
