import { z } from 'zod';
import { PROBE_NAMES } from './probe-defs';

// The probes API body: which probes, and the mailbox login the AUTH probes
// use (not stored; the transcript masks it).

const oneLine = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\r\n\0]+$/, 'must be one line');

export const probeLoginSchema = z.strictObject({
  username: oneLine(255).regex(/^[^\s<>@]+@[^\s<>@]+$/, 'a mailbox address (user@domain)'),
  password: oneLine(512),
});

export const probesBodySchema = z.strictObject({
  probes: z
    .array(z.enum(PROBE_NAMES))
    .min(1)
    .max(PROBE_NAMES.length)
    .refine((p) => new Set(p).size === p.length, 'each probe once'),
  auth: probeLoginSchema.optional(),
});
export type ProbesBody = z.infer<typeof probesBodySchema>;
