import { z } from 'zod';

export const totpActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start') }),
  z.object({ action: z.literal('confirm'), code: z.string().trim().regex(/^\d{6}$/, 'six digits') }),
  z.object({ action: z.literal('disable'), code: z.string().trim().regex(/^\d{6}$/, 'six digits') }),
]);
