import { z } from 'zod';

export const loginSchema = z.object({
  username: z.string().trim().min(1, 'required').max(255),
  password: z.string().min(1, 'required').max(1024),
  totp: z.string().trim().max(64).optional(),
});
export type LoginBody = z.infer<typeof loginSchema>;
