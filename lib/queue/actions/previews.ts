// Previews a user asked for, kept briefly so the execution that follows can
// say what arrived or left in between. Ids are the index's own strings, so
// a 300,000-id preview costs an array of references, not copies.
import type { QueueAction } from './schemas';

const TTL_MS = 30 * 60_000;
const MAX = 50;

export interface StoredPreview {
  id: string;
  host: string;
  actor: string;
  action: QueueAction;
  /** What was previewed: the filter as JSON, or "ids:<n>". */
  key: string;
  ids: readonly string[];
  count: number;
  summary: { byQueue: Record<string, number | undefined>; total: number; legitLooking: number };
  at: number;
}

const store = globalThis as unknown as { __mwQueueActionPreviews?: Map<string, StoredPreview> };
const previews = () => (store.__mwQueueActionPreviews ??= new Map());

/** Same filter, same shape: key order must not matter. */
export function targetKey(t: { filter?: Record<string, unknown>; ids?: readonly string[] }): string {
  if (t.ids) return `ids:${t.ids.length}`;
  const f = t.filter ?? {};
  return JSON.stringify(Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b))));
}

export function savePreview(p: StoredPreview): void {
  const all = previews();
  for (const [id, old] of all) if (p.at - old.at > TTL_MS) all.delete(id);
  while (all.size >= MAX) all.delete(all.keys().next().value!);
  all.set(p.id, p);
}

/** The preview this execution follows: same user, host, action and target, not expired. */
export function findPreview(id: string, match: { host: string; actor: string; action: QueueAction; key: string }, now = Date.now()): StoredPreview | null {
  const p = previews().get(id);
  if (!p || now - p.at > TTL_MS) return null;
  if (p.host !== match.host || p.actor !== match.actor || p.action !== match.action || p.key !== match.key) return null;
  return p;
}
