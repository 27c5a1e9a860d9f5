// extmail stores dates as DATETIME/DATE with '0000-00-00' meaning "never" /
// "no expiry". They are read as text (CAST(... AS CHAR)) and turned into
// this shape, so a zero date can never crash a page.

export type ExtmailDate = { raw: string | null; iso: string | null; isZero: boolean };

const ZERO = /^0000-00-00/;
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?/;

export function parseExtmailDate(raw: string | null | undefined): ExtmailDate {
  if (raw == null || raw === '') return { raw: null, iso: null, isZero: true };
  if (ZERO.test(raw)) return { raw, iso: null, isZero: true };
  const m = SHAPE.exec(raw);
  if (!m) return { raw, iso: null, isZero: false };
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  // MySQL DATETIME carries no zone; the mail host's local time is unknown here,
  // so keep the wall-clock value and mark it as such (no 'Z').
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  if (Number.isNaN(Date.parse(iso))) return { raw, iso: null, isZero: false };
  return { raw, iso, isZero: false };
}

/** An expiry date is in force when it is set and in the past. */
export function isExpired(date: ExtmailDate, now = new Date()): boolean {
  if (date.isZero || !date.iso) return false;
  return Date.parse(date.iso) < now.getTime();
}
