import { z } from 'zod';
import { extmanText } from '@/lib/zod/strict';

export const loginSchema = z.strictObject({
  username: extmanText(z.string().trim().min(1, 'required').max(255)),
  password: z.string().min(1, 'required').max(1024),
  totp: z.string().trim().max(64).optional(),
});
export type LoginBody = z.infer<typeof loginSchema>;
