import 'server-only';
import { parseMaillogLine } from '@/lib/postfix/maillog';
import { isHostError } from '@/lib/ssh/host-exec';
import { planAlerts, unevaluatedRules } from './alert-plan';
import { containmentView, type AlertView } from './alert-view';
import { alertsForPlan, applyAlertOps } from './alerts-store';
import { contain } from './containment';
import { ContainmentKeeper } from './containment-keeper';
import { evaluate } from './evaluate';
import { MaillogFollower } from './follow';
import { baselines, recordHourly, recordLogins } from './history';
import { LogWindow } from './log-window';
import { lookBack } from './look-back';
import { countQueues } from './queue-counts';
import type { WatchRules } from './rules-schema';
import { insertSample, latestSamples, watchedSince } from './samples';
import { updateWatchState } from './state';

// One host, watched by this process while it holds the host's lock: the
// maillog followed continuously, and every interval a tick that samples the
// queue, checks the rules and writes alerts.

export type Notify = (event: 'alert.opened' | 'alert.resolved' | 'alert.contained', alert: AlertView) => Promise<void>;

// Connection-level trouble: the host "stops answering". Other failures
// (sudo rights, a missing tool) are shown on the page as the last error.
const UNREACHABLE = ['unreachable', 'auth_refused', 'host_key_changed', 'host_key_unknown', 'timeout', 'mail_system_down'] as const;
// A capped (huge) queue is counted again only this often: each count costs showq a full walk.
const CAPPED_RESAMPLE_MS = 10 * 60_000;

const errText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 1000);

export class HostWatch {
  readonly window = new LogWindow();
  /** Log lines that got past the needles (what following this host costs). */
  linesIn = 0;
  /** Lines of the last hour read back when the watch started. */
  lookedBackLines = 0;
  private follower: MaillogFollower | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running: Promise<void> = Promise.resolve();
  private nextSampleAt = 0;
  /** Since when the maillog has been followed without a gap (null: not now). */
  private followingSince: number | null = null;
  private since: { at: Date | null; checked: number } = { at: null, checked: 0 };
  private readonly keeper: ContainmentKeeper;

  constructor(
    readonly host: string,
    private rules: WatchRules,
    private readonly logPath: string | null,
    private readonly notify: Notify,
    private readonly owner: string,
  ) {
    this.keeper = new ContainmentKeeper(host, this.window);
  }

  start(): void {
    void updateWatchState(this.host, { owner: this.owner, startedAt: new Date(), lastError: null, followState: this.logPath ? 'connecting' : 'no-log' }).catch(
      () => undefined,
    );
    // Spread many hosts over the interval: twenty SSH handshakes at once trip sshd's MaxStartups.
    const jitter = Math.floor(Math.random() * Math.min(this.rules.intervalSeconds, 15) * 1000);
    const logPath = this.logPath;
    // Look back first, then follow: the first tick already knows the last hour (issue 16).
    const lookedBack = logPath ? this.lookBack() : Promise.resolve();
    if (logPath) {
      this.follower = new MaillogFollower(
        this.host,
        logPath,
        (line) => this.line(line),
        (state, error) => {
          // A gap in the stream is a gap in what the log rules know.
          if (state !== 'following') this.followingSince = null;
          else this.followingSince ??= Date.now();
          void updateWatchState(this.host, { followState: state, followError: error ?? null }).catch(() => undefined);
        },
      );
      const follower = this.follower;
      void lookedBack.then(() => setTimeout(() => !this.stopped && follower.start(), Math.min(jitter, 1000)).unref?.());
    }
    this.keeper.start();
    // The first tick waits for the look-back (at most one interval), so an incident already running alerts on it.
    const firstTickAt = Date.now() + 1000 + jitter;
    void lookedBack.then(() => this.schedule(Math.max(0, firstTickAt - Date.now())));
  }

  /** The last hour of the log into the window; a failure is recorded, and following starts anyway. */
  private async lookBack(): Promise<void> {
    const limit = new Promise<void>((r) => setTimeout(r, Math.max(10_000, this.rules.intervalSeconds * 1000)).unref?.());
    const read = lookBack(this.host, this.window)
      .then((r) => void (this.lookedBackLines = r.fed))
      .catch((err: unknown) =>
        updateWatchState(this.host, { lastError: `look-back failed: ${errText(err)}` }).then(
          () => undefined,
          () => undefined,
        ),
      );
    await Promise.race([read, limit]);
  }

