// Which messages an action touches, read from the queue index. A filter is
// evaluated by the queue page's own query (queryQueue), so "what the page
// shows" and "what the action hits" cannot drift apart; a selection is
// looked up id by id. Then each action keeps only the queues postsuper
// handles for it. Pure: index in, ids out.
import type { Principal } from '@/lib/auth/principal';
import type { FilterContext } from '@/lib/queue/bounce-of';
import type { QueueName } from '@/lib/postfix/envelope';
import { FLAG_ALIVE, FLAG_FORGED, queueCode, queueName, type QueueIndex } from '@/lib/queue/index-store';
import { queryQueue } from '@/lib/queue/query';
import type { QueueFilter } from '@/lib/queue/schemas';
import { NONE } from '@/lib/queue/string-pool';
import type { QueueAction } from './schemas';
import type { QueueCounts, SampleRow } from './types';

/** Queues postsuper acts on per action (its defaults; maildrop is pickup's, corrupt is nobody's). */
export const ELIGIBLE: Record<QueueAction, readonly QueueName[]> = {
  hold: ['incoming', 'active', 'deferred'],
  release: ['hold'],
  requeue: ['hold', 'incoming', 'active', 'deferred'],
  delete: ['hold', 'incoming', 'active', 'deferred'],
  // Flushing means "retry now", which only deferred mail is waiting for.
  flush: ['deferred'],
};

export type Scope = Pick<Principal, 'role' | 'domains'>;

export interface Selection {
  /** Rows the action will touch, in the index's order. */
  rows: number[];
  ids: string[];
  byQueue: QueueCounts;
  skippedByQueue: QueueCounts;
  /** Selected ids the index does not have, or (postmasters) has outside their domains. */
  unknown: string[];
  legitLooking: number;
}

/** Postmasters reach a message whose SASL login or sender is in one of their domains (as on the queue page). */
export function scopeOf(ix: QueueIndex, who: Scope): ((row: number) => boolean) | null {
  if (who.role === 'admin') return null;
  const allowed = new Set(who.domains.map((d) => ix.pool.find(d.toLowerCase())).filter((id) => id !== NONE));
  return (r) => allowed.has(ix.cols.saslDomain[r]!) || allowed.has(ix.cols.senderDomain[r]!);
}

/** Every row a filter matches, through the page's query (all pages at once), with the same resolved context. */
export function filterRows(ix: QueueIndex, filter: QueueFilter, who: Scope, now: number, ctx: FilterContext = {}): number[] {
  const q = { ...filter, sort: 'arrival' as const, order: 'asc' as const, page: 1, pageSize: Math.max(1, ix.live) };
  const rows: number[] = [];
  for (const view of queryQueue(ix, q, who, now, ctx).rows) {
    const r = ix.byId.get(view.id);
    if (r !== undefined) rows.push(r);
  }
  return rows;
}

/** Real mail, probably: a sender (not a bounce) in the login's own domain, or no login at all. */
export function isLegitLooking(ix: QueueIndex, row: number): boolean {
  const sender = ix.cols.sender[row]!;
  if (sender === NONE || ix.pool.get(sender) === '') return false;
  return (ix.flags[row]! & FLAG_FORGED) === 0;
}

export function selectTargets(
  ix: QueueIndex,
  input: { action: QueueAction; filter?: QueueFilter; ids?: readonly string[] },
  who: Scope,
  now: number,
  ctx: FilterContext = {},
): Selection {
  const unknown: string[] = [];
  let candidates: number[];
  if (input.ids) {
    const inScope = scopeOf(ix, who);
    const seen = new Set<string>();
    candidates = [];
    for (const id of input.ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      const r = ix.byId.get(id);
      // Out of a postmaster's reach reads exactly like "not in the queue": no hint that it exists.
      if (r === undefined || !(ix.flags[r]! & FLAG_ALIVE) || (inScope && !inScope(r))) unknown.push(id);
      else candidates.push(r);
    }
  } else {
    candidates = filterRows(ix, input.filter ?? {}, who, now, ctx);
  }
  const eligible = new Set<number>(ELIGIBLE[input.action].map(queueCode));
  const sel: Selection = { rows: [], ids: [], byQueue: {}, skippedByQueue: {}, unknown, legitLooking: 0 };
  for (const r of candidates) {
    const code = ix.queue[r]!;
    const name = queueName(code);
    if (!eligible.has(code)) {
      sel.skippedByQueue[name] = (sel.skippedByQueue[name] ?? 0) + 1;
      continue;
    }
    sel.rows.push(r);
    sel.ids.push(ix.ids[r]!);
    sel.byQueue[name] = (sel.byQueue[name] ?? 0) + 1;
    if (isLegitLooking(ix, r)) sel.legitLooking++;
  }
  return sel;
}

export function sampleRows(ix: QueueIndex, rows: readonly number[], n = 10): SampleRow[] {
  return rows.slice(0, n).map((r) => ({
    id: ix.ids[r]!,
    queue: queueName(ix.queue[r]!),
    sender: ix.str('sender', r) ?? '',
    forged: (ix.flags[r]! & FLAG_FORGED) !== 0,
    saslUser: ix.str('saslUser', r),
    clientIp: ix.str('clientIp', r),
  }));
}

export function total(counts: QueueCounts): number {
  return Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
}
