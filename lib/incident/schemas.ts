import { z } from 'zod';
import { FIX_IDS } from '@/lib/hardening/types';
import { HOST_NAME_RE } from '@/lib/hosts/schemas';
import { probeLoginSchema } from '@/lib/probes/schemas';

// Every request the incident API accepts, shared by the routes, the pages
// and the OpenAPI description. Checked in full before anything reaches a
// host: a malformed IP, id or name is a 422 and nothing runs.

const ip = z
  .string()
  .trim()
  .refine((v) => z.ipv4().safeParse(v).success || z.ipv6().safeParse(v).success, { message: 'not an IP address' });

export const hostQuerySchema = z.strictObject({ host: z.string().regex(HOST_NAME_RE, 'not a host name') });

/** The dashboard and the suspects list also take "all" (every registered host). */
export const hostOrAllQuerySchema = z.strictObject({ host: z.union([z.literal('all'), z.string().regex(HOST_NAME_RE)]).default('all') });

export const CONTAIN_STEPS = ['block', 'reset', 'hold'] as const;
export type ContainStep = (typeof CONTAIN_STEPS)[number];

export const containBodySchema = z
  .strictObject({
    steps: z
      .array(z.enum(CONTAIN_STEPS))
      .min(1)
      .max(3)
      .refine((s) => new Set(s).size === s.length, 'each step once')
      .default([...CONTAIN_STEPS]),
    /** Client IPs whose queued mail is held too, besides the login's own mail. */
    ips: z
      .array(ip)
      .max(500)
      .refine((s) => new Set(s).size === s.length, 'each IP once')
      .default([]),
    dryRun: z.boolean().default(false),
    /** The preview this follows: hold exactly the messages it counted. */
    previewId: z.uuid().optional(),
  })
  .strict();
export type ContainBody = z.infer<typeof containBodySchema>;

export const cleanBodySchema = z
  .strictObject({
    ips: z
      .array(ip)
      .max(500)
      .refine((s) => new Set(s).size === s.length, 'each IP once')
      .default([]),
    dryRun: z.boolean().default(false),
    previewId: z.uuid().optional(),
  })
  .strict();
export type CleanBody = z.infer<typeof cleanBodySchema>;

export const backscatterBodySchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('preview'), since: z.number().int().min(0).max(4_102_444_800) }),
  z.strictObject({ action: z.literal('quarantine'), previewId: z.uuid() }),
  z.strictObject({ action: z.literal('undo'), quarantineId: z.string().regex(/^[1-9]\d{0,17}$/, 'not a quarantine id') }),
]);
export type BackscatterBody = z.infer<typeof backscatterBodySchema>;

export const hardenBodySchema = z
  .strictObject({
    fixes: z
      .array(z.enum(FIX_IDS))
      .min(1)
      .max(FIX_IDS.length)
      .refine((f) => new Set(f).size === f.length, 'each fix once'),
    dryRun: z.boolean().default(true),
  })
  .strict();
export type HardenBody = z.infer<typeof hardenBodySchema>;

export const verifyBodySchema = z.discriminatedUnion('check', [
  z
    .strictObject({
      check: z.literal('probes'),
      // The account's new password from the contain step: used for the probes, never stored or audited.
      password: z
        .string()
        .min(1)
        .max(512)
        .regex(/^[^\r\n\0]+$/)
        .optional(),
      // Any other mailbox, to prove the forged-sender rule while the account itself is blocked.
      other: probeLoginSchema.optional(),
    })
    .strict(),
  z.strictObject({ check: z.literal('queue') }),
]);
export type VerifyBody = z.infer<typeof verifyBodySchema>;

export const reportQuerySchema = hostQuerySchema.extend({ format: z.enum(['json', 'md']).default('json') });
