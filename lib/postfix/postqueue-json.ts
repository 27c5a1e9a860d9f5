// Parser for `postqueue -j`: one JSON object per line, one line per queued
// message (src/postqueue/showq_json.c). Built to stream: feed lines as they
// arrive over SSH to parsePostqueueLine(); a bad line is reported and counted,
// never thrown. Postfix spells the expiry flag "forced_expire" in its manual
// and "force_expired" in some builds; both are read.
import { z } from 'zod';
import { QUEUE_NAMES } from './envelope';
import type { QueueName } from './envelope';
import { isQueueId } from './queue-id';

export interface PostqueueRecipient {
  address: string;
  delayReason?: string;
}

export interface PostqueueRow {
  queueName: QueueName;
  queueId: string;
  arrivalTime: Date;
  messageSize: number;
  forcedExpire?: boolean;
  /** '' for the null sender. */
  sender: string;
  recipients: PostqueueRecipient[];
}

export type PostqueueLineResult = { ok: true; row: PostqueueRow } | { ok: false; error: string };

const rowSchema = z.object({
  queue_name: z.enum(QUEUE_NAMES),
  queue_id: z.string().refine(isQueueId, { message: 'not a Postfix queue ID' }),
  arrival_time: z.number().int().nonnegative(),
  message_size: z.number().int().nonnegative(),
  forced_expire: z.boolean().optional(),
  force_expired: z.boolean().optional(),
  sender: z.string(),
  recipients: z.array(z.object({ address: z.string(), delay_reason: z.string().optional() })),
});

/** Parse one line; null for a blank line (e.g. the final newline). */
export function parsePostqueueLine(line: string): PostqueueLineResult | null {
  const text = line.trim();
  if (text === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: `not JSON: ${text.slice(0, 120)}` };
  }
  const parsed = rowSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}` };
  }
  const d = parsed.data;
  const row: PostqueueRow = {
    queueName: d.queue_name,
    queueId: d.queue_id,
    arrivalTime: new Date(d.arrival_time * 1000),
    messageSize: d.message_size,
    sender: d.sender,
    recipients: d.recipients.map((r) => (r.delay_reason !== undefined ? { address: r.address, delayReason: r.delay_reason } : { address: r.address })),
  };
  const expire = d.forced_expire ?? d.force_expired;
  if (expire !== undefined) row.forcedExpire = expire;
  return { ok: true, row };
}

export interface PostqueueParse {
  rows: PostqueueRow[];
  bad: number;
  /** First few problems, with 1-based line numbers, for the UI. */
  errors: { line: number; error: string }[];
}

const MAX_ERRORS = 20;

/** Whole-output convenience wrapper around parsePostqueueLine(). */
export function parsePostqueueJson(text: string): PostqueueParse {
  const out: PostqueueParse = { rows: [], bad: 0, errors: [] };
  text.split('\n').forEach((line, i) => {
    const r = parsePostqueueLine(line);
    if (r === null) return;
    if (r.ok) out.rows.push(r.row);
    else {
      out.bad++;
      if (out.errors.length < MAX_ERRORS) out.errors.push({ line: i + 1, error: r.error });
    }
  });
  return out;
}
