import 'server-only';
import { db } from '@/lib/db';
import { defaultRules, watchRulesSchema, type WatchRules } from './rules-schema';
import { watchEnv } from './watch-env';

// Per-host rule overrides in mw_watch_rule; a host without a row uses the
// defaults. Stored rules are read through the schema, so fields added later
// get their defaults and an interval below today's floor is raised to it.

export function effectiveRules(stored: unknown): WatchRules {
  const min = watchEnv().minIntervalSeconds;
  const schema = watchRulesSchema(min);
  const raw = stored && typeof stored === 'object' ? { ...(stored as Record<string, unknown>) } : {};
  if (typeof raw.intervalSeconds === 'number' && raw.intervalSeconds < min) raw.intervalSeconds = min;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  console.warn(`[mailwarden] stored watch rules are not valid (${parsed.error.issues[0]?.message}); using the defaults`);
  return defaultRules(min);
}

export async function loadRules(host: string): Promise<{ rules: WatchRules; custom: boolean; updatedBy: string | null; updatedAt: Date | null }> {
  const row = await db().mwWatchRule.findUnique({ where: { host } });
  return { rules: effectiveRules(row?.rules), custom: !!row, updatedBy: row?.updatedBy ?? null, updatedAt: row?.updatedAt ?? null };
}

/** Every host's rules in one query (the watcher refreshes them every few seconds). */
export async function loadAllRules(hosts: string[]): Promise<Map<string, WatchRules>> {
  const rows = hosts.length ? await db().mwWatchRule.findMany({ where: { host: { in: hosts } } }) : [];
  const stored = new Map(rows.map((r) => [r.host, r.rules]));
  return new Map(hosts.map((h) => [h, effectiveRules(stored.get(h))]));
}

export async function saveRules(host: string, rules: WatchRules, by: string): Promise<void> {
  const value = rules as unknown as object;
  await db().mwWatchRule.upsert({ where: { host }, create: { host, rules: value, updatedBy: by }, update: { rules: value, updatedBy: by } });
}

export async function resetRules(host: string): Promise<void> {
  await db().mwWatchRule.deleteMany({ where: { host } });
}
