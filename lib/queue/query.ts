// Filters, facets, sort and paging over one host's queue index.
//
// Facets follow the usual faceted-search rule: each facet is counted over
// the messages that match every OTHER active filter, so after clicking a
// SASL user the SASL-user facet still shows the other logins (to compare or
// switch) while the IP facet shows only that login's IPs. One pass over the
// rows does it: a row failing exactly one filter still counts for that
// filter's own facet. The loop is written flat (no per-row closures): it
// runs over 300,000 rows on every page request.
import type { Principal } from '@/lib/auth/principal';
import { QUEUE_NAMES } from '@/lib/postfix/envelope';
import type { FilterContext } from './bounce-of';
import { FLAG_ALIVE, FLAG_FORGED, type QueueIndex } from './index-store';
import { rowView, type QueueRowView } from './row-view';
import { AGE_BUCKETS, durationSeconds, FACETS, NONE_VALUE, type FacetName, type QueueQuery } from './schemas';
import { sortedRows } from './sort-order';
import { NONE } from './string-pool';

export { FACETS, rowView, type FacetName, type QueueRowView };
export type FacetValue = { value: string; count: number };
export const FACET_SIZE = 20;
const ANY = -3;
const NO_MATCH = -2;
// Upper bounds of the age buckets in seconds (the last one is open).
const AGE_LIMITS = AGE_BUCKETS.slice(0, -1).map((b) => b.max * 60);

export interface QueueQueryResult {
  total: number;
  rows: QueueRowView[];
  facets: Record<FacetName, FacetValue[]>;
}

export function emptyFacets(): Record<FacetName, FacetValue[]> {
  return Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as Record<FacetName, FacetValue[]>;
}

export function ageBucket(ageSeconds: number): number {
  let b = 0;
  while (b < AGE_LIMITS.length && ageSeconds >= AGE_LIMITS[b]!) b++;
  return b;
}

/** The pool id a filter value stands for: NONE for "(none)", NO_MATCH if never seen, ANY if unset. */
function idFor(ix: QueueIndex, value: string | undefined, lower = false): number {
  if (value === undefined) return ANY;
  if (value === NONE_VALUE) return NONE;
  const id = ix.pool.find(lower ? value.toLowerCase() : value);
  return id === NONE ? NO_MATCH : id;
}

/** Postmasters see a message when its SASL login or its sender is in one of their domains. */
function scopeMask(ix: QueueIndex, principal: Pick<Principal, 'role' | 'domains'>): Uint8Array | null {
  if (principal.role === 'admin') return null;
  const mask = new Uint8Array(ix.pool.size + 1);
  for (const d of principal.domains) {
    const id = ix.pool.find(d.toLowerCase());
    if (id !== NONE) mask[id + 1] = 1;
  }
  return mask;
}

type Scratch = Record<'cSasl' | 'cIp' | 'cSender' | 'cSenderDom' | 'cRcptDom' | 'cClass' | 'cQueue' | 'cAge', Uint32Array> & { matches: Uint8Array };
const scratches = new WeakMap<QueueIndex, Scratch>();

// Counters are reused between requests (zeroed, not reallocated): a page
// request then allocates almost nothing, and the GC stays out of the p95.
function scratchFor(ix: QueueIndex): Scratch {
  const size = ix.pool.size + 1;
  let s = scratches.get(ix);
  if (!s || s.cSasl.length < size || s.matches.length < ix.length) {
    const cap = Math.ceil(size * 1.25);
    const u = () => new Uint32Array(cap);
    s = {
      cSasl: u(),
      cIp: u(),
      cSender: u(),
      cSenderDom: u(),
      cRcptDom: u(),
      cClass: u(),
      cQueue: new Uint32Array(QUEUE_NAMES.length),
      cAge: new Uint32Array(AGE_BUCKETS.length),
      matches: new Uint8Array(Math.ceil(ix.length * 1.25)),
    };
    scratches.set(ix, s);
  } else {
    for (const a of [s.cSasl, s.cIp, s.cSender, s.cSenderDom, s.cRcptDom, s.cClass, s.cQueue, s.cAge]) a.fill(0);
    s.matches.fill(0);
  }
  return s;
}

