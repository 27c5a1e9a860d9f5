import { classifyRemoteReply, remoteSiteOf } from '@/lib/postfix/blocklist';
import type { Delivery } from '@/lib/postfix/maillog';
import type { AddressScope, LogAggregator } from './aggregator';
import { topN } from './buckets';
import { replyKey } from './normalise-reply';
import type { BlockGroup, BlocksReport, ReplyBadge } from './schemas';

// Who is refusing our mail: deferred and bounced deliveries to remote sites,
// grouped by site (the MX's registrable domain, see remoteSiteOf) and by the
// reply with its variable parts blanked, each group classified (blocklist,
// provider, code, delisting link). Postmasters see only mail whose envelope
// sender is in their domains, which needs qmgr's `from=` for each queue id.

export const BLOCK_NEEDLES = ['status=deferred', 'status=bounced'] as const;
export const BLOCK_SCOPED_NEEDLES = [...BLOCK_NEEDLES, ', nrcpt='] as const;

// Delivery agents that talk to (or about) remote sites; local, virtual and
// pipe failures are our own mailboxes, not somebody blocking us.
const REMOTE_SERVICES = new Set(['smtp', 'error', 'retry']);
const SAMPLE_IDS = 5;
const MAX_RCPT_TRACKED = 10_000;
// Senders of queue ids seen, for scoping; bounded so a month-long scan cannot grow without end.
const MAX_SENDERS = 500_000;

type GroupState = Omit<BlockGroup, 'recipients' | 'queueIds' | 'relays' | 'class'> & {
  cls: ReplyBadge;
  rcpts: Set<string>;
  rcptOverflow: number;
  ids: string[];
  relays: Set<string>;
};

export function isRemoteDelivery(ev: Delivery & { service: string }): boolean {
  if (ev.status !== 'deferred' && ev.status !== 'bounced') return false;
  if (REMOTE_SERVICES.has(ev.service)) return true;
  return ev.service === 'lmtp' && ev.reply.ip !== undefined && !ev.relay.includes('private/');
}

export function blocksAggregator(opts: { scope?: AddressScope } = {}): LogAggregator<Omit<BlocksReport, 'scan'>> {
  const groups = new Map<string, GroupState>();
  const senders = new Map<string, string>();
  let deferred = 0;
  let bounced = 0;
  return {
    add(ev) {
      if (ev.kind === 'qmgr-from') {
        if (!opts.scope) return;
        if (senders.size >= MAX_SENDERS) senders.delete(senders.keys().next().value!);
        senders.set(ev.queueId, ev.from.toLowerCase());
        return;
      }
      if (ev.kind !== 'delivery' || !isRemoteDelivery(ev)) return;
      if (opts.scope) {
        const from = senders.get(ev.queueId);
        if (!from || !opts.scope(from)) return;
      }
      const site = remoteSiteOf(ev);
      const reply = replyKey(ev.reply);
      const key = `${site}\0${reply}`;
      let g = groups.get(key);
      if (!g) {
        const c = classifyRemoteReply(ev.reply);
        const cls: ReplyBadge = { blocked: c.blocked, kind: c.kind };
        if (c.provider) cls.provider = c.provider;
        if (c.code) cls.code = c.code;
        if (c.listName) cls.listName = c.listName;
        if (c.link) cls.link = c.link;
        g = {
          site,
          reply,
          sample: ev.detail,
          cls,
          count: 0,
          deferred: 0,
          bounced: 0,
          first: ev.time,
          last: ev.time,
          rcpts: new Set(),
          rcptOverflow: 0,
          ids: [],
          relays: new Set(),
        };
        groups.set(key, g);
      }
      g.count++;
      if (ev.status === 'bounced') {
        g.bounced++;
        bounced++;
      } else {
        g.deferred++;
        deferred++;
      }
      if (ev.time < g.first) g.first = ev.time;
      if (ev.time > g.last) {
        g.last = ev.time;
        g.sample = ev.detail;
      }
      if (g.rcpts.size < MAX_RCPT_TRACKED) g.rcpts.add(ev.to.toLowerCase());
      else if (!g.rcpts.has(ev.to.toLowerCase())) g.rcptOverflow++;
      if (g.ids.length < SAMPLE_IDS && !g.ids.includes(ev.queueId)) g.ids.push(ev.queueId);
      const relay = ev.reply.host ?? ev.relayHost;
      if (relay && relay !== 'none' && g.relays.size < SAMPLE_IDS) g.relays.add(ev.reply.ip ? `${relay}[${ev.reply.ip}]` : relay);
    },
    result(limit) {
      // Refusals for reputation first: that is what the admin came for.
      const sorted = topN(
        groups.values(),
        limit,
        (g) => (g.cls.blocked ? 1e12 : 0) + g.count,
        (a, b) => a.site.localeCompare(b.site),
      );
      const rows: BlockGroup[] = sorted.map(({ cls, rcpts, rcptOverflow, ids, relays, ...g }) => ({
        ...g,
        class: cls,
        recipients: rcpts.size + rcptOverflow,
        queueIds: ids,
        relays: [...relays],
      }));
      const blockedSites = [...new Set([...groups.values()].filter((g) => g.cls.blocked).map((g) => g.site))].sort();
      return { groups: rows, totalGroups: groups.size, deferred, bounced, blockedSites };
    },
  };
}
