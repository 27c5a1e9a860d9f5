import 'server-only';
import { db } from '@/lib/db';
import { settingsSchema, type Settings } from './settings-schema';

// Console-wide settings, kept in mw_setting as one JSON row per key.
export { settingsSchema, type Settings };

export async function getSettings(): Promise<Settings> {
  const rows = await db().mwSetting.findMany();
  // Only known keys: a row left by an older release must not break every page (the schema is strict).
  const raw = Object.fromEntries(rows.filter((r) => r.key in settingsSchema.shape).map((r) => [r.key, r.value]));
  return settingsSchema.parse(raw);
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const valid = settingsSchema.partial().parse(patch);
  // .partial() still fills in the defaults of keys left out: write only the keys sent
  // (PATCH {} reset every setting to its default, issue 20's fuzz suite found).
  for (const [key, value] of Object.entries(valid).filter(([k]) => Object.hasOwn(patch, k))) {
    await db().mwSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
  return getSettings();
}
