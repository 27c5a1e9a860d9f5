import { z } from 'zod';

/** POST /api/auth/password: the current password and the new one. */
export const ownPasswordSchema = z.strictObject({
  current: z.string().min(1).max(200),
  next: z.string().min(1).max(200),
});
export type OwnPasswordInput = z.infer<typeof ownPasswordSchema>;
