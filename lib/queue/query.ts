// Filters, facets, sort and paging over one host's queue index.
//
// Facets follow the usual faceted-search rule: each facet is counted over
// the messages that match every OTHER active filter, so after clicking a
// SASL user the SASL-user facet still shows the other logins (to compare or
// switch) while the IP facet shows only that login's IPs. One pass over the
// rows does it: a row failing exactly one filter still counts for that
// filter's own facet.
import type { Principal } from '@/lib/auth/principal';
import { QUEUE_NAMES, type QueueName } from '@/lib/postfix/envelope';
import { FLAG_ALIVE, FLAG_FORGED, queueName, type QueueIndex } from './index-store';
import { AGE_BUCKETS, durationSeconds, NONE_VALUE, type QueueFilter, type QueueQuery } from './schemas';
import { sortedRows } from './sort-order';
import { NONE } from './string-pool';

import { FACETS, type FacetName } from './schemas';

export { FACETS, type FacetName };
export type FacetValue = { value: string; count: number };
export const FACET_SIZE = 20;
const NO_MATCH = -2;

export interface QueueRowView {
  id: string;
  queue: QueueName;
  arrival: number;
  size: number;
  /** '' for the null sender. */
  sender: string;
  forged: boolean;
  saslUser: string | null;
  saslMethod: string | null;
  clientIp: string | null;
  clientName: string | null;
  helo: string | null;
  recipients: number;
  recipientDomains: { domain: string; count: number }[];
  reason: string | null;
}

export interface QueueQueryResult {
  total: number;
  rows: QueueRowView[];
  facets: Record<FacetName, FacetValue[]>;
}

export function emptyFacets(): Record<FacetName, FacetValue[]> {
  return Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as Record<FacetName, FacetValue[]>;
}

export function ageBucket(ageSeconds: number): number {
  const minutes = ageSeconds / 60;
  for (let i = 0; i < AGE_BUCKETS.length; i++) if (minutes < AGE_BUCKETS[i]!.max) return i;
  return AGE_BUCKETS.length - 1;
}

export function rowView(ix: QueueIndex, row: number): QueueRowView {
  const set = ix.cols.domainSet[row]!;
  const pairs = set >= 0 ? ix.domainSets[set]! : new Int32Array(0);
  const recipientDomains: QueueRowView['recipientDomains'] = [];
  for (let i = 0; i < pairs.length; i += 2) recipientDomains.push({ domain: ix.pool.get(pairs[i]!) ?? '', count: pairs[i + 1]! });
  return {
    id: ix.ids[row]!,
    queue: queueName(ix.queue[row]!),
    arrival: ix.arrival[row]!,
    size: ix.size[row]!,
    sender: ix.str('sender', row) ?? '',
    forged: (ix.flags[row]! & FLAG_FORGED) !== 0,
    saslUser: ix.str('saslUser', row),
    saslMethod: ix.str('saslMethod', row),
    clientIp: ix.str('clientIp', row),
    clientName: ix.str('clientName', row),
    helo: ix.str('helo', row),
    recipients: ix.rcpts[row]!,
    recipientDomains,
    reason: ix.str('reason', row),
  };
}

/** Pool ids a filter value stands for (NONE for "(none)", NO_MATCH if never seen). */
function idsFor(ix: QueueIndex, key: FacetName, value: string): number[] {
  if (value === NONE_VALUE) return [NONE];
  if (key === 'sender' && value === '<>') return [ix.pool.find(''), NONE];
  const v = key === 'senderDomain' || key === 'recipientDomain' ? value.toLowerCase() : value;
  const id = ix.pool.find(v);
  return [id === NONE ? NO_MATCH : id];
}

type Test = (row: number) => boolean;

function compile(ix: QueueIndex, f: QueueFilter, now: number): { facetTests: (Test | null)[]; extra: Test[] } {
  const c = ix.cols;
  const col = (arr: Int32Array, ids: number[]): Test => (ids.length === 1 ? (r) => arr[r] === ids[0] : (r) => ids.includes(arr[r]!));
  const facetTests: (Test | null)[] = FACETS.map((name) => {
    const value = f[name as keyof QueueFilter];
    if (value === undefined) return null;
    switch (name) {
      case 'queue': {
        const code = QUEUE_NAMES.indexOf(value as QueueName);
        return (r) => ix.queue[r] === code;
      }
      case 'age': {
        const b = AGE_BUCKETS.findIndex((x) => x.key === value);
        return (r) => ageBucket(now - ix.arrival[r]!) === b;
      }
      case 'recipientDomain': {
        const [d] = idsFor(ix, name, value);
        const memo = new Int8Array(ix.domainSets.length);
        return (r) => {
          const s = c.domainSet[r]!;
          if (s < 0) return d === NONE;
          if (memo[s] === 0) {
            const pairs = ix.domainSets[s]!;
            let hit = false;
            for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === d) hit = true;
            memo[s] = hit ? 1 : 2;
          }
          return memo[s] === 1;
        };
      }
      default:
        return col(c[name === 'reasonClass' ? 'reasonClass' : name], idsFor(ix, name, value));
    }
  });
  const extra: Test[] = [];
  if (f.reason) {
    const needle = f.reason.toLowerCase();
    const memo = new Map<number, boolean>();
    extra.push((r) => {
      const id = c.reason[r]!;
      let hit = memo.get(id);
      if (hit === undefined) memo.set(id, (hit = (ix.pool.get(id) ?? '').toLowerCase().includes(needle)));
      return hit;
    });
  }
  if (f.olderThan) {
    const cutoff = now - durationSeconds(f.olderThan);
    extra.push((r) => ix.arrival[r]! < cutoff);
  }
  if (f.forged) {
    const want = f.forged === 'true';
    extra.push((r) => ((ix.flags[r]! & FLAG_FORGED) !== 0) === want);
  }
  return { facetTests, extra };
}

