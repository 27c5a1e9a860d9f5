import { parseTimestamp, type KnownEvent, type TimeOptions } from '@/lib/postfix/maillog';
import { isQueueId } from '@/lib/postfix/queue-id';

// The login history reads hundreds of thousands of
// `QUEUEID: client=name[ip], sasl_method=M, sasl_username=U` lines; most of
// a scan's time went into the general parser. This reads exactly that shape
// with indexOf and gives the same event the parser would; any line that is
// not exactly that shape returns undefined and goes to the parser. A
// differential test holds the two together.

type SaslLoginEvent = Extract<KnownEvent, { kind: 'sasl-login' }>;

/**
 * Classic stamps (`Nov 27 21:16:25`, `Nov  7 ...`, `Nov 07 ...`): the day is
 * parsed once by the general parser, the clock added here. Undefined for any
 * other stamp shape.
 */
export function dayClock(opts: TimeOptions): (line: string) => number | undefined {
  let key = '';
  let dayStart: number | undefined;
  return (line) => {
    if (line.charCodeAt(3) !== 32 || line.charCodeAt(6) !== 32 || line.charCodeAt(9) !== 58 || line.charCodeAt(12) !== 58 || line.charCodeAt(15) !== 32)
      return undefined;
    if (!line.startsWith(key) || key === '') {
      key = line.slice(0, 7);
      dayStart = parseTimestamp(`${key}00:00:00 `, opts)?.time;
    }
    if (dayStart === undefined) return undefined;
    const h = two(line, 7);
    const m = two(line, 10);
    const sec = two(line, 13);
    // The parser's limits (a leap second is 60); anything else is its to reject.
    if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return undefined;
    const clock = h * 3_600_000 + m * 60_000 + sec * 1000;
    return dayStart + clock;
  };
}
function two(line: string, at: number): number {
  const a = line.charCodeAt(at) - 48;
  const b = line.charCodeAt(at + 1) - 48;
  return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
}

const CLIENT = ': client=';
const METHOD = '], sasl_method=';
const USER = ', sasl_username=';

/** Where the parts of a login line are: indexes into the line, so reading it allocates nothing. */
export type LoginScan = { time: number; hostEnd: number; open: number; close: number; c: number; peerOpen: number; m: number; u: number };

export const newLoginScan = (): LoginScan => ({ time: 0, hostEnd: 0, open: 0, close: 0, c: 0, peerOpen: 0, m: 0, u: 0 });

/** True when `ch` does not occur in line[from, to). indexOf is native; a loop over characters is not. */
function absent(line: string, ch: string, from: number, to: number): boolean {
  const at = line.indexOf(ch, from);
  return at < 0 || at >= to;
}

function digits(line: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const d = line.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
}

/** Short queue ids (upper-case hex) are checked in place; anything else goes through isQueueId. */
function queueIdAt(line: string, from: number, to: number): boolean {
  if (to - from < 6) return false;
  for (let i = from; i < to; i++) {
    const ch = line.charCodeAt(i);
    if (!((ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 70))) return isQueueId(line.slice(from, to));
  }
  return to - from <= 64;
}

/**
 * Recognise exactly `STAMP HOST PROG/smtpd[PID]: QUEUEID: client=NAME[IP],
 * sasl_method=M, sasl_username=U` and note where each part is. False for
 * anything else (a sasl_sender, a port, odd characters): the parser's job.
 */
export function scanSaslLogin(line: string, clock: (line: string) => number | undefined, out: LoginScan): boolean {
  const time = clock(line);
  if (time === undefined) return false;
  const hostEnd = line.indexOf(' ', 16);
  const open = line.indexOf('[', hostEnd);
  const close = line.indexOf(']: ', open);
  if (hostEnd < 17 || open < 0 || close < 0 || !line.startsWith('/smtpd', open - 6) || !absent(line, ' ', hostEnd + 1, open) || !digits(line, open + 1, close))
    return false;
  const msgStart = close + 3;
  const c = line.indexOf(CLIENT, msgStart);
  if (c < 0 || !queueIdAt(line, msgStart, c)) return false;
  const peerOpen = line.indexOf('[', c + CLIENT.length);
  const m = line.indexOf(METHOD, peerOpen);
  if (peerOpen < 0 || m < 0) return false;
  const u = line.indexOf(USER, m + METHOD.length);
  if (u < 0) return false;
  const userStart = u + USER.length;
  if (peerOpen === c + CLIENT.length || !absent(line, ' ', c + CLIENT.length, peerOpen)) return false;
  if (!absent(line, '[', peerOpen + 1, m) || !absent(line, ']', peerOpen + 1, m) || !absent(line, ',', m + METHOD.length, u)) return false;
  if (userStart === line.length || line.indexOf(',', userStart) >= 0 || line.indexOf(' ', userStart) >= 0 || line.charCodeAt(line.length - 1) === 13)
    return false;
  out.time = time;
  out.hostEnd = hostEnd;
  out.open = open;
  out.close = close;
  out.c = c;
  out.peerOpen = peerOpen;
  out.m = m;
  out.u = u;
  return true;
}

export const scannedUser = (line: string, s: LoginScan) => line.slice(s.u + USER.length);
export const scannedIp = (line: string, s: LoginScan) => line.slice(s.peerOpen + 1, s.m);

/** The event the parser would give for a login line, or undefined to let the parser read it. */
const SCRATCH = newLoginScan();

export function fastSaslLogin(line: string, clock: (line: string) => number | undefined, scratch: LoginScan = SCRATCH): SaslLoginEvent | undefined {
  if (!scanSaslLogin(line, clock, scratch)) return undefined;
  const { hostEnd, open, close, c, peerOpen, m, u } = scratch;
  const program = line.slice(hostEnd + 1, open);
  return {
    kind: 'sasl-login',
    queueId: line.slice(close + 3, c),
    client: { name: line.slice(c + CLIENT.length, peerOpen), ip: line.slice(peerOpen + 1, m) },
    saslMethod: line.slice(m + METHOD.length, u),
    saslUsername: line.slice(u + USER.length),
    time: scratch.time,
    timeExact: false,
    host: line.slice(16, hostEnd),
    program,
    syslogName: program.slice(0, program.lastIndexOf('/')),
    service: 'smtpd',
    pid: Number(line.slice(open + 1, close)),
    message: line.slice(close + 3),
  };
}
