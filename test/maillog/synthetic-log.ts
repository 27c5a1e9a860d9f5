// A synthetic maillog for benchmarks: the line shapes of the lab's real log
// and of the seed incident (authenticated submission, inbound mail, retries
// refused by blocklists, relay rejects, password guessing), for ~5,000 SASL
// users, in time order. Pure and seeded: the same seed gives the same log.

export type SyntheticOptions = { users: number; start: number; seed: number; host?: string };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DOMAINS = ['example.com', 'example.net', 'corp.test', 'shop.example', 'school.example'];
const REMOTE = [
  { to: 'yahoo.com', host: 'mta5.am0.yahoodns.net', ip: '66.94.237.139' },
  { to: 'qq.com', host: 'mx3.qq.com', ip: '119.147.192.199' },
  { to: 'gmail.com', host: 'gmail-smtp-in.l.google.com', ip: '142.250.4.26' },
  { to: 'verizon.net', host: 'relay.verizon.net', ip: '206.46.232.11' },
  { to: 'cox.net', host: 'mx.west.cox.net', ip: '68.6.19.3' },
  { to: '163.com', host: 'mx1.163.com', ip: '220.181.14.151' },
];
// Refusals quoted in the seed report and the lab (our IP blanked to 192.0.2.10).
const REFUSALS = [
  '421 4.7.1 [TS03] All messages from 192.0.2.10 will be permanently deferred; Retrying will NOT succeed. See http://postmaster.yahoo.com/421-ts03.html',
  '550 Mail content denied. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000726',
  '554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.10',
  "571 Email from 192.0.2.10 is currently blocked by Verizon Online's anti-spam system. The email sender or Email Service Provider may visit http://www.verizon.net/whitelist and request removal of the block. 121022",
  '554 fed1rmimpi210 cox 192.0.2.10 blocked.  Error Code: IPBL0100 - Refer to Error Codes section at http://postmaster.cox.net/confluence/display/postmaster/Error&#43;Codes for more information.',
  '451 DT:SPM 163 mx40,WsCowAAnEhlCoEVa5GjcAA--.20089S3 1514512452, please try again 15min later',
];

