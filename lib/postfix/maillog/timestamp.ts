// Log line time stamps, parsed by hand: this runs once per line over
// gigabyte logs, so no Date.parse and no regex.
//
// Accepted forms (each followed by one space):
//   classic syslog   `Oct 22 16:36:01`, `Aug  3 15:30:49`, `Aug 3 15:30:49`
//   postlogd         `Nov 07 21:06:09` (Postfix's maillog_file: strftime "%b %d %H:%M:%S")
//   RFC 3339         `2026-11-27T10:01:02.123456+08:00`, `...Z`, `...+0800` (journalctl short-iso)
// Classic stamps may also carry a fraction (`16:36:01.123456`).

export interface TimeOptions {
  /** Year for classic stamps, which have none. Default: the year that puts the stamp not after `now`. */
  year?: number;
  /** Reference "now" for year inference (ms). Default: Date.now(). */
  now?: number;
  /** UTC offset of the server's wall clock in minutes (+480 for UTC+8). Default 0. */
  utcOffsetMinutes?: number;
}

export interface ParsedTime {
  time: number;
  exact: boolean;
  /** Index of the first character after the stamp and its separating space. */
  end: number;
}

// Allowance for clock skew before a stamp counts as "in the future" and moves to last year.
const FUTURE_SLACK_MS = 2 * 86_400_000;

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function two(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

function monthIndex(s: string, i: number): number {
  switch (s.slice(i, i + 3)) {
    case 'Jan':
      return 0;
    case 'Feb':
      return 1;
    case 'Mar':
      return 2;
    case 'Apr':
      return 3;
    case 'May':
      return 4;
    case 'Jun':
      return 5;
    case 'Jul':
      return 6;
    case 'Aug':
      return 7;
    case 'Sep':
      return 8;
    case 'Oct':
      return 9;
    case 'Nov':
      return 10;
    case 'Dec':
      return 11;
    default:
      return -1;
  }
}

/** `HH:MM:SS[.frac]` at i → [ms into the day, index after]; undefined when malformed. */
function clock(s: string, i: number): [number, number] | undefined {
  const h = two(s, i);
  const m = two(s, i + 3);
  const sec = two(s, i + 6);
  if (h < 0 || m < 0 || sec < 0 || s[i + 2] !== ':' || s[i + 5] !== ':') return undefined;
  if (h > 23 || m > 59 || sec > 60) return undefined;
  let ms = ((h * 60 + m) * 60 + sec) * 1000;
  let j = i + 8;
  if (s[j] === '.' || s[j] === ',') {
    j++;
    let scale = 100;
    while (digit(s, j) >= 0) {
      ms += digit(s, j) * scale;
      scale /= 10;
      j++;
    }
    ms = Math.floor(ms);
  }
  return [ms, j];
}

function parseClassic(s: string, opts: TimeOptions | undefined): ParsedTime | undefined {
  const month = monthIndex(s, 0);
  if (month < 0 || s[3] !== ' ') return undefined;
  let i = 4;
  if (s[i] === ' ') i++;
  let day = digit(s, i);
  if (day < 0) return undefined;
  i++;
  const d2 = digit(s, i);
  if (d2 >= 0) {
    day = day * 10 + d2;
    i++;
  }
  if (day < 1 || day > 31 || s[i] !== ' ') return undefined;
  const c = clock(s, i + 1);
  if (!c || s[c[1]] !== ' ') return undefined;
  const offsetMs = (opts?.utcOffsetMinutes ?? 0) * 60_000;
  const wall = (year: number) => Date.UTC(year, month, day) + c[0] - offsetMs;
  let time: number;
  if (opts?.year !== undefined) {
    time = wall(opts.year);
  } else {
    const now = opts?.now ?? Date.now();
    const year = new Date(now + offsetMs).getUTCFullYear();
    time = wall(year);
    if (time > now + FUTURE_SLACK_MS) time = wall(year - 1);
  }
  return { time, exact: false, end: c[1] + 1 };
}

function parseRfc3339(s: string, opts: TimeOptions | undefined): ParsedTime | undefined {
  const y = two(s, 0) * 100 + two(s, 2);
  const mo = two(s, 5);
  const d = two(s, 8);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  if (s[4] !== '-' || s[7] !== '-' || (s[10] !== 'T' && s[10] !== ' ')) return undefined;
  const c = clock(s, 11);
  if (!c) return undefined;
  let j = c[1];
  let offsetMin = 0;
  let exact = true;
  const z = s[j];
  if (z === 'Z' || z === 'z') {
    j++;
  } else if (z === '+' || z === '-') {
    const oh = two(s, j + 1);
    const colon = s[j + 3] === ':' ? 1 : 0;
    const om = two(s, j + 3 + colon);
    if (oh < 0 || om < 0) return undefined;
    offsetMin = (oh * 60 + om) * (z === '-' ? -1 : 1);
    j += 5 + colon;
  } else {
    exact = false;
    offsetMin = opts?.utcOffsetMinutes ?? 0;
  }
  if (s[j] !== ' ') return undefined;
  const time = Date.UTC(y, mo - 1, d) + c[0] - offsetMin * 60_000;
  return { time, exact, end: j + 1 };
}

/** Parse the stamp at the start of a log line; undefined when there is none we know. */
export function parseTimestamp(line: string, opts?: TimeOptions): ParsedTime | undefined {
  const first = line.charCodeAt(0);
  if (first >= 48 && first <= 57) return parseRfc3339(line, opts);
  return parseClassic(line, opts);
}
