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
    if (line.charCodeAt(3) !== 32 || line.charCodeAt(6) !== 32 || line.charCodeAt(9) !== 58 || line.charCodeAt(12) !== 58 || line.charCodeAt(15) !== 32) return undefined;
    const day = line.slice(0, 7);
    if (day !== key) {
      key = day;
      dayStart = parseTimestamp(`${day}00:00:00 `, opts)?.time;
    }
    if (dayStart === undefined) return undefined;
    let clock = 0;
    for (const [at, mul, max] of CLOCK) {
      const a = line.charCodeAt(at) - 48;
      const b = line.charCodeAt(at + 1) - 48;
      if (a < 0 || a > 9 || b < 0 || b > 9 || a * 10 + b > max) return undefined;
      clock += (a * 10 + b) * mul;
    }
    return dayStart + clock;
  };
}
// Position, milliseconds per unit, and the largest value the parser accepts (a leap second is 60).
const CLOCK: [number, number, number][] = [
  [7, 3_600_000, 23],
  [10, 60_000, 59],
  [13, 1000, 60],
];

const CLIENT = ': client=';
const METHOD = '], sasl_method=';
const USER = ', sasl_username=';

export function fastSaslLogin(line: string, clock: (line: string) => number | undefined): SaslLoginEvent | undefined {
  const time = clock(line);
  if (time === undefined) return undefined;
  const hostEnd = line.indexOf(' ', 16);
  const open = line.indexOf('[', hostEnd);
  const close = line.indexOf(']: ', open);
  if (hostEnd < 17 || open < 0 || close < 0) return undefined;
  const program = line.slice(hostEnd + 1, open);
  if (!program.endsWith('/smtpd') || program.includes(' ')) return undefined;
  const pid = Number(line.slice(open + 1, close));
  const msgStart = close + 3;
  const c = line.indexOf(CLIENT, msgStart);
  if (c < 0) return undefined;
  const queueId = line.slice(msgStart, c);
  const peerOpen = line.indexOf('[', c + CLIENT.length);
  const m = line.indexOf(METHOD, peerOpen);
  if (peerOpen < 0 || m < 0) return undefined;
  const u = line.indexOf(USER, m + METHOD.length);
  if (u < 0) return undefined;
  const name = line.slice(c + CLIENT.length, peerOpen);
  const ip = line.slice(peerOpen + 1, m);
  const method = line.slice(m + METHOD.length, u);
  const user = line.slice(u + USER.length);
  // Anything unusual (a sasl_sender, a port, odd characters) is the parser's to read.
  if (!Number.isInteger(pid) || !isQueueId(queueId) || !name || name.includes(' ') || ip.includes(']') || ip.includes('[') || method.includes(',') || user.includes(',') || user.includes(' ') || user.endsWith('\r') || !user) return undefined;
  const slash = program.lastIndexOf('/');
  return {
    kind: 'sasl-login',
    queueId,
    client: { name, ip },
    saslMethod: method,
    saslUsername: user,
    time,
    timeExact: false,
    host: line.slice(16, hostEnd),
    program,
    syslogName: program.slice(0, slash),
    service: 'smtpd',
    pid,
    message: line.slice(msgStart),
  };
}
