import type { MaillogEvent } from '@/lib/postfix/maillog';
import { classifyRemoteReply, remoteSiteOf } from '@/lib/postfix/blocklist';
import { addCount, MinuteBuckets, topCounts } from './minute-buckets';

// What the followed maillog said in the last hour, by receipt time (live
// lines; their own stamps may lack a year or zone). Pure: events in, windowed
// numbers out. The host watch feeds it and asks it questions each tick.

type UserBucket = { messages: number; recipients: number; ips: Map<string, number> };
type FailBucket = { count: number; users: Map<string, number> };
type BlockBucket = { ids: Set<string>; sample?: BlockSample };
type LimitBucket = { count: number; ips: Map<string, number>; reply: string };
type Submission = { user: string; ip: string; at: number; rcptCounted: boolean; removed: boolean };

export type BlockSample = { reply: string; provider?: string; code?: string; listName?: string; link?: string };
/** `ips`: the busiest client IPs; `ipCount`: how many distinct ones. */
export type UserActivity = { user: string; messages: number; recipients: number; ips: [string, number][]; ipCount: number };
export type IpFailures = { ip: string; count: number; users: [string, number][] };
export type SiteBlocks = { site: string; count: number; sample?: BlockSample };
/** Messages the sending-limit policy service (postfwd) refused for one login. */
export type LimitHits = { user: string; count: number; ips: [string, number][]; reply: string };
export type LoginSeen = { user: string; ip: string; first: number; last: number; count: number };
export type HourCount = { user: string; hour: number; messages: number; recipients: number };

const HOUR_MS = 3_600_000;
const KEEP_SUBMISSIONS_MS = 2 * HOUR_MS;
const MAX_SUBMISSIONS = 500_000;

/** Lines worth looking at; the rest of a busy maillog is skipped with a few indexOf calls. */
export const WATCH_NEEDLES = ['sasl_username=', ' authentication failed', ', nrcpt=', 'status=deferred', 'status=bounced', ': removed', ', rate='] as const;

export const wantsLine = (line: string) => WATCH_NEEDLES.some((n) => line.includes(n));

// The queue id of `ID: removed` and `ID: from=<...>, size=..., nrcpt=...` lines, without parsing the line.
const REMOVED_RE = /: ([0-9A-Za-z]{6,}): removed$/;
const FROM_RE = /: ([0-9A-Za-z]{6,}): from=</;

const hourOf = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

export class LogWindow {
  private readonly users = new MinuteBuckets<UserBucket>(() => ({ messages: 0, recipients: 0, ips: new Map() }));
  private readonly failures = new MinuteBuckets<FailBucket>(() => ({ count: 0, users: new Map() }));
  private readonly blocks = new MinuteBuckets<BlockBucket>(() => ({ ids: new Set() }));
  private readonly limits = new MinuteBuckets<LimitBucket>(() => ({ count: 0, ips: new Map(), reply: '' }));
  private readonly submissions = new Map<string, Submission>();
  private logins = new Map<string, LoginSeen>();
  private hourly = new Map<string, HourCount>();
  lines = 0;

  /**
   * A raw line from the followed log. On a busy host most lines are about
   * messages nobody logged in to send (retries of deferred mail, postsuper
   * removing thousands): those are dropped by their queue id before any parsing.
   */
  addLine(raw: string, now: number, parse: (line: string) => MaillogEvent): void {
    if (!wantsLine(raw)) return;
    const removed = REMOVED_RE.exec(raw);
    if (removed) {
      this.lines++;
      const s = this.submissions.get(removed[1]!);
      if (s) s.removed = true;
      return;
    }
    if (raw.includes(', nrcpt=') && !raw.includes('sasl_username=')) {
      const id = FROM_RE.exec(raw)?.[1];
      if (!id || !this.submissions.has(id)) return;
    }
    if (raw.includes('delivery temporarily suspended')) return;
    this.add(parse(raw), now);
  }