/** mulberry32: small, fast, good enough to shuffle log lines. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));
/** Classic syslog stamp in UTC, day padded with a space (`Nov  7 09:03:01`). */
export function syslogStamp(ms: number): string {
  const d = new Date(ms);
  const day = d.getUTCDate();
  return `${MONTHS[d.getUTCMonth()]} ${day < 10 ? ` ${day}` : day} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

export type SyntheticLog = {
  /** The next burst of lines (one SMTP session or one retry round), advancing the clock by `stepMs` on average. */
  next(stepMs: number): string[];
  /** Users of the log, for picking one to look up. */
  user(i: number): string;
  now(): number;
};

export function syntheticLog(opts: SyntheticOptions): SyntheticLog {
  const r = rng(opts.seed);
  const host = opts.host ?? 'mail';
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const int = (n: number) => Math.floor(r() * n);
  const user = (i: number) => `user${i}@${DOMAINS[i % DOMAINS.length]}`;
  const userIp = (i: number) => `10.${(i >> 8) & 255}.${i & 255}.${1 + ((i * 7 + int(3)) % 3)}`;
  let t = opts.start;
  let qseq = 0x16e000;
  let pid = 1000;
  const qid = () => `${(int(0xfffff) + 0x10000).toString(16).toUpperCase()}${(qseq++).toString(16).toUpperCase()}`;
  const line = (prog: string, msg: string) => `${syslogStamp(t)} ${host} postfix/${prog}[${pid}]: ${msg}`;
  const delays = () => `delay=${(r() * 2).toFixed(2)}, delays=0.0${int(9)}/0.01/0.${int(9)}/0.${int(9)}`;

  function submission(): string[] {
    const u = int(opts.users);
    const ip = userIp(u);
    const id = qid();
    const n = 1 + int(3);
    const out = [line('smtpd', `connect from unknown[${ip}]`), line('smtpd', `${id}: client=unknown[${ip}], sasl_method=LOGIN, sasl_username=${user(u)}`)];
    out.push(line('cleanup', `${id}: message-id=<${t}.${id}@${DOMAINS[u % DOMAINS.length]}>`));
    out.push(line('qmgr', `${id}: from=<${user(u)}>, size=${1000 + int(90000)}, nrcpt=${n} (queue active)`));
    let deferred = false;
    for (let i = 0; i < n; i++) {
      const site = pick(REMOTE);
      const to = `rcpt${int(100000)}@${site.to}`;
      if (r() < 0.1) {
        deferred = true;
        out.push(
          line(
            'smtp',
            `${id}: to=<${to}>, relay=${site.host}[${site.ip}]:25, ${delays()}, dsn=4.7.1, status=deferred (host ${site.host}[${site.ip}] refused to talk to me: ${pick(REFUSALS)})`,
          ),
        );
      } else {
        out.push(line('smtp', `${id}: to=<${to}>, relay=${site.host}[${site.ip}]:25, ${delays()}, dsn=2.0.0, status=sent (250 2.0.0 OK ${int(1e9)} - gsmtp)`));
      }
    }
    if (!deferred) out.push(line('qmgr', `${id}: removed`));
    out.push(line('smtpd', `disconnect from unknown[${ip}] ehlo=1 auth=1 mail=1 rcpt=${n} data=1 quit=1 commands=${5 + n}`));
    return out;
  }

  function inbound(): string[] {
    const ip = `203.0.${int(256)}.${int(256)}`;
    const id = qid();
    const to = user(int(opts.users));
    return [
      line('smtpd', `connect from mx${int(50)}.sender.example[${ip}]`),
      line('smtpd', `${id}: client=mx${int(50)}.sender.example[${ip}]`),
      line('cleanup', `${id}: message-id=<${int(1e9)}@sender.example>`),
      line('qmgr', `${id}: from=<news${int(500)}@sender.example>, size=${2000 + int(50000)}, nrcpt=1 (queue active)`),
      line('virtual', `${id}: to=<${to}>, relay=virtual, ${delays()}, dsn=2.0.0, status=sent (delivered to maildir)`),
      line('qmgr', `${id}: removed`),
      line('smtpd', `disconnect from mx${int(50)}.sender.example[${ip}] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5`),
    ];
  }

  function retries(): string[] {
    const id = qid();
    const out = [line('qmgr', `${id}: from=<spam${int(9000)}@yahoo.com.hk>, size=2338, nrcpt=50 (queue active)`)];
    const site = pick(REMOTE);
    const reply = pick(REFUSALS);
    for (let i = 0, n = 3 + int(8); i < n; i++) {
      out.push(
        line(
          'error',
          `${id}: to=<victim${int(100000)}@${site.to}>, relay=none, delay=${int(200000)}, delays=${int(200000)}/6348/0/2.6, dsn=4.7.1, status=deferred (delivery temporarily suspended: host ${site.host}[${site.ip}] refused to talk to me: ${reply})`,
        ),
      );
    }
    return out;
  }

  function reject(): string[] {
    const ip = `198.51.100.${int(256)}`;
    return [
      line('smtpd', `connect from unknown[${ip}]`),
      line(
        'smtpd',
        `NOQUEUE: reject: RCPT from unknown[${ip}]: 454 4.7.1 <x${int(1e6)}@outside.example>: Relay access denied; from=<a@b.example> to=<x@outside.example> proto=ESMTP helo=<PC-01>`,
      ),
      line('smtpd', `disconnect from unknown[${ip}] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4`),
    ];
  }

  function guess(): string[] {
    const ip = `198.18.${int(4)}.${int(40)}`;
    const named = r() < 0.5 ? `, sasl_username=${user(int(opts.users))}` : '';
    return [
      line('smtpd', `connect from unknown[${ip}]`),
      line('smtpd', `warning: unknown[${ip}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6${named}`),
      line('smtpd', `lost connection after AUTH from unknown[${ip}]`),
      line('smtpd', `disconnect from unknown[${ip}] ehlo=1 auth=0/1 commands=1/2`),
    ];
  }

  return {
    next(stepMs) {
      t += Math.floor(r() * 2 * stepMs);
      pid = 1000 + int(30000);
      const x = r();
      if (x < 0.45) return submission();
      if (x < 0.75) return inbound();
      if (x < 0.85) return retries();
      if (x < 0.93) return reject();
      if (x < 0.98) return guess();
      return [line('anvil', `statistics: max connection rate ${1 + int(20)}/60s for (smtp:198.51.100.${int(256)}) at ${syslogStamp(t)}`)];
    },
    user,
    now: () => t,
  };
}
