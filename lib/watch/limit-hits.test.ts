import { describe, expect, it } from 'vitest';
import { parseMaillogLine } from '@/lib/postfix/maillog';
import { evaluate } from './evaluate';
import { LogWindow } from './log-window';
import { defaultRules } from './rules-schema';

// postfwd2 1.35's line for a message refused at the sending limit (issue 18).
const HIT = (n: number, ip: string) =>
  `Dec  7 02:55:12 mx1 postfwd2/policy[337]: [RULES] rule=1, id=mw-login-1-mh, queue=ABC${n}, client=unknown[${ip}], user=info@example.com, sender=<x@yahoo.com>, recipient=<r@qq.com>, helo=<h>, proto=ESMTP, state=END-OF-MESSAGE, rate=rate/${n}/0.00s, delay=0.02s, hits=mw-login-1-mh, action=450 4.7.1 sending limit reached: messages per hour`;
const PASS =
  'Dec  7 02:55:12 mx1 postfwd2/policy[335]: [RULES] rule=2, id=mw-login-1-end, queue=ABC1, client=unknown[127.0.0.66], user=info@example.com, sender=<x@yahoo.com>, recipient=<r1@qq.com>, helo=<h>, proto=ESMTP, state=END-OF-MESSAGE, delay=0.02s, hits=mw-login-1-mh;mw-login-1-end, action=DUNNO';

describe('a login hit its sending limit', () => {
  const now = Date.UTC(2026, 11, 7, 3, 0);
  const parse = (l: string) => parseMaillogLine(l, { year: 2026 });

  it('counts the refused messages per login, with the client IPs and the reply', () => {
    const w = new LogWindow();
    w.addLine(PASS, now, parse);
    w.addLine(HIT(4, '127.0.0.66'), now, parse);
    w.addLine(HIT(5, '127.0.0.67'), now, parse);
    w.addLine(HIT(6, '127.0.0.66'), now, parse);
    expect(w.limitHits(now)).toEqual([
      {
        user: 'info@example.com',
        count: 3,
        ips: [
          ['127.0.0.66', 2],
          ['127.0.0.67', 1],
        ],
        reply: '450 4.7.1 sending limit reached: messages per hour',
      },
    ]);
    expect(w.limitHits(now + 61 * 60_000)).toEqual([]);
  });

  it('raises the rule naming the login, linked to its limits', () => {
    const findings = evaluate({
      host: 'mx1',
      now,
      rules: defaultRules(),
      users: [],
      baselines: new Map(),
      newIps: [],
      failures: [],
      blocks: [],
      limitHits: [{ user: 'info@example.com', count: 3, ips: [['127.0.0.66', 3]], reply: '450 4.7.1 sending limit reached' }],
    });
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'sasl-limit-hit',
        key: 'info@example.com',
        domain: 'example.com',
        severity: 'warning',
        link: '/hardening?host=mx1&user=info%40example.com#limits',
      }),
    ]);
    expect(findings[0]!.vars).toMatchObject({ user: 'info@example.com', count: 3, ips: '127.0.0.66 (3)' });
  });
});
