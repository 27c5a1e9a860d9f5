import { z } from 'zod';

/** GET /api/mailboxes/activity?u=…&u=…: up to 100 addresses. */
export const activityQuerySchema = z.strictObject({
  u: z.array(z.string().trim().toLowerCase().min(3).max(255)).max(100),
});

export type MailboxActivity = {
  /** null: no host's queue has been scanned yet. */
  queued: number | null;
  lastLogin: string | null;
};