/** Postmasters see a message when its SASL login or its sender is in one of their domains. */
export function scopeTest(ix: QueueIndex, principal: Pick<Principal, 'role' | 'domains'>): Test | null {
  if (principal.role === 'admin') return null;
  const allowed = new Set(principal.domains.map((d) => ix.pool.find(d.toLowerCase())).filter((id) => id !== NONE));
  return (r) => allowed.has(ix.cols.saslDomain[r]!) || allowed.has(ix.cols.senderDomain[r]!);
}

export function queryQueue(ix: QueueIndex, q: QueueQuery, principal: Pick<Principal, 'role' | 'domains'>, now = Math.floor(Date.now() / 1000)): QueueQueryResult {
  const { facetTests, extra } = compile(ix, q, now);
  const inScope = scopeTest(ix, principal);
  const counters = FACETS.map((name) => new Uint32Array(name === 'queue' ? QUEUE_NAMES.length : name === 'age' ? AGE_BUCKETS.length : ix.pool.size + 1));
  const matches = new Uint8Array(ix.length);
  const c = ix.cols;
  const plain: [number, Int32Array][] = [[0, c.saslUser], [1, c.clientIp], [2, c.sender], [3, c.senderDomain], [6, c.reasonClass]];
  let total = 0;
  for (let r = 0; r < ix.length; r++) {
    if (!(ix.flags[r]! & FLAG_ALIVE) || (inScope && !inScope(r))) continue;
    if (extra.some((t) => !t(r))) continue;
    let failed = -1;
    let fails = 0;
    for (let i = 0; i < facetTests.length && fails < 2; i++) {
      const t = facetTests[i];
      if (t && !t(r)) {
        failed = i;
        fails++;
      }
    }
    if (fails > 1) continue;
    if (fails === 0) {
      matches[r] = 1;
      total++;
    }
    for (const [i, arr] of plain) if (fails === 0 || failed === i) counters[i]![arr[r]! + 1]!++;
    if (fails === 0 || failed === 4) {
      const s = c.domainSet[r]!;
      const pairs = s >= 0 ? ix.domainSets[s]! : null;
      if (pairs) for (let k = 0; k < pairs.length; k += 2) counters[4]![pairs[k]! + 1]!++;
      else counters[4]![0]!++;
    }
    if (fails === 0 || failed === 5) counters[5]![ix.queue[r]!]!++;
    if (fails === 0 || failed === 7) counters[7]![ageBucket(now - ix.arrival[r]!)]!++;
  }
  const facets = Object.fromEntries(FACETS.map((name, i) => [name, topValues(ix, name, counters[i]!)])) as Record<FacetName, FacetValue[]>;
  const rows: QueueRowView[] = [];
  const skip = (q.page - 1) * q.pageSize;
  if (skip < total) {
    const order = sortedRows(ix, q.sort);
    let seen = 0;
    const desc = q.order === 'desc';
    for (let k = 0; k < order.length && rows.length < q.pageSize; k++) {
      const r = order[desc ? order.length - 1 - k : k]!;
      if (!matches[r]) continue;
      if (seen++ >= skip) rows.push(rowView(ix, r));
    }
  }
  return { total, rows, facets };
}

function topValues(ix: QueueIndex, name: FacetName, counts: Uint32Array): FacetValue[] {
  const top: FacetValue[] = [];
  const label = (i: number): string => {
    if (name === 'queue') return QUEUE_NAMES[i] ?? '';
    if (name === 'age') return AGE_BUCKETS[i]?.key ?? '';
    if (i === 0) return NONE_VALUE;
    const s = ix.pool.get(i - 1) ?? '';
    return name === 'sender' && s === '' ? '<>' : s;
  };
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    if (n === 0 || (top.length === FACET_SIZE && n < top[FACET_SIZE - 1]!.count)) continue;
    const value = label(i);
    let at = top.length;
    // Ties read alphabetically, so equal counts never shuffle between requests.
    while (at > 0 && (top[at - 1]!.count < n || (top[at - 1]!.count === n && top[at - 1]!.value > value))) at--;
    top.splice(at, 0, { value, count: n });
    if (top.length > FACET_SIZE) top.pop();
  }
  // Age buckets read best in their own order, like qshape's columns.
  if (name === 'age') top.sort((a, b) => AGE_BUCKETS.findIndex((x) => x.key === a.value) - AGE_BUCKETS.findIndex((x) => x.key === b.value));
  return top;
}
