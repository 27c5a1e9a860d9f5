import { z } from 'zod';
import { intString } from '@/lib/zod/strict';
import { AppError } from '@/lib/errors';
import { HOST_NAME_RE } from '@/lib/hosts/schemas';

// Request shapes of the alerts API, shared by the routes, the page and the
// OpenAPI description.

export const alertsQuerySchema = z.strictObject({
  state: z.enum(['active', 'resolved', 'all']).default('all'),
  host: z.string().regex(HOST_NAME_RE).optional(),
  limit: intString(1, 500).default(200),
});
export type AlertsQuery = z.infer<typeof alertsQuerySchema>;

/** Mute for an hour or a day; 0 lifts the mute. */
export const muteSchema = z.strictObject({ hours: z.union([z.literal(0), z.literal(1), z.literal(24)]) });

export const samplesQuerySchema = z.strictObject({ hours: intString(1, 24 * 7).default(24) });

/** An {id} path segment: digits only; anything else cannot exist. */
export function alertIdParam(value: string | string[] | undefined): bigint {
  if (typeof value !== 'string' || !/^\d{1,18}$/.test(value)) throw new AppError('not_found', 'Alert not found.');
  return BigInt(value);
}

export function channelIdParam(value: string | string[] | undefined): number {
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) throw new AppError('not_found', 'Channel not found.');
  return Number(value);
}
