import 'server-only';
import { db } from '@/lib/db';
import { deleteActionIds, loadActionIds, saveActionIds } from './id-store';
import { PREVIEW_TTL_MS, previewMatches, type PreviewMatch, type StoredPreview } from './previews';
import type { QueueAction } from './schemas';

// Previews in MariaDB, so a preview made through one console process can be
// executed through another: the row says who previewed what, the exact ids
// sit in mw_queue_action_ids (kind 'preview', action id = preview id).

export async function savePreview(p: StoredPreview): Promise<void> {
  await prunePreviews(p.at);
  await saveActionIds(p.id, p.host, p.ids, p.ids, 'preview');
  await db().mwQueuePreview.create({
    data: {
      id: p.id,
      host: p.host,
      actor: p.actor,
      action: p.action,
      targetKey: p.key,
      count: p.count,
      summary: JSON.stringify(p.summary),
      createdAt: new Date(p.at),
    },
  });
}

export async function findPreview(id: string, match: PreviewMatch, now = Date.now()): Promise<StoredPreview | null> {
  const r = await db().mwQueuePreview.findUnique({ where: { id } });
  if (!r) return null;
  const p = {
    id: r.id,
    host: r.host,
    actor: r.actor,
    action: r.action as QueueAction,
    key: r.targetKey,
    count: r.count,
    summary: JSON.parse(r.summary) as StoredPreview['summary'],
    at: r.createdAt.getTime(),
  };
  if (!previewMatches(p, match, now)) return null;
  const ids = await loadActionIds(id, 'preview');
  return ids ? { ...p, ids } : null;
}

async function prunePreviews(now: number): Promise<void> {
  const old = await db().mwQueuePreview.findMany({ where: { createdAt: { lt: new Date(now - PREVIEW_TTL_MS) } }, select: { id: true }, take: 200 });
  if (old.length === 0) return;
  await deleteActionIds(
    old.map((o) => o.id),
    'preview',
  );
  await db().mwQueuePreview.deleteMany({ where: { id: { in: old.map((o) => o.id) } } });
}
