import { z } from 'zod';
import { probeLoginSchema } from '@/lib/probes/schemas';
import { FIX_IDS } from './types';

// Request bodies of the hardening API, shared by the routes, the page and
// the OpenAPI description.

export const applyBodySchema = z.strictObject({
  fixes: z
    .array(z.enum(FIX_IDS))
    .min(1)
    .max(FIX_IDS.length)
    .refine((f) => new Set(f).size === f.length, 'each fix once'),
  dryRun: z.boolean().optional().default(false),
  // Used for the verifying probes only; never stored, never audited.
  probeLogin: probeLoginSchema.optional(),
});
export type ApplyBody = z.infer<typeof applyBodySchema>;

export const rollbackBodySchema = z.strictObject({
  backupId: z.string().regex(/^\d{8}T\d{6}Z(?:-\d{1,3})?$/, 'not a backup id'),
});