  /** Stops, lets a running tick finish (up to 30 s), and records that nobody follows the log here any more. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.follower?.stop();
    this.keeper.stop();
    await Promise.race([this.running, new Promise((r) => setTimeout(r, 30_000).unref?.())]);
    await updateWatchState(this.host, { followState: 'stopped', owner: '' }).catch(() => undefined);
  }

  setRules(rules: WatchRules): void {
    const sooner = rules.intervalSeconds < this.rules.intervalSeconds;
    this.rules = rules;
    if (sooner) {
      this.nextSampleAt = 0;
      this.schedule(1000);
    }
  }

  private line(raw: string) {
    this.linesIn++;
    const now = Date.now();
    this.window.addLine(raw, now, (l) => parseMaillogLine(l, { now }));
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick()
        .catch((err: unknown) =>
          updateWatchState(this.host, { lastError: `tick failed: ${errText(err)}` }).then(
            () => undefined,
            () => undefined,
          ),
        )
        .finally(() => this.schedule(this.rules.intervalSeconds * 1000));
    }, ms);
  }

  private async sampleQueue(now: number): Promise<{ sampled: boolean; unreachable?: string; error?: string }> {
    if (now < this.nextSampleAt) return { sampled: false };
    const interval = this.rules.intervalSeconds * 1000;
    const timeoutMs = Math.min(45_000, Math.max(5000, interval * 0.8));
    try {
      const s = await countQueues(this.host, { cap: this.rules.queue.countCap, timeoutMs });
      await insertSample(this.host, new Date(now), s);
      this.nextSampleAt = now + (s.complete ? interval : Math.max(interval, CAPPED_RESAMPLE_MS)) - 500;
      return { sampled: true };
    } catch (err) {
      this.nextSampleAt = 0;
      if (isHostError(err) && (UNREACHABLE as readonly string[]).includes(err.kind)) return { sampled: false, unreachable: errText(err) };
      return { sampled: false, error: errText(err) };
    }
  }

  private async watchedSince(now: number): Promise<Date | null> {
    if (!this.since.at && now - this.since.checked > 60_000) this.since = { at: await watchedSince(this.host), checked: now };
    return this.since.at;
  }

  private async tick(): Promise<void> {
    const now = Date.now();
    const rules = this.rules;
    this.window.prune(now);
    const q = await this.sampleQueue(now);
    const since = await this.watchedSince(now);
    const learned = since !== null && now - since.getTime() >= rules.saslUser.learningHours * 3_600_000;
    const freshIps = await recordLogins(this.window.takeLogins(), now);
    await recordHourly(this.host, this.window.takeHourly());
    const users = this.window.userActivity(now, 60);
    const findings = evaluate({
      host: this.host,
      now,
      rules,
      ...(q.sampled ? await latestSamples(this.host) : {}),
      users,
      baselines: await baselines(
        this.host,
        users.map((u) => u.user),
        now,
        since,
      ),
      newIps: learned ? freshIps : [],
      failures: this.window.failuresByIp(now, rules.saslFailures.windowMinutes),
      blocks: this.window.blocksBySite(now, rules.remoteBlocks.windowMinutes),
      limitHits: this.window.limitHits(now, 60),
      ...(q.unreachable !== undefined ? { unreachable: q.unreachable } : {}),
    });
    const alerts = await alertsForPlan(this.host, now, rules.alerting.cooldownMinutes);
    const unevaluated = unevaluatedRules({ now, sampled: q.sampled, followingSince: this.followingSince, rules });
    const ops = planAlerts({ now, rules, findings, alerts, unevaluated });
    const applied = await applyAlertOps(this.host, ops, now);
    const opened = new Set(applied.opened.map((a) => a.id));
    const containedNow = new Set<string>();
    for (const f of findings) {
      const alert = applied.touched.get(`${f.rule}\n${f.key}`);
      if (!f.contain || !alert || alert.containment) continue;
      const user = f.key;
      const record = await contain({
        host: this.host,
        alertId: BigInt(alert.id),
        user,
        queueIds: this.window.queueIdsOf(user, now - 3_600_000),
        messages: Number(f.vars.messages ?? 0),
        threshold: rules.containment.messagesPerHour,
      });
      this.keeper.track(user, BigInt(alert.id), record.heldIds);
      const withContainment: AlertView = { ...alert, containment: containmentView(record) };
      containedNow.add(alert.id);
      await this.notify(opened.has(alert.id) ? 'alert.opened' : 'alert.contained', withContainment);
    }
    for (const a of applied.opened) if (!containedNow.has(a.id)) await this.notify('alert.opened', a);
    for (const a of applied.resolved) await this.notify('alert.resolved', a);
    await this.keeper.refresh();
    await updateWatchState(this.host, {
      lastTickAt: new Date(now),
      ...(q.sampled ? { lastSampleAt: new Date(now) } : {}),
      lastError: q.error ?? q.unreachable ?? null,
      linesSeen: BigInt(this.window.lines),
    });
  }
}
