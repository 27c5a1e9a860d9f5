import { formatNumber, INTL_LOCALE, type Locale, type MessageKey, type Translate } from './core';

// One way to write a date, a time, a duration, a size and a queue name per
// locale, used by every page (and the server's own texts):
//   zh  2026-12-07 00:51      en  7 Dec 2026, 00:51
// Both are 24-hour: mail logs are, and an admin compares the two.
// Dates are shown in the viewer's time zone (the browser's; the server's
// when rendered there).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

export type DateInput = Date | string | number | null | undefined;

/** A Date, ISO string or epoch milliseconds, or null when there is none (or it is not a date). */
export function toDate(v: DateInput): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : new Date(typeof v === 'string' && /^\d{4}-\d\d-\d\d \d/.test(v) ? v.replace(' ', 'T') : v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDate(locale: Locale, v: DateInput): string {
  const d = toDate(v);
  if (!d) return '—';
  return locale === 'zh' ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

export function formatTime(v: DateInput, seconds = false): string {
  const d = toDate(v);
  if (!d) return '—';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`;
}

export function formatDateTime(locale: Locale, v: DateInput): string {
  const d = toDate(v);
  if (!d) return '—';
  return `${formatDate(locale, d)}${locale === 'zh' ? ' ' : ', '}${formatTime(d)}`;
}

type Unit = 's' | 'min' | 'h' | 'd';
const UNIT_KEY: Record<Unit, MessageKey> = { s: 'unit.seconds', min: 'unit.minutes', h: 'unit.hours', d: 'unit.days' };

/** The one unit a person would use for a wait: 42 s, 17 min, 21 h, 3 d (rounded down). */
export function durationParts(seconds: number): { n: number; unit: Unit } {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return { n: s, unit: 's' };
  if (s < 3600) return { n: Math.floor(s / 60), unit: 'min' };
  if (s < 86400) return { n: Math.floor(s / 3600), unit: 'h' };
  return { n: Math.floor(s / 86400), unit: 'd' };
}

export function formatDuration(t: Translate, seconds: number): string {
  const { n, unit } = durationParts(seconds);
  return t(UNIT_KEY[unit], { count: n });
}

const relativeCache = new Map<Locale, Intl.RelativeTimeFormat>();

/** "5 minutes ago" / "5分钟前", in the unit durationParts picks. */
export function formatRelative(locale: Locale, v: DateInput, now = Date.now()): string {
  const d = toDate(v);
  if (!d) return '—';
  let f = relativeCache.get(locale);
  if (!f) relativeCache.set(locale, (f = new Intl.RelativeTimeFormat(INTL_LOCALE[locale], { numeric: 'auto' })));
  const diff = (d.getTime() - now) / 1000;
  const { n, unit } = durationParts(Math.abs(diff));
  const name = ({ s: 'second', min: 'minute', h: 'hour', d: 'day' } as const)[unit];
  return f.format(diff < 0 ? -n : n, name);
}

export function formatSize(locale: Locale, bytes: number): string {
  if (bytes < 1024) return `${formatNumber(locale, bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${formatNumber(locale, Math.round(v * 10) / 10)} ${units[i]}`;
}

const QUEUE_KEYS: Record<string, MessageKey> = {
  incoming: 'queue.name.incoming',
  active: 'queue.name.active',
  deferred: 'queue.name.deferred',
  hold: 'queue.name.hold',
  maildrop: 'queue.name.maildrop',
  corrupt: 'queue.name.corrupt',
};

/** Postfix's queue name in the reader's words; an unknown one as it is. */
export function formatQueue(t: Translate, queue: string): string {
  const key = QUEUE_KEYS[queue];
  return key ? t(key) : queue;
}

export type Formatters = ReturnType<typeof formatters>;

export function formatters(locale: Locale, t: Translate) {
  return {
    number: (n: number) => formatNumber(locale, n),
    date: (v: DateInput) => formatDate(locale, v),
    time: (v: DateInput, seconds = false) => formatTime(v, seconds),
    dateTime: (v: DateInput) => formatDateTime(locale, v),
    relative: (v: DateInput, now?: number) => formatRelative(locale, v, now),
    duration: (seconds: number) => formatDuration(t, seconds),
    size: (bytes: number) => formatSize(locale, bytes),
    queue: (queue: string) => formatQueue(t, queue),
  };
}
