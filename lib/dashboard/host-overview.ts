import 'server-only';
import type { Principal } from '@/lib/auth/principal';
import { queueEvidence } from '@/lib/incident/queue-evidence';
import { blocksView } from '@/lib/maillog/views';
import { hostQueue, snapshot } from '@/lib/queue/host-queues';
import { queryQueue } from '@/lib/queue/query';
import { queueQuerySchema } from '@/lib/queue/schemas';
import { startScan } from '@/lib/queue/scan';
import { consoleSamples, lastConsoleSample, pointFromOverview, remember, sampleWithoutIndex, watcherHistory } from './queue-history';
import type { HostOverview } from './types';

// One host on the dashboard: queue sizes with their history, who fills the
// queue (SASL logins, client IPs, forged senders), and who refuses our mail.
// Reads what the console already has (the queue index, the cached maillog
// views); an open dashboard keeps the index fresh with a refresh at most
// once a minute, which is also when the console takes a history sample.

const REFRESH_EVERY_MS = 60_000;
const TOP = 5;

function refreshIfStale(host: string): void {
  const hq = hostQueue(host);
  if (!hq.index || hq.running) return;
  const finished = hq.state.finishedAt ? Date.parse(hq.state.finishedAt) : 0;
  if (Date.now() - finished >= REFRESH_EVERY_MS) startScan(host, { mode: 'refresh' });
}

async function history(host: string, overview: HostOverview['queue']['overview']): Promise<HostOverview['history']> {
  const watcher = await watcherHistory(host);
  // Capped watcher counts are lower bounds; the index, when there is one, knows better.
  if (watcher && (watcher.at(-1)?.complete || !overview)) return { source: 'watcher', points: watcher, note: null };
  const hq = hostQueue(host);
  if (overview && hq.state.finishedAt) {
    remember(host, pointFromOverview(new Date(hq.state.finishedAt), overview));
  } else if (!overview) {
    const last = lastConsoleSample(host);
    if (!last || Date.now() - Date.parse(last.at) >= REFRESH_EVERY_MS) {
      try {
        remember(host, await sampleWithoutIndex(host));
      } catch (err) {
        return {
          source: consoleSamples(host).length ? 'console' : 'none',
          points: consoleSamples(host),
          note: err instanceof Error ? err.message : String(err),
        };
      }
    }
  }
  const points = consoleSamples(host);
  return { source: points.length ? 'console' : 'none', points, note: null };
}

/**
 * A postmaster's history: only his domains' share of the queue, sampled from
 * the index when it changes (the watcher's and the host-wide samples count
 * everybody's mail), kept per host and set of domains.
 */
function scopedHistory(host: string, principal: Principal, overview: HostOverview['queue']['overview']): HostOverview['history'] {
  const key = `${host}\0${[...principal.domains].sort().join(',')}`;
  const finished = hostQueue(host).state.finishedAt;
  const points = overview && finished ? remember(key, pointFromOverview(new Date(finished), overview)) : consoleSamples(key);
  return { source: points.length ? 'console' : 'none', points, note: null };
}

export async function hostOverview(host: string, principal: Principal): Promise<HostOverview> {
  const admin = principal.role === 'admin';
  refreshIfStale(host);
  const hq = hostQueue(host);
  const ix = hq.index;
  const evidence = ix ? queueEvidence(ix, principal) : null;
  const facets = ix ? queryQueue(ix, queueQuerySchema.parse({ pageSize: '1' }), principal).facets : null;
  const scan = snapshot(hq);
  const [hist, blocks] = await Promise.all([
    admin ? history(host, evidence?.overview ?? null) : Promise.resolve(scopedHistory(host, principal, evidence?.overview ?? null)),
    blocksView(host, principal, { limit: TOP })
      .then((b): HostOverview['blocks'] => ({
        ok: true,
        deferred: b.deferred,
        bounced: b.bounced,
        blockedSites: b.blockedSites,
        groups: b.groups
          .slice(0, TOP)
          .map((g) => ({ site: g.site, reply: g.reply, count: g.count, blocked: g.class.blocked, provider: g.class.provider ?? null })),
      }))
      .catch((err: unknown): HostOverview['blocks'] => ({ ok: false, error: err instanceof Error ? err.message : String(err) })),
  ]);
  return {
    host,
    queue: {
      // The index counts the whole host: a postmaster sees his domains' count (and no scan progress of others' mail).
      scan: admin ? scan : { ...scan, indexed: evidence?.overview.total ?? 0, seen: 0 },
      indexed: ix !== null,
      canScan: admin,
      overview: evidence?.overview ?? null,
      topUsers: (facets?.saslUser ?? []).filter((f) => f.value !== '(none)').slice(0, TOP),
      topIps: (facets?.clientIp ?? []).filter((f) => f.value !== '(none)').slice(0, TOP),
    },
    history: hist,
    blocks,
  };
}
