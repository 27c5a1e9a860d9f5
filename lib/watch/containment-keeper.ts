import 'server-only';
import { db } from '@/lib/db';
import { holdMore } from './containment';
import type { LogWindow } from './log-window';

// Keeps contained accounts contained: every few seconds, mail the log shows
// a contained user submitting is put on hold — whether or not the host
// enforces the sending block. Stops for a user as soon as an admin releases.

const EVERY_MS = 3000;
const MAX_TRIES = 3;
const LOOKBACK_MS = 2 * 3_600_000;

type Tracked = { alertId: bigint; done: Set<string>; tries: Map<string, number> };

export class ContainmentKeeper {
  private readonly users = new Map<string, Tracked>();
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly host: string,
    private readonly window: LogWindow,
  ) {}

  start(): void {
    void this.refresh().catch(() => undefined);
    this.timer = setInterval(() => void this.run(), EVERY_MS);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  track(user: string, alertId: bigint, held: string[]): void {
    this.users.set(user, { alertId, done: new Set(held), tries: new Map() });
  }

  /** Re-reads which users of this host are contained (a release elsewhere ends it here). */
  async refresh(): Promise<void> {
    const rows = await db().$queryRaw<{ id: bigint; sasl_user: string | null }[]>`
      SELECT id, JSON_VALUE(containment, '$.user') AS sasl_user FROM mw_alert
      WHERE host = ${this.host} AND containment IS NOT NULL AND JSON_VALUE(containment, '$.state') = 'active'`;
    const active = new Map(rows.filter((r) => r.sasl_user).map((r) => [r.sasl_user!, BigInt(r.id)]));
    for (const user of [...this.users.keys()]) if (!active.has(user)) this.users.delete(user);
    for (const [user, alertId] of active) if (!this.users.has(user)) this.users.set(user, { alertId, done: new Set(), tries: new Map() });
  }

  private async run(): Promise<void> {
    if (this.busy || this.users.size === 0) return;
    this.busy = true;
    try {
      await this.refresh();
      const now = Date.now();
      for (const [user, t] of this.users) {
        const ids = this.window.queueIdsOf(user, now - LOOKBACK_MS).filter((id) => !t.done.has(id) && (t.tries.get(id) ?? 0) < MAX_TRIES);
        if (ids.length === 0) continue;
        const res = await holdMore(this.host, t.alertId, ids);
        for (const id of res.moved) t.done.add(id);
        for (const id of ids) if (!t.done.has(id)) t.tries.set(id, (t.tries.get(id) ?? 0) + 1);
      }
    } catch (err) {
      console.warn(`[mailwarden] watch ${this.host}: holding contained mail failed: ${(err as Error).message}`);
    } finally {
      this.busy = false;
    }
  }
}
