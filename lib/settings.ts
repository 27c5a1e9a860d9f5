import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';

// Console-wide settings, kept in mw_setting as one JSON row per key.

export const settingsSchema = z.object({
  // extman ignores a manager's expiredate; so do we unless told otherwise.
  enforceManagerExpiry: z.boolean().default(false),
  // md5-crypt is what extmail's stock auth reads; sha512-crypt where the host supports it.
  mailboxPasswordScheme: z.enum(['md5-crypt', 'sha512-crypt']).default('md5-crypt'),
});

export type Settings = z.infer<typeof settingsSchema>;

export async function getSettings(): Promise<Settings> {
  const rows = await db().mwSetting.findMany();
  const raw = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return settingsSchema.parse(raw);
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const valid = settingsSchema.partial().parse(patch);
  for (const [key, value] of Object.entries(valid)) {
    await db().mwSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
  return getSettings();
}
