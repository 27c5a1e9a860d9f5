import { z } from 'zod';

export const totpActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('start') }),
  z.strictObject({
    action: z.literal('confirm'),
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'six digits'),
  }),
  z.strictObject({
    action: z.literal('disable'),
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'six digits'),
  }),
]);
