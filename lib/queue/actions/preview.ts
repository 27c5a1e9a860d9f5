// The preview of an action: what it would touch, how much of it looks like
// real mail, what to type to confirm it, and the advice to hold first.
import type { FilterContext } from '@/lib/queue/bounce-of';
import type { QueueIndex } from '@/lib/queue/index-store';
import type { QueueFilter } from '@/lib/queue/schemas';
import { confirmationFor, isFlushAll } from './confirm';
import type { QueueAction } from './schemas';
import { sampleRows, selectTargets, total, type Scope, type Selection } from './select';
import type { ActionPreview } from './types';

export interface PreviewInput {
  action: QueueAction;
  filter?: QueueFilter;
  ids?: readonly string[];
}

export function adviceFor(action: QueueAction, sel: Pick<Selection, 'byQueue' | 'ids'>, flushAll: boolean): ActionPreview['advice'] {
  const advice: ActionPreview['advice'] = [];
  const notHeld = sel.ids.length - (sel.byQueue.hold ?? 0);
  // Hold is undone with one click; delete is not. Delete is for what is held.
  if (action === 'delete' && notHeld > 0) advice.push('hold-first');
  if (action === 'hold' && sel.ids.length > 0) advice.push('delete-held');
  if (action === 'flush') advice.push(flushAll ? 'flush-all' : 'flush-as-requeue');
  return advice;
}

export function buildPreview(
  ix: QueueIndex,
  input: PreviewInput,
  who: Scope,
  ctx: { host: string; now: number; previewId: string; indexAt: string | null; filterContext?: FilterContext },
): { preview: ActionPreview; selection: Selection } {
  const sel = selectTargets(ix, input, who, ctx.now, ctx.filterContext);
  const flushAll = isFlushAll(input.action, input.filter, who.role);
  const count = sel.ids.length;
  const preview: ActionPreview = {
    previewId: ctx.previewId,
    action: input.action,
    filter: input.filter ?? null,
    selected: input.ids ? input.ids.length : null,
    byQueue: sel.byQueue,
    total: total(sel.byQueue),
    skippedByQueue: sel.skippedByQueue,
    unknown: sel.unknown.length,
    legitLooking: sel.legitLooking,
    sample: sampleRows(ix, sel.rows),
    confirmation: confirmationFor({ count, filter: input.filter ?? null, selected: input.ids ? count : null, flushAll, host: ctx.host }),
    advice: adviceFor(input.action, sel, flushAll),
    indexAt: ctx.indexAt,
  };
  return { preview, selection: sel };
}
