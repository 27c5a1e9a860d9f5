import { z } from 'zod';
import { queueIdSchema } from '@/lib/postfix/queue-id';
import { queueFilterSchema } from '@/lib/queue/schemas';

// What POST /api/hosts/{host}/queue/actions accepts. Checked in full before
// anything reaches SSH: one malformed id makes the whole request a 422 and
// nothing runs.

export const QUEUE_ACTIONS = ['hold', 'release', 'requeue', 'delete', 'flush'] as const;
export type QueueAction = (typeof QUEUE_ACTIONS)[number];

export const MAX_ACTION_IDS = 500_000;

/** Ids the console itself hands out (previews, jobs, id lists): random UUIDs. */
export const tokenSchema = z.uuid();

export const actionRequestSchema = z
  .strictObject({
    action: z.enum(QUEUE_ACTIONS),
    ids: z.array(queueIdSchema).min(1).max(MAX_ACTION_IDS).optional(),
    filter: queueFilterSchema.strict().optional(),
    /** Release exactly what this audit entry (a queue.hold) held. */
    fromAudit: z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d{0,18}$/)]).optional(),
    dryRun: z.boolean().default(false),
    confirm: z.string().trim().max(320).optional(),
    /** The preview this execution follows, to report what arrived or left since. */
    previewId: tokenSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const targets = [v.ids, v.filter, v.fromAudit].filter((x) => x !== undefined).length;
    if (targets !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of ids, filter or fromAudit' });
    if (v.fromAudit !== undefined && v.action !== 'release')
      ctx.addIssue({ code: 'custom', path: ['fromAudit'], message: 'fromAudit only releases what a hold held' });
  });
export type ActionRequest = z.infer<typeof actionRequestSchema>;

export const jobQuerySchema = z.strictObject({ job: tokenSchema });
