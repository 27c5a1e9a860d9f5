import 'server-only';
import { db } from '@/lib/db';
import { isQueueId } from '@/lib/postfix/queue-id';

// The exact ids of an action, beside its audit row (which names the action
// id): 'passed' = given to postsuper, 'acted' = named by postsuper as done.
// 'acted' is stored only when it differs, so the usual case costs one copy.

const CHUNK = 20_000;

/** preview: the ids a preview showed (action id = preview id; see preview-store.ts). */
export type IdKind = 'passed' | 'acted' | 'preview';

async function save(actionId: string, host: string, kind: IdKind, ids: readonly string[]): Promise<void> {
  // An empty list still gets its row: "postsuper did nothing" must not read as "same as passed".
  const rows = ids.length === 0 ? [{ actionId, kind, chunk: 0, host, count: 0, ids: '' }] : [];
  for (let i = 0, chunk = 0; i < ids.length; i += CHUNK, chunk++) {
    const part = ids.slice(i, i + CHUNK);
    rows.push({ actionId, kind, chunk, host, count: part.length, ids: part.join('\n') });
  }
  // One insert per chunk keeps each statement far below max_allowed_packet.
  for (const data of rows) await db().mwQueueActionIds.create({ data });
}

export async function saveActionIds(
  actionId: string,
  host: string,
  passed: readonly string[],
  acted: readonly string[],
  kind: 'passed' | 'preview' = 'passed',
): Promise<void> {
  await save(actionId, host, kind, passed);
  if (kind === 'preview') return;
  const passedSet = new Set(passed);
  const same = acted.length === passed.length && new Set(acted).size === passedSet.size && acted.every((id) => passedSet.has(id));
  if (!same) await save(actionId, host, 'acted', acted);
}

export async function loadActionIds(actionId: string, kind: IdKind): Promise<string[] | null> {
  let rows = await db().mwQueueActionIds.findMany({ where: { actionId, kind }, orderBy: { chunk: 'asc' }, select: { ids: true } });
  if (rows.length === 0 && kind === 'acted') {
    const passed = await db().mwQueueActionIds.count({ where: { actionId, kind: 'passed' } });
    if (passed === 0) return null;
    rows = await db().mwQueueActionIds.findMany({ where: { actionId, kind: 'passed' }, orderBy: { chunk: 'asc' }, select: { ids: true } });
  }
  if (rows.length === 0) return kind === 'acted' ? null : [];
  const out: string[] = [];
  for (const r of rows) for (const id of r.ids.split('\n')) if (isQueueId(id)) out.push(id);
  return out;
}

export async function deleteActionIds(actionIds: string[], kind: IdKind): Promise<void> {
  await db().mwQueueActionIds.deleteMany({ where: { actionId: { in: actionIds }, kind } });
}