/** The same rule as a row test, for other modules that walk the index (lib/incident). */
export function scopeTest(ix: QueueIndex, principal: Pick<Principal, 'role' | 'domains'>): ((row: number) => boolean) | null {
  const mask = scopeMask(ix, principal);
  if (!mask) return null;
  return (r) => mask[ix.cols.saslDomain[r]! + 1] === 1 || mask[ix.cols.senderDomain[r]! + 1] === 1;
}

/**
 * `ctx` carries what the index cannot answer alone: the bounceOf mask
 * (lib/queue/bounce-of.ts). A bounceOf filter without its mask matches
 * nothing rather than every bounce.
 */
export function queryQueue(
  ix: QueueIndex,
  q: QueueQuery,
  principal: Pick<Principal, 'role' | 'domains'>,
  now = Math.floor(Date.now() / 1000),
  ctx: FilterContext = {},
): QueueQueryResult {
  // Imported bindings may compile to getter calls; read them once, not per row.
  const ALIVE = FLAG_ALIVE,
    FORGED = FLAG_FORGED,
    NOT_SET = ANY,
    NULL_ID = NONE;
  const c = ix.cols;
  const { flags, arrival, queue, domData, domStart, domLen } = ix;
  const [saslUser, clientIp, sender, senderDomain, reasonClass, reason, saslDomain] = [
    c.saslUser,
    c.clientIp,
    c.sender,
    c.senderDomain,
    c.reasonClass,
    c.reason,
    c.saslDomain,
  ];
  const fSasl = idFor(ix, q.saslUser);
  const fIp = idFor(ix, q.clientIp);
  // "<>" is the null sender, stored as '' (or absent).
  const fSender = q.sender === '<>' ? ix.pool.find('') : idFor(ix, q.sender);
  const fSender2 = q.sender === '<>' ? NONE : fSender;
  const fSenderDom = idFor(ix, q.senderDomain, true);
  const fRcptDom = idFor(ix, q.recipientDomain, true);
  const fQueue = q.queue === undefined ? ANY : QUEUE_NAMES.indexOf(q.queue);
  const fClass = idFor(ix, q.reasonClass);
  const fAge = q.age === undefined ? ANY : AGE_BUCKETS.findIndex((b) => b.key === q.age);
  const cutoff = q.olderThan ? now - durationSeconds(q.olderThan) : -1;
  const fForged = q.forged === undefined ? -1 : q.forged === 'true' ? FORGED : 0;
  const needle = q.reason?.toLowerCase();
  const reasonMemo = needle ? new Int8Array(ix.pool.size + 1) : null;
  const scope = scopeMask(ix, principal);
  const bounceOf = q.bounceOf === undefined ? null : (ctx.bounceOf ?? new Uint8Array(0));
  const { cSasl, cIp, cSender, cSenderDom, cRcptDom, cClass, cQueue, cAge, matches } = scratchFor(ix);
  let total = 0;
  for (let r = 0; r < ix.length; r++) {
    const fl = flags[r]!;
    if (!(fl & ALIVE)) continue;
    if (scope && !scope[saslDomain[r]! + 1] && !scope[senderDomain[r]! + 1]) continue;
    if (cutoff >= 0 && arrival[r]! >= cutoff) continue;
    if (fForged >= 0 && (fl & FORGED) !== fForged) continue;
    if (bounceOf && bounceOf[r] !== 1) continue;
    if (reasonMemo) {
      const id = reason[r]! + 1;
      if (reasonMemo[id] === 0) reasonMemo[id] = (ix.pool.get(id - 1) ?? '').toLowerCase().includes(needle!) ? 1 : 2;
      if (reasonMemo[id] !== 1) continue;
    }
    let fails = 0;
    let failed = -1;
    const su = saslUser[r]!,
      ip = clientIp[r]!,
      snd = sender[r]!,
      sd = senderDomain[r]!,
      cl = reasonClass[r]!,
      qu = queue[r]!;
    const ds = domStart[r]!,
      de = ds + domLen[r]!;
    if (fSasl !== NOT_SET && su !== fSasl) {
      fails++;
      failed = 0;
    }
    if (fIp !== NOT_SET && ip !== fIp) {
      fails++;
      failed = 1;
    }
    if (fSender !== NOT_SET && snd !== fSender && snd !== fSender2) {
      fails++;
      failed = 2;
    }
    if (fSenderDom !== NOT_SET && sd !== fSenderDom) {
      fails++;
      failed = 3;
    }
    if (fRcptDom !== NOT_SET) {
      let hit = fRcptDom === NULL_ID && de === ds;
      for (let k = ds; k < de && !hit; k += 2) hit = domData[k] === fRcptDom;
      if (!hit) {
        fails++;
        failed = 4;
      }
    }
    if (fQueue !== NOT_SET && qu !== fQueue) {
      fails++;
      failed = 5;
    }
    if (fClass !== NOT_SET && cl !== fClass) {
      fails++;
      failed = 6;
    }
    const ab = ageBucket(now - arrival[r]!);
    if (fAge !== NOT_SET && ab !== fAge) {
      fails++;
      failed = 7;
    }
    if (fails > 1) continue;
    if (fails === 0) {
      matches[r] = 1;
      total++;
    }
    const all = fails === 0;
    if (all || failed === 0) cSasl[su + 1]!++;
    if (all || failed === 1) cIp[ip + 1]!++;
    if (all || failed === 2) cSender[snd + 1]!++;
    if (all || failed === 3) cSenderDom[sd + 1]!++;
    if (all || failed === 4) {
      if (de === ds) cRcptDom[0]!++;
      for (let k = ds; k < de; k += 2) cRcptDom[domData[k]! + 1]!++;
    }
    if (all || failed === 5) cQueue[qu]!++;
    if (all || failed === 6) cClass[cl + 1]!++;
    if (all || failed === 7) cAge[ab]!++;
  }
  const counters: Record<FacetName, Uint32Array> = {
    saslUser: cSasl,
    clientIp: cIp,
    sender: cSender,
    senderDomain: cSenderDom,
    recipientDomain: cRcptDom,
    queue: cQueue,
    reasonClass: cClass,
    age: cAge,
  };
  const facets = Object.fromEntries(FACETS.map((name) => [name, topValues(ix, name, counters[name])])) as Record<FacetName, FacetValue[]>;
  // The value a facet is filtered on stays visible (and removable there) even outside its top 20.
  const active: Partial<Record<FacetName, number>> = {
    saslUser: fSasl,
    clientIp: fIp,
    sender: fSender,
    senderDomain: fSenderDom,
    recipientDomain: fRcptDom,
    reasonClass: fClass,
    queue: fQueue,
    age: fAge,
  };
  for (const name of FACETS) {
    const raw = q[name];
    const id = active[name]!;
    if (raw === undefined) continue;
    const value = name === 'senderDomain' || name === 'recipientDomain' ? raw.toLowerCase() : raw;
    if (facets[name].some((f) => f.value === value)) continue;
    const slot = name === 'queue' || name === 'age' ? id : id + 1;
    let count = slot >= 0 ? (counters[name][slot] ?? 0) : 0;
    if (name === 'sender' && raw === '<>' && fSender !== NONE) count += counters.sender[0] ?? 0;
    facets[name].push({ value, count });
  }
  const rows: QueueRowView[] = [];
  const skip = (q.page - 1) * q.pageSize;
  if (skip < total) {
    const order = sortedRows(ix, q.sort);
    const desc = q.order === 'desc';
    let seen = 0;
    for (let k = 0; k < order.length && rows.length < q.pageSize; k++) {
      const r = order[desc ? order.length - 1 - k : k]!;
      if (matches[r] && seen++ >= skip) rows.push(rowView(ix, r));
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
  const end = name === 'queue' || name === 'age' ? counts.length : Math.min(counts.length, ix.pool.size + 1);
  for (let i = 0; i < end; i++) {
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