  add(ev: MaillogEvent, now: number): void {
    this.lines++;
    switch (ev.kind) {
      case 'sasl-login': {
        const user = ev.saslUsername.toLowerCase();
        const ip = ev.client.ip;
        if (this.submissions.has(ev.queueId)) return;
        this.submissions.set(ev.queueId, { user, ip, at: now, rcptCounted: false, removed: false });
        const b = this.users.at(user, now);
        b.messages++;
        addCount(b.ips, ip);
        this.hour(user, now).messages++;
        const k = `${user}\n${ip}`;
        const seen = this.logins.get(k);
        if (seen) {
          seen.last = now;
          seen.count++;
        } else this.logins.set(k, { user, ip, first: now, last: now, count: 1 });
        return;
      }
      case 'qmgr-from': {
        const s = this.submissions.get(ev.queueId);
        // qmgr logs from= again each time a deferred message comes back: count once.
        if (!s || s.rcptCounted) return;
        s.rcptCounted = true;
        this.users.at(s.user, s.at).recipients += ev.nrcpt;
        this.hour(s.user, s.at).recipients += ev.nrcpt;
        return;
      }
      case 'removed': {
        const s = this.submissions.get(ev.queueId);
        if (s) s.removed = true;
        return;
      }
      case 'sasl-failure': {
        const b = this.failures.at(ev.client.ip, now);
        b.count++;
        if (ev.username) addCount(b.users, ev.username.toLowerCase());
        return;
      }
      case 'delivery': {
        if ((ev.status !== 'deferred' && ev.status !== 'bounced') || ev.reply.suspended) return;
        const c = classifyRemoteReply(ev.reply);
        if (!c.blocked) return;
        const site = remoteSiteOf({ reply: ev.reply, to: ev.to, relayHost: ev.relayHost, relayAddr: ev.relayAddr });
        const b = this.blocks.at(site, now);
        b.ids.add(ev.queueId);
        b.sample ??= { reply: ev.reply.text.slice(0, 300), provider: c.provider, code: c.code, listName: c.listName, link: c.link };
        return;
      }
      case 'policy-rule': {
        if (!ev.limitHit || !ev.saslUsername) return;
        const b = this.limits.at(ev.saslUsername.toLowerCase(), now);
        b.count++;
        addCount(b.ips, ev.client.ip);
        b.reply = ev.action.slice(0, 200);
        return;
      }
      default:
        return;
    }
  }

  private hour(user: string, at: number): HourCount {
    const hour = hourOf(at);
    const k = `${user}\n${hour}`;
    let h = this.hourly.get(k);
    if (!h) this.hourly.set(k, (h = { user, hour, messages: 0, recipients: 0 }));
    return h;
  }

  /** SASL users with submissions in the last `minutes`, busiest first. */
  userActivity(now: number, minutes = 60, topIps = 5): UserActivity[] {
    const out: UserActivity[] = [];
    for (const user of this.users.keys()) {
      let messages = 0;
      let recipients = 0;
      const ips = new Map<string, number>();
      for (const b of this.users.within(user, now, minutes)) {
        messages += b.messages;
        recipients += b.recipients;
        for (const [ip, n] of b.ips) addCount(ips, ip, n);
      }
      if (messages > 0) out.push({ user, messages, recipients, ips: topCounts(ips, Math.max(topIps, 1)), ipCount: ips.size });
    }
    return out.sort((a, b) => b.messages - a.messages);
  }

  failuresByIp(now: number, minutes: number): IpFailures[] {
    const out: IpFailures[] = [];
    for (const ip of this.failures.keys()) {
      let count = 0;
      const users = new Map<string, number>();
      for (const b of this.failures.within(ip, now, minutes)) {
        count += b.count;
        for (const [u, n] of b.users) addCount(users, u, n);
      }
      if (count > 0) out.push({ ip, count, users: topCounts(users, 5) });
    }
    return out.sort((a, b) => b.count - a.count);
  }

  blocksBySite(now: number, minutes: number): SiteBlocks[] {
    const out: SiteBlocks[] = [];
    for (const site of this.blocks.keys()) {
      const ids = new Set<string>();
      let sample: BlockSample | undefined;
      for (const b of this.blocks.within(site, now, minutes)) {
        for (const id of b.ids) ids.add(id);
        sample = b.sample ?? sample;
      }
      if (ids.size > 0) out.push({ site, count: ids.size, ...(sample ? { sample } : {}) });
    }
    return out.sort((a, b) => b.count - a.count);
  }

  /** Logins the policy service refused in the last `minutes`, most refused first. */
  limitHits(now: number, minutes = 60): LimitHits[] {
    const out: LimitHits[] = [];
    for (const user of this.limits.keys()) {
      let count = 0;
      let reply = '';
      const ips = new Map<string, number>();
      for (const b of this.limits.within(user, now, minutes)) {
        count += b.count;
        reply = b.reply || reply;
        for (const [ip, n] of b.ips) addCount(ips, ip, n);
      }
      if (count > 0) out.push({ user, count, ips: topCounts(ips, 5), reply });
    }
    return out.sort((a, b) => b.count - a.count);
  }

  /** Queue ids the user submitted since `since` that have not left the queue (as far as the log said). */
  queueIdsOf(user: string, since: number): string[] {
    const out: string[] = [];
    for (const [id, s] of this.submissions) if (s.user === user && !s.removed && s.at >= since) out.push(id);
    return out;
  }

  /** Logins seen since the last call (for the 30-day IP history). */
  takeLogins(): LoginSeen[] {
    const out = [...this.logins.values()];
    this.logins = new Map();
    return out;
  }

  /** Per-user hourly submissions since the last call (for the baseline). */
  takeHourly(): HourCount[] {
    const out = [...this.hourly.values()];
    this.hourly = new Map();
    return out;
  }

  prune(now: number): void {
    this.users.prune(now);
    this.failures.prune(now);
    this.blocks.prune(now);
    this.limits.prune(now);
    for (const [id, s] of this.submissions) {
      if (s.at >= now - KEEP_SUBMISSIONS_MS && this.submissions.size <= MAX_SUBMISSIONS) break;
      this.submissions.delete(id);
    }
  }
}
