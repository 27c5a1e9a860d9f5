import { z } from 'zod';
import { intString } from '@/lib/zod/strict';
import { QUEUE_NAMES } from '@/lib/postfix/envelope';
import { queueIdSchema } from '@/lib/postfix/queue-id';

// Everything the queue API accepts, checked before anything touches SSH:
// a malformed id, IP or filter is a 422, never a command on a host.

/** Facet value for "no SASL login / no client / no reason"; such values are never real data. */
export const NONE_VALUE = '(none)';

export const AGE_BUCKETS = [
  { key: '0-5m', max: 5 },
  { key: '5-10m', max: 10 },
  { key: '10-20m', max: 20 },
  { key: '20-40m', max: 40 },
  { key: '40-80m', max: 80 },
  { key: '80-160m', max: 160 },
  { key: '160-320m', max: 320 },
  { key: '320-640m', max: 640 },
  { key: '640-1280m', max: 1280 },
  { key: '1280m+', max: Infinity },
] as const;
export const AGE_BUCKET_KEYS = AGE_BUCKETS.map((b) => b.key) as [string, ...string[]];

/** Facet panels, in the order the page shows them; each name is also a filter. */
export const FACETS = ['saslUser', 'clientIp', 'sender', 'senderDomain', 'recipientDomain', 'queue', 'reasonClass', 'age'] as const;
export type FacetName = (typeof FACETS)[number];

export const SORT_KEYS = ['arrival', 'size', 'sender', 'recipients'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const printable = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !/[\s\x00-\x1f\x7f]/.test(v), { message: 'must not contain spaces or control characters' });

const isIp = (v: string) => z.ipv4().safeParse(v).success || z.ipv6().safeParse(v.replace(/^IPv6:/i, '')).success;

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(255)
  .refine((v) => v === NONE_VALUE || /^[a-z0-9._:[\]-]+$/.test(v), { message: 'not a domain' });

export const durationSchema = z
  .string()
  .trim()
  .regex(/^\d{1,6}[mhd]$/, { message: 'use a number and m, h or d, e.g. 2h or 3d' });

export function durationSeconds(v: string): number {
  const n = Number(v.slice(0, -1));
  return n * ({ m: 60, h: 3600, d: 86400 } as const)[v.slice(-1) as 'm' | 'h' | 'd'];
}

export const queueFilterSchema = z.strictObject({
  saslUser: printable(320).optional(),
  clientIp: z
    .string()
    .trim()
    .refine((v) => v === NONE_VALUE || isIp(v), { message: 'not an IP address' })
    .optional(),
  // "<>" is the null sender of bounces.
  sender: printable(320).optional(),
  senderDomain: domain.optional(),
  recipientDomain: domain.optional(),
  queue: z.enum(QUEUE_NAMES).optional(),
  reason: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((v) => !/[\x00-\x1f]/.test(v), { message: 'must not contain control characters' })
    .optional(),
  reasonClass: z.string().trim().min(1).max(300).optional(),
  olderThan: durationSchema.optional(),
  age: z.enum(AGE_BUCKET_KEYS).optional(),
  forged: z.enum(['true', 'false']).optional(),
  // A SASL login: the null-sender bounces addressed to the forged senders it used (lib/queue/bounce-of.ts).
  bounceOf: printable(320)
    .refine((v) => v !== NONE_VALUE, { message: 'name a SASL login' })
    .optional(),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;
export const FILTER_KEYS = Object.keys(queueFilterSchema.shape) as (keyof QueueFilter)[];

export const queueQuerySchema = queueFilterSchema
  .extend({
    sort: z.enum(SORT_KEYS).default('arrival'),
    order: z.enum(['asc', 'desc']).default('desc'),
    page: intString(1, 1_000_000).default(1),
    pageSize: intString(1, 500).default(100),
  })
  .strict();
export type QueueQuery = z.infer<typeof queueQuerySchema>;

export const scanRequestSchema = z
  .strictObject({
    // full = throw the index away and read everything again.
    mode: z.enum(['refresh', 'full']).default('refresh'),
  })
  .strict();

export const messageIdParamSchema = queueIdSchema;
