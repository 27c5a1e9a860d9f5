import 'server-only';
import { listHostLogs } from '@/lib/maillog/host-source';
import { filesFor, walkFiles } from '@/lib/maillog/scan';
import { feedLookBack, LOOK_BACK_MS } from './look-back-feed';
import { WATCH_NEEDLES, type LogWindow } from './log-window';

// When a host watch starts (the console starts, a host is added, another
// process's lock is taken over) it reads the last hour of the host's maillog
// into its window before following new lines: an incident already running
// raises its alert on the first tick instead of waiting for new log lines.

export async function lookBack(host: string, window: LogWindow, now = Date.now()): Promise<{ lines: number; fed: number }> {
  const logs = await listHostLogs(host);
  const range = { from: now - LOOK_BACK_MS, to: null };
  const feed = feedLookBack(window, now);
  const walk = await walkFiles(host, logs, filesFor(logs, range), { needles: WATCH_NEEDLES }, range, (ev, raw) => feed(ev, raw));
  window.takeHourly(); // the hourly history already holds these hours (or never will): no double counting of baselines
  return { lines: walk.lines, fed: feed.fed() };
}
