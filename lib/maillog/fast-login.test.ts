import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMaillogLine } from '@/lib/postfix/maillog';
import { dayClock, fastSaslLogin } from './fast-login';
import { syntheticLog } from '@/test/maillog/synthetic-log';
import { readCorpus, SHARED, seedLines } from '@/test/maillog/test-lines';

// Differential: wherever the fast reader answers, it must answer exactly what
// the general parser says about the same line; where it does not, the parser
// decides. Lines from every source we have, plus hand-made odd ones.

const LAB = readFileSync(path.join(__dirname, 'fixtures/lab-attack.log'), 'utf8').split('\n').filter(Boolean);
const CORPUS = readdirSync(path.join(SHARED, 'corpora/maillog'))
  .filter((f) => f.endsWith('.log'))
  .flatMap((f) => readCorpus(f).split('\n'))
  .filter((l) => l && !l.startsWith('#'));
function synthetic(n: number) {
  const g = syntheticLog({ users: 300, start: Date.UTC(2026, 0, 1), seed: 3 });
  const out: string[] = [];
  while (out.length < n) out.push(...g.next(800));
  return out;
}
const ODD = [
  'Nov 27 21:16:29 mail postfix/smtpd[1]: 7376A16E491: client=unknown[127.0.0.66], sasl_method=LOGIN, sasl_username=info@example.com, sasl_sender=x@y.example',
  'Nov 27 21:16:29 mail postfix/smtpd[1]: 7376A16E491: client=unknown[127.0.0.66]:4455, sasl_method=LOGIN, sasl_username=info@example.com',
  'Nov 27 21:16:29.123 mail postfix/smtpd[1]: 7376A16E491: client=unknown[127.0.0.66], sasl_method=LOGIN, sasl_username=info@example.com',
  'Nov 27 21:16:29 mail postfix/smtp[1]: 7376A16E491: client=unknown[127.0.0.66], sasl_method=LOGIN, sasl_username=info@example.com',
  'Nov 27 21:16:29 mail postfix/submission/smtpd[1]: 7376A16E491: client=mail.example[2001:db8::1], sasl_method=PLAIN, sasl_username=bob',
  'Nov  7 01:02:03 mail postfix/smtpd[22]: ABCDEF1234: client=unknown[10.0.0.1], sasl_method=LOGIN, sasl_username=u@example.com',
  'Nov 07 01:02:03 mail postfix/smtpd[22]: ABCDEF1234: client=unknown[10.0.0.1], sasl_method=LOGIN, sasl_username=u@example.com',
  'Aug 3 15:30:49 mail postfix/smtpd[22]: ABCDEF1234: client=unknown[10.0.0.1], sasl_method=LOGIN, sasl_username=u@example.com',
  '2026-11-27T21:16:29.123456+08:00 mail postfix/smtpd[1]: 7376A16E491: client=unknown[127.0.0.66], sasl_method=LOGIN, sasl_username=info@example.com',
  'Nov 27 21:16:29 mail postfix/smtpd[1]: NOTANID: client=unknown[127.0.0.66], sasl_method=LOGIN, sasl_username=info@example.com',
  'Nov 27 21:16:29 mail postfix/smtpd[1]: warning: unknown[127.0.0.99]: SASL LOGIN authentication failed: (reason unavailable), sasl_username=info@example.com',
  'Nov 27 25:16:29 mail postfix/smtpd[1]: 7376A16E491: client=unknown[127.0.0.66], sasl_method=LOGIN, sasl_username=info@example.com',
];

describe('fastSaslLogin', () => {
  for (const utcOffsetMinutes of [0, 480, -300]) {
    it(`agrees with parseMaillogLine on every line it reads (UTC offset ${utcOffsetMinutes} min)`, () => {
      const opts = { year: 2026, utcOffsetMinutes };
      const clock = dayClock(opts);
      let fast = 0;
      let sasl = 0;
      for (const line of [...LAB, ...CORPUS, ...seedLines(), ...synthetic(5000), ...ODD]) {
        const full = parseMaillogLine(line, opts);
        if (full.kind === 'sasl-login') sasl++;
        const quick = fastSaslLogin(line, clock);
        if (quick === undefined) continue;
        fast++;
        expect(quick, line).toEqual(full);
      }
      // It must actually carry the load: nearly every login line.
      expect(fast).toBeGreaterThan(sasl * 0.95);
    });
  }

  it('leaves everything unusual to the parser', () => {
    const clock = dayClock({ year: 2026 });
    const read = ODD.map((l) => fastSaslLogin(l, clock) !== undefined);
    // Read fast: the plain shape under any syslog name, with an IPv6 client, and both day paddings.
    // Left to the parser: sasl_sender, a port, fractions, another daemon, one-digit day, RFC 3339, bad ids, failures, bad clocks.
    expect(read).toEqual([false, false, false, false, true, true, true, false, false, false, false, false]);
  });
});
