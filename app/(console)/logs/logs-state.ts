// The page's state and its presets, shared by the server page (which reads
// them from the URL) and the client screen. Not a client module: the server
// needs the values, not client references.

export const TABS = ['logins', 'bruteforce', 'blocks', 'trace', 'search', 'tail'] as const;
export type Tab = (typeof TABS)[number];
export const ADMIN_TABS: Tab[] = ['search', 'tail'];
export const RANGES = ['24h', '7d', '30d', '90d'] as const;
export type RangePreset = (typeof RANGES)[number];
const RANGE_HOURS: Record<RangePreset, number> = { '24h': 24, '7d': 168, '30d': 720, '90d': 2160 };

export type LogsState = { tab: Tab; host: string; range: RangePreset; user?: string; queueId?: string };

/** Query parameters of a preset. 7 days is the server's default; the others start on the hour so the server cache keeps hitting. */
export function rangeQuery(preset: RangePreset, now = Date.now()): { from?: string } {
  if (preset === '7d') return {};
  const hour = 3_600_000;
  return { from: new Date(Math.floor((now - RANGE_HOURS[preset] * hour) / hour) * hour).toISOString() };
}
