import 'server-only';
import { z } from 'zod';

// Validated once, on first use: a console started without its database URL
// or secret key fails with a message that names the variable.
const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^mysql:\/\//, 'must be a mysql:// URL'),
  // 32 bytes, base64 or hex: seals SSH private keys and TOTP secrets at rest.
  MW_SECRET_KEY: z.string().min(32, 'must hold at least 32 characters (run scripts/setup)'),
  // Sessions end after this much inactivity, and at the latest after the absolute limit.
  MW_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  MW_SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Mailwarden is not configured: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}
