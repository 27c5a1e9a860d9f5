// Runs one queue action exactly: refresh the index (a reader pass that
// reads only new or changed files), evaluate the filter on it, pass exactly
// those ids to postsuper on stdin, then move or drop them in the index from
// what postsuper says it did. Transport-free: the console hands in lib/ssh,
// the benchmark a plain SSH connection.
import type { FilterContext } from '@/lib/queue/bounce-of';
import type { QueueIndex } from '@/lib/queue/index-store';
import type { QueueFilter } from '@/lib/queue/schemas';
import { isFlushAll } from './confirm';
import { addCounts, parsePostsuperStderr, type PostsuperCounts, type PostsuperFlag } from '@/lib/postfix/postsuper';
import { noteActed } from '@/lib/queue/index-moves';
import type { QueueAction } from './schemas';
import { selectTargets, type Scope, type Selection } from './select';
import type { ActionResult, JobPhase } from './types';

export const FLAG_OF: Record<QueueAction, PostsuperFlag> = { hold: '-h', release: '-H', requeue: '-r', delete: '-d', flush: '-r' };

// lib/ssh keeps 1 MiB of a command's stderr; postsuper writes one line per
// message and its summary last, so each run stays well under that.
const STDERR_BUDGET = 900_000;
const MAX_BATCH = 20_000;

export interface JobProgress {
  phase: JobPhase;
  total?: number;
  done?: number;
  /** What postsuper reported so far: what survives if the process dies mid-action. */
  acted?: number;
  postsuper?: PostsuperCounts;
}

export interface ExecuteDeps {
  refresh(): Promise<QueueIndex>;
  /** What the filter needs beyond the index (bounceOf's envelope reads), resolved on the refreshed index. */
  filterContext?(ix: QueueIndex, filter: QueueFilter): Promise<FilterContext>;
  postsuper(flag: PostsuperFlag, stdin: string): Promise<{ stderr: string }>;
  /** `postqueue -f`: retry the whole deferred queue now. */
  flushAll(): Promise<void>;
  progress?(p: JobProgress): void;
  /** Called with the exact targets before anything runs; throwing stops the action (confirmation). */
  beforeExecute?(sel: Selection, ctx: { flushAll: boolean }): void | Promise<void>;
}

export interface ExecuteInput {
  action: QueueAction;
  filter?: QueueFilter;
  ids?: readonly string[];
  /** Ids the preview showed, to tell what arrived or left since. */
  preview?: { ids: readonly string[] } | null;
  who: Scope;
  now?: () => number;
}

export interface ExecuteOutcome {
  result: Omit<ActionResult, 'actionId' | 'host'>;
  passed: string[];
  acted: string[];
  problems: string[];
  selection: Selection;
  /** The error that stopped postsuper part-way (what ran before it is in the result). */
  failure: unknown;
}

/** Ids per postsuper run: as many as keep its stderr (longest verb, longest id) within the budget. */
export function batchesOf(ids: readonly string[]): string[][] {
  const longest = ids.reduce((m, id) => Math.max(m, id.length), 0);
  const line = 'postsuper: '.length + longest + ': released from hold\n'.length;
  const size = Math.max(1, Math.min(MAX_BATCH, Math.floor(STDERR_BUDGET / line)));
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

function compareWithPreview(ix: QueueIndex, sel: Selection, preview: { ids: readonly string[] }) {
  const now = new Set(sel.ids);
  const before = new Set(preview.ids);
  let arrived = 0;
  for (const id of sel.ids) if (!before.has(id)) arrived++;
  let gone = 0;
  let noLongerMatching = 0;
  for (const id of before) {
    if (now.has(id)) continue;
    if (ix.byId.has(id)) noLongerMatching++;
    else gone++;
  }
  return { arrived, gone, noLongerMatching };
}

export async function executeAction(input: ExecuteInput, deps: ExecuteDeps): Promise<ExecuteOutcome> {
  const clock = input.now ?? (() => Date.now());
  const t0 = clock();
  deps.progress?.({ phase: 'refresh' });
  const ix = await deps.refresh();
  const ctx = input.filter && !input.ids && deps.filterContext ? await deps.filterContext(ix, input.filter) : {};
  const t1 = clock();
  const sel = selectTargets(ix, input, input.who, Math.floor(t1 / 1000), ctx);
  const flushAll = !input.ids && isFlushAll(input.action, input.filter, input.who.role);
  await deps.beforeExecute?.(sel, { flushAll });
  const t2 = clock();
  const flag = FLAG_OF[input.action];
  const passed = flushAll ? [] : sel.ids;
  deps.progress?.({ phase: 'execute', total: passed.length, done: 0 });
  let counts: PostsuperCounts = {};
  const acted: string[] = [];
  const problems: string[] = [];
  let runs = 0;
  // A failing run stops the rest, but what earlier runs did is still applied and reported.
  let failure: unknown = null;
  try {
    if (flushAll) {
      await deps.flushAll();
    } else {
      let sent = 0;
      for (const batch of batchesOf(passed)) {
        runs++;
        const { stderr } = await deps.postsuper(flag, `${batch.join('\n')}\n`);
        const out = parsePostsuperStderr(stderr, flag);
        counts = addCounts(counts, out.counts);
        for (const id of out.acted) acted.push(id);
        problems.push(...out.problems);
        sent += batch.length;
        deps.progress?.({ phase: 'execute', total: passed.length, done: sent, acted: acted.length, postsuper: counts });
      }
    }
  } catch (err) {
    failure = err;
  }
  const t3 = clock();
  deps.progress?.({ phase: 'update', total: passed.length, done: passed.length });
  noteActed(ix, acted, flag);
  const t4 = clock();
  const cmp = input.preview && !input.ids ? compareWithPreview(ix, sel, input.preview) : null;
  return {
    result: {
      action: input.action,
      requested: passed.length,
      acted: acted.length,
      postsuper: counts,
      runs,
      gone: input.ids ? sel.unknown.length : (cmp?.gone ?? 0),
      notActed: passed.length - acted.length,
      arrivedSincePreview: cmp ? cmp.arrived : null,
      noLongerMatching: cmp ? cmp.noLongerMatching : null,
      skippedByQueue: sel.skippedByQueue,
      flushedAll: flushAll,
      durationMs: t4 - t0,
      phases: { refreshMs: t1 - t0, selectMs: t2 - t1, executeMs: t3 - t2, updateMs: t4 - t3 },
      sampleIds: passed.slice(0, 20),
      error: failure === null ? null : failure instanceof Error ? failure.message : String(failure),
    },
    passed,
    acted,
    problems,
    selection: sel,
    failure,
  };
}
