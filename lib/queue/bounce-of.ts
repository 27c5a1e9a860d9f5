// The `bounceOf=<login>` filter: null-sender messages (our bounces) whose
// every recipient is a forged sender that login used. The queue index holds
// recipient domains, not addresses, so the filter is resolved in two steps:
// the index narrows the bounces to those addressed to the forged senders'
// domains (bounceCandidates), the caller reads those bounces' recipients
// from their envelopes, and bounceMask marks the rows whose recipients are
// all forged senders. queryQueue and the action selector then read the
// same mask, so what the page counts is what an action touches. Pure.
import { FLAG_ALIVE, FLAG_FORGED, type QueueIndex } from './index-store';
import { NONE } from './string-pool';

/** Resolved filter state that the index alone cannot answer (see queryQueue). */
export interface FilterContext {
  /** Row r matches bounceOf when bounceOf[r] === 1; rows past its end do not match. */
  bounceOf?: Uint8Array;
}

/** A bounce's envelope recipients, with the index's arrival of the row they were read for. */
export type EnvelopeRecipients = { arrival: number; recipients: string[] };

const lower = (s: string) => s.toLowerCase();

/** Pool ids of the SASL login, whatever case the envelopes wrote it in. */
function loginIds(ix: QueueIndex, login: string): Set<number> {
  const want = lower(login);
  const ids = new Set<number>();
  const values = ix.pool.values;
  for (let i = 0; i < values.length; i++) if (values[i]!.length === want.length && lower(values[i]!) === want) ids.add(i);
  return ids;
}

/** Lower-case sender addresses of the login's queued mail sent as another domain (forged), per the index. */
export function forgedSendersOf(ix: QueueIndex, login: string): Set<string> {
  const ids = loginIds(ix, login);
  const out = new Set<string>();
  if (ids.size === 0) return out;
  const seen = new Set<number>();
  const { saslUser, sender } = ix.cols;
  for (let r = 0; r < ix.length; r++) {
    const fl = ix.flags[r]!;
    if (!(fl & FLAG_ALIVE) || !(fl & FLAG_FORGED) || !ids.has(saslUser[r]!)) continue;
    const s = sender[r]!;
    if (s === NONE || seen.has(s)) continue;
    seen.add(s);
    const v = ix.pool.get(s);
    if (v) out.add(lower(v));
  }
  return out;
}

function isNullSender(ix: QueueIndex, empty: number, r: number): boolean {
  const s = ix.cols.sender[r]!;
  return s === NONE || s === empty;
}

/** Live null-sender rows whose every recipient domain is the domain of one of the senders. */
export function bounceCandidates(ix: QueueIndex, senders: ReadonlySet<string>): number[] {
  if (senders.size === 0) return [];
  const domains = new Set<number>();
  for (const s of senders) {
    const at = s.lastIndexOf('@');
    const id = at < 0 ? NONE : ix.pool.find(s.slice(at + 1));
    if (id !== NONE) domains.add(id);
  }
  const out: number[] = [];
  if (domains.size === 0) return out;
  const empty = ix.pool.find('');
  for (let r = 0; r < ix.length; r++) {
    if (!(ix.flags[r]! & FLAG_ALIVE) || !isNullSender(ix, empty, r)) continue;
    const pairs = ix.domainPairs(r);
    if (pairs.length === 0) continue;
    let all = true;
    for (let k = 0; k < pairs.length && all; k += 2) all = domains.has(pairs[k]!);
    if (all) out.push(r);
  }
  return out;
}

/**
 * The rows of `candidates` whose envelope (same id and arrival) lists only
 * recipients among `senders`. A row whose envelope could not be read does
 * not match: a bounce to somebody else must never be counted or touched.
 */
export function bounceMask(
  ix: QueueIndex,
  candidates: readonly number[],
  senders: ReadonlySet<string>,
  envelopes: ReadonlyMap<string, EnvelopeRecipients>,
): Uint8Array {
  const mask = new Uint8Array(ix.length);
  const empty = ix.pool.find('');
  for (const r of candidates) {
    // The index may have changed while the envelopes were read: the row must still be that bounce.
    if (!(ix.flags[r]! & FLAG_ALIVE) || !isNullSender(ix, empty, r)) continue;
    const id = ix.ids[r];
    const env = id === undefined ? undefined : envelopes.get(id);
    // The arrival (the index's, when the envelope was read) guards against a queue id reused since.
    if (!env || env.arrival !== ix.arrival[r] || env.recipients.length === 0) continue;
    if (env.recipients.every((a) => senders.has(lower(a)))) mask[r] = 1;
  }
  return mask;
}
