// Shapes the queue-action API returns; shared by the route, the dialog and
// the benchmark (no server code here).
import type { QueueName } from '@/lib/postfix/envelope';
import type { QueueFilter } from '@/lib/queue/schemas';
import type { QueueAction } from './schemas';
import type { PostsuperCounts } from '@/lib/postfix/postsuper';

export type QueueCounts = Partial<Record<QueueName, number>>;

export interface SampleRow {
  id: string;
  queue: QueueName;
  /** '' for the null sender. */
  sender: string;
  forged: boolean;
  saslUser: string | null;
  clientIp: string | null;
}

export interface Confirmation {
  required: boolean;
  /** What the admin must type: the filter's login/IP/sender/domain, or the number of messages. */
  expected: string | null;
  kind: 'value' | 'count' | null;
}

export interface ActionPreview {
  previewId: string;
  action: QueueAction;
  /** The filter as the server understood it (null for a selection). */
  filter: QueueFilter | null;
  selected: number | null;
  /** Messages the action would touch, by queue. */
  byQueue: QueueCounts;
  total: number;
  /** Matching messages the action leaves alone because of their queue (e.g. release: not on hold). */
  skippedByQueue: QueueCounts;
  /** Selected ids not in the queue (for postmasters: or not in their domains; the two read the same). */
  unknown: number;
  /** Non-null sender in the login's own domain: probably real mail. */
  legitLooking: number;
  sample: SampleRow[];
  confirmation: Confirmation;
  /** hold-first: delete of mail not on hold; flush-all: postqueue -f of the whole deferred queue. */
  advice: ('hold-first' | 'delete-held' | 'flush-all' | 'flush-as-requeue')[];
  /** When the index this preview was read from was last refreshed. */
  indexAt: string | null;
}

export interface ActionResult {
  actionId: string;
  action: QueueAction;
  host: string;
  /** Ids passed to postsuper (on stdin). */
  requested: number;
  /** Ids postsuper named as handled. */
  acted: number;
  /** postsuper's own summary lines, summed over its runs. */
  postsuper: PostsuperCounts;
  /** postsuper runs (one per 20,000 ids: its stderr names every id). */
  runs: number;
  /** Selected/previewed ids no longer in the queue after the refresh. */
  gone: number;
  /** Passed but not handled: they left the queue between the refresh and postsuper. */
  notActed: number;
  /** Matching now, not in the preview (null without a preview). */
  arrivedSincePreview: number | null;
  /** In the preview, still queued but no longer matching (e.g. moved queue). */
  noLongerMatching: number | null;
  skippedByQueue: QueueCounts;
  flushedAll: boolean;
  durationMs: number;
  phases: { refreshMs: number; selectMs: number; executeMs: number; updateMs: number };
  sampleIds: string[];
  /** Why postsuper stopped part-way; null when every run finished. */
  error: string | null;
}

/** interrupted: the console process running it stopped (restart, crash); done/acted say how far it got. */
export type JobPhase = 'queued' | 'refresh' | 'execute' | 'update' | 'done' | 'failed' | 'interrupted';

export interface ActionJobView {
  id: string;
  host: string;
  action: QueueAction;
  actor: string;
  phase: JobPhase;
  startedAt: string;
  elapsedMs: number;
  /** Ids to pass, once known; done counts those already through postsuper. */
  total: number | null;
  done: number;
  /** Ids postsuper named as handled so far, and its counts so far. */
  acted: number;
  postsuper: PostsuperCounts;
  result: ActionResult | null;
  error: { code: string; message: string } | null;
}

/** POST answer: a preview, a finished result, or a running job to poll. */
export type ActionResponse =
  { kind: 'preview'; preview: ActionPreview } | { kind: 'result'; result: ActionResult; job: ActionJobView } | { kind: 'job'; job: ActionJobView };
