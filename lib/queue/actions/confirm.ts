// Above a threshold an action must be confirmed by typing what it is
// about: the login, IP, sender or domain of the filter (what the admin
// decided to act on, not a number that changes as mail arrives), the number
// of selected messages, or the host's name for a flush of everything. The
// same rule serves the preview (what to ask) and the execution (what to check).
import type { QueueFilter } from '@/lib/queue/schemas';
import { NONE_VALUE } from '@/lib/queue/schemas';
import type { QueueAction } from './schemas';
import type { Confirmation } from './types';

export const CONFIRM_THRESHOLD = 100;

// The fields that name who or what the action is aimed at, most specific first.
const NAMING_FIELDS = ['saslUser', 'clientIp', 'sender', 'senderDomain', 'recipientDomain'] as const;

/** Whole-queue flush: `postqueue -f`, for an admin whose filter asks for all deferred mail. */
export function isFlushAll(action: QueueAction, filter: QueueFilter | undefined, role: 'admin' | 'postmaster'): boolean {
  if (action !== 'flush' || !filter || role !== 'admin') return false;
  const keys = Object.entries(filter).filter(([, v]) => v !== undefined);
  return keys.every(([k, v]) => k === 'queue' && v === 'deferred');
}

export function confirmationFor(opts: { count: number; filter: QueueFilter | null; selected: number | null; flushAll: boolean; host: string }): Confirmation {
  if (opts.count <= CONFIRM_THRESHOLD) return { required: false, expected: null, kind: null };
  if (opts.flushAll) return { required: true, expected: opts.host, kind: 'value' };
  if (opts.filter) {
    for (const field of NAMING_FIELDS) {
      const v = opts.filter[field];
      if (v !== undefined && v !== NONE_VALUE) return { required: true, expected: v, kind: 'value' };
    }
  }
  return { required: true, expected: String(opts.selected ?? opts.count), kind: 'count' };
}

/** Addresses and domains compare without case; numbers ignore thousands separators. */
export function confirmMatches(c: Confirmation, typed: string | undefined): boolean {
  if (!c.required) return true;
  if (typed === undefined || c.expected === null) return false;
  const t = typed.trim();
  if (c.kind === 'count') return t.replace(/[,.\s\u00a0']/g, '') === c.expected;
  return t.toLowerCase() === c.expected.toLowerCase();
}
