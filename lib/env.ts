import 'server-only';
import { z } from 'zod';
import { databaseName, defaultMwDatabaseUrl, sameDatabase } from './db-urls';
import { trustProxySchema } from './net/trusted-proxy';

// Validated once, on first use: a console started without its database URL
// or secret key fails with a message that names the variable.
const mysqlUrl = z
  .string()
  .trim()
  .regex(/^mysql:\/\//, 'must be a mysql:// URL')
  .refine((u) => URL.canParse(u) && databaseName(u) !== '', 'must name a database (mysql://user:pass@host:3306/name)');

const envSchema = z
  .object({
    // extman's database, reached with a least-privilege account (scripts/grants.ts).
    DATABASE_URL: mysqlUrl,
    // The console's own tables; by default a `mailwarden` database on the same server.
    MW_DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), mysqlUrl.optional()),
    // 32 bytes, base64 or hex: seals SSH private keys and TOTP secrets at rest.
    MW_SECRET_KEY: z.string().min(32, 'must hold at least 32 characters (run scripts/setup)'),
    // Sessions end after this much inactivity, and at the latest after the absolute limit.
    MW_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
    MW_SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
    // Reverse proxies whose X-Forwarded-* headers are believed (server.ts applies it); default none.
    MW_TRUST_PROXY: trustProxySchema,
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  })
  .transform((e) => ({ ...e, MW_DATABASE_URL: e.MW_DATABASE_URL ?? defaultMwDatabaseUrl(e.DATABASE_URL) }))
  // One database for both would put the console's tables back among extman's.
  .refine((e) => !sameDatabase(e.MW_DATABASE_URL, e.DATABASE_URL), {
    path: ['MW_DATABASE_URL'],
    message: 'must name another database than DATABASE_URL',
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
