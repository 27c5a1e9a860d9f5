import { describe, expect, it } from 'vitest';
import { parseMaillogLine, type KnownEvent } from '@/lib/postfix/maillog';
import { logEvidenceAggregator, summarizeLog, type LogUserEvidence } from './log-evidence';
import { scoreUser, WEIGHTS } from './score';

const NOW = Date.parse('2026-12-07T03:00:00Z');
const HIT =
  'Dec  7 02:55:12 mx1 postfwd2/policy[337]: [RULES] rule=1, id=mw-login-1-mh, queue=ABC4, client=unknown[127.0.0.66], user=info@example.com, sender=<x@yahoo.com>, recipient=<r4@qq.com>, helo=<h>, proto=ESMTP, state=END-OF-MESSAGE, rate=rate/4/0.00s, delay=0.02s, hits=mw-login-1-mh, action=450 4.7.1 sending limit reached: messages per hour';
const PASS = HIT.replace(', rate=rate/4/0.00s', '').replace('action=450 4.7.1 sending limit reached: messages per hour', 'action=DUNNO');

const base = (over: Partial<LogUserEvidence>): LogUserEvidence => ({
  user: 'info@example.com',
  logins: 0,
  ips: [],
  newIps: 0,
  firstLogin: null,
  burstStart: null,
  priorLogins: 0,
  recent: { messages: 0, recipients: 0, forged: 0, hours: 24 },
  baseline: null,
  coverageBeforeBurstMs: 0,
  failures: 0,
  bruteThenLogin: null,
  firstForged: null,
  ...over,
});

describe('"hit its limit" in the suspicion score', () => {
  it('counts the messages the policy service refused per login from the log', () => {
    const agg = logEvidenceAggregator();
    for (const l of [HIT, HIT, PASS]) agg.add(parseMaillogLine(l, { year: 2026 }) as KnownEvent, l);
    const info = summarizeLog(agg.result(50), { now: NOW, recentMs: 86_400_000 }).get('info@example.com');
    expect(info?.limitHits).toBe(2);
  });

  it('gives the reason with its count, and nothing without a refusal', () => {
    expect(scoreUser({ now: NOW, log: base({ limitHits: 2 }) }).reasons).toEqual([{ id: 'limit-hit', points: WEIGHTS.limitHit, vars: { refused: 2 } }]);
    expect(scoreUser({ now: NOW, log: base({}) }).reasons).toEqual([]);
  });
});
