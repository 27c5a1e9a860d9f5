import { z } from 'zod';

export const settingsSchema = z.strictObject({
  // extman ignores a manager's expiredate; so do we unless told otherwise.
  enforceManagerExpiry: z.boolean().default(false),
  // md5-crypt is what extmail's stock auth reads; sha512-crypt where the host supports it.
  mailboxPasswordScheme: z.enum(['md5-crypt', 'sha512-crypt']).default('md5-crypt'),
});

export type Settings = z.infer<typeof settingsSchema>;
