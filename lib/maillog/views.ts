import 'server-only';
import { AppError, notFound } from '@/lib/errors';
import { canAccessAddress, isAdmin, type Principal } from '@/lib/auth/principal';
import { BLOCK_NEEDLES, BLOCK_SCOPED_NEEDLES, blocksAggregator } from './aggregate-blocks';
import { BRUTEFORCE_NEEDLES, bruteforceAggregator, bruteforceSuggestion } from './aggregate-bruteforce';
import { LOGIN_DETAIL_NEEDLES, LOGIN_NEEDLES, loginDetailAggregator, loginsAggregator } from './aggregate-logins';
import { traceCollector } from './aggregate-trace';
import { fastSaslLogin } from './fast-login';
import type { AddressScope } from './aggregator';
import { listHostLogs } from './host-source';
import { aggregateHostLogs, filesFor, scanInfo, walkFiles } from './scan';
import {
  bucketFor,
  resolveRange,
  type BlocksReport,
  type BruteforceReport,
  type LoginsDetail,
  type LoginsList,
  type LoginsQuery,
  type LogsRangeQuery,
  type SearchQuery,
  type SearchReport,
  type TraceLine,
  type TraceReport,
} from './schemas';

// The maillog views the API serves. Postmasters see only their domains: SASL
// users of those domains, failures against them, refusals of mail their
// domains sent, traces of their messages.

function scopeOf(p: Principal): { scope: AddressScope; key: string } {
  if (isAdmin(p)) return { scope: undefined, key: '*' };
  return { scope: (a) => canAccessAddress(p, a), key: [...p.domains].sort().join(',') };
}

export async function loginsView(host: string, p: Principal, q: LoginsQuery): Promise<LoginsList | LoginsDetail> {
  const range = resolveRange(q);
  const bucketMs = bucketFor(range);
  const { scope, key } = scopeOf(p);
  if (q.user) {
    // A user outside the postmaster's domains does not exist for him.
    if (scope && !scope(q.user.toLowerCase())) throw notFound('SASL user');
    const user = q.user;
    const { result, scan } = await aggregateHostLogs({
      host,
      key: `login-detail\0${user.toLowerCase()}\0${bucketMs}`,
      needles: LOGIN_DETAIL_NEEDLES,
      fast: fastSaslLogin,
      make: () => loginDetailAggregator({ user, bucketMs }),
      range,
      limit: q.limit,
    });
    return { ...result, scan };
  }
  const { result, scan } = await aggregateHostLogs({
    host,
    key: `logins\0${key}\0${bucketMs}`,
    needles: LOGIN_NEEDLES,
    fast: fastSaslLogin,
    make: () => loginsAggregator({ bucketMs, scope }),
    range,
    limit: q.limit,
  });
  return { ...result, scan };
}

export async function bruteforceView(host: string, p: Principal, q: LogsRangeQuery): Promise<BruteforceReport> {
  const range = resolveRange(q);
  const bucketMs = bucketFor(range);
  const { scope, key } = scopeOf(p);
  const { result, scan, logs } = await aggregateHostLogs({
    host,
    key: `bruteforce\0${key}\0${bucketMs}`,
    needles: BRUTEFORCE_NEEDLES,
    fast: fastSaslLogin,
    make: () => bruteforceAggregator({ bucketMs, scope }),
    range,
    limit: q.limit,
  });
  const { offenders, ...rest } = result;
  return { ...rest, suggest: bruteforceSuggestion(offenders, logs.paths[0] ?? '/var/log/maillog'), scan };
}

export async function blocksView(host: string, p: Principal, q: LogsRangeQuery): Promise<BlocksReport> {
  const range = resolveRange(q);
  const { scope, key } = scopeOf(p);
  const { result, scan } = await aggregateHostLogs({
    host,
    key: `blocks\0${key}`,
    needles: scope ? BLOCK_SCOPED_NEEDLES : BLOCK_NEEDLES,
    make: () => blocksAggregator({ scope }),
    range,
    limit: q.limit,
  });
  return { ...result, scan };
}

// A bounce of a bounce of ... stops here.
const MAX_LINK_ROUNDS = 3;

export async function traceView(host: string, p: Principal, queueId: string, q: LogsRangeQuery): Promise<TraceReport> {
  const started = performance.now();
  const range = resolveRange(q);
  const logs = await listHostLogs(host);
  const files = filesFor(logs, range);
  const c = traceCollector(queueId);
  let lines = 0;
  let ids = [queueId];
  for (let round = 0; round <= MAX_LINK_ROUNDS && ids.length; round++) {
    const walk = await walkFiles(host, logs, files, { patterns: ids }, range, (ev, raw) => c.add(ev, raw));
    lines += walk.lines;
    const links = c.links();
    for (const l of links) c.track(l.queueId, l.relation);
    ids = links.map((l) => l.queueId);
  }
  const messages = c.result();
  const self = messages.find((m) => m.relation === 'self')!;
  if (self.lines.length === 0) throw notFound(`Queue ID ${queueId} in the log of ${host} for that time range`);
  const { scope } = scopeOf(p);
  if (scope) {
    // A bounce (empty sender) belongs to whoever it is returned to.
    const owners = [self.from, self.saslUser, ...(self.from === '' ? self.recipients.map((r) => r.to) : [])].filter((a): a is string => !!a);
    if (!owners.some((a) => scope(a))) throw notFound(`Queue ID ${queueId} in the log of ${host} for that time range`);
  }
  return { queueId, messages, scan: scanInfo(files, lines, started, 'full', range) };
}

export async function searchView(host: string, p: Principal, q: SearchQuery): Promise<SearchReport> {
  // Raw lines name every domain on the host.
  if (!isAdmin(p)) throw new AppError('forbidden', 'Administrators only.');
  const started = performance.now();
  const range = resolveRange(q);
  const logs = await listHostLogs(host);
  const files = filesFor(logs, range);
  // The newest matches are the interesting ones: keep a window of the last `limit`.
  const window: TraceLine[] = [];
  let matched = 0;
  const walk = await walkFiles(host, logs, files, { patterns: [q.q], ignoreCase: true }, range, (ev, raw) => {
    matched++;
    window.push({ time: ev.time ?? 0, raw, kind: ev.kind, ...('queueId' in ev && typeof ev.queueId === 'string' ? { queueId: ev.queueId } : {}) });
    if (window.length > q.limit) window.shift();
  });
  return { lines: window, matched, truncated: matched > window.length, scan: scanInfo(files, walk.lines, started, 'full', range) };
}
