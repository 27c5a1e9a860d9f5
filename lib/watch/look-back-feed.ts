import type { MaillogEvent } from '@/lib/postfix/maillog';
import type { LogWindow } from './log-window';

// Lines read back from the log go into the window at their own time (a live
// line goes in at its receipt time): the window's "last 60 minutes" then
// means the same for both. Pure: the window and the clock in, a visitor out.

export const LOOK_BACK_MS = 3_600_000;

export function feedLookBack(window: LogWindow, now: number): ((ev: MaillogEvent, raw: string) => void) & { fed: () => number } {
  let fed = 0;
  const from = now - LOOK_BACK_MS;
  const visit = (ev: MaillogEvent, raw: string) => {
    const t = ev.time;
    // Lines without a stamp, or stamped in the future (a clock ahead), go in as now.
    const at = typeof t === 'number' && Number.isFinite(t) ? Math.min(t, now) : now;
    if (at < from) return;
    const before = window.lines;
    window.addLine(raw, at, () => ev);
    if (window.lines > before) fed++;
  };
  return Object.assign(visit, { fed: () => fed });
}
