// Previews a user asked for, kept so the execution that follows (in any
// console process: preview-store.ts keeps them in MariaDB) acts on what was
// previewed and can say what arrived or left in between.
import type { QueueAction } from './schemas';

export const PREVIEW_TTL_MS = 30 * 60_000;

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

export interface PreviewMatch {
  host: string;
  actor: string;
  action: QueueAction;
  key: string;
}

/** Same filter, same shape: key order must not matter. */
export function targetKey(t: { filter?: Record<string, unknown>; ids?: readonly string[] }): string {
  if (t.ids) return `ids:${t.ids.length}`;
  const f = t.filter ?? {};
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(f)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  );
}

/** The preview this execution follows: same user, host, action and target, not expired. */
export function previewMatches(p: Omit<StoredPreview, 'ids'>, match: PreviewMatch, now = Date.now()): boolean {
  if (now - p.at > PREVIEW_TTL_MS) return false;
  return p.host === match.host && p.actor === match.actor && p.action === match.action && p.key === match.key;
}
