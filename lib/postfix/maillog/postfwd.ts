// postfwd's (postfwd2 1.35, Debian) rule log lines, tag `postfwd2/policy[pid]`
// (or `postfwd[pid]`). One per request that matched a rule:
//   [RULES] rule=1, id=mw-login-1-mh, queue=ABC4, client=unknown[127.0.0.66],
//   user=info@example.com, sender=<x@yahoo.com>, recipient=<r4@qq.com>, helo=<>,
//   proto=ESMTP, state=END-OF-MESSAGE, rate=rate/4/0.00s, delay=0.02s,
//   hits=mw-login-1-mh, action=450 4.7.1 sending limit reached: messages per hour
// `rate=TYPE/COUNT/AGE` is there only when a rate()/rcpt() limit refused the
// request: that is the "limit hit" the watch and the suspicion score use.

import { parsePeer, unbracket } from './tokens';
import type { PolicyRuleEvent } from './types';

const FIELDS = ['rule', 'id', 'queue', 'client', 'user', 'sender', 'recipient', 'helo', 'proto', 'state', 'rate', 'delay', 'hits'];

export function parsePostfwd(rest: string): PolicyRuleEvent | undefined {
  if (!rest.startsWith('[RULES] ')) return undefined;
  const ai = rest.indexOf(', action=');
  if (ai < 0) return undefined;
  const kv = new Map<string, string>();
  // Values hold no ", " except the action, which comes last.
  for (const part of rest.slice(8, ai).split(', ')) {
    const eq = part.indexOf('=');
    if (eq > 0 && FIELDS.includes(part.slice(0, eq))) kv.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const ruleId = kv.get('id');
  const client = parsePeer(kv.get('client') ?? '');
  if (!ruleId || !client) return undefined;
  const ev: PolicyRuleEvent = { kind: 'policy-rule', ruleId, client, action: rest.slice(ai + 9), limitHit: false };
  const queue = kv.get('queue');
  if (queue) ev.queueId = queue;
  const user = kv.get('user');
  if (user) ev.saslUsername = user;
  const sender = kv.get('sender');
  if (sender !== undefined) ev.sender = unbracket(sender);
  const recipient = kv.get('recipient');
  if (recipient !== undefined) ev.recipient = unbracket(recipient);
  const state = kv.get('state');
  if (state) ev.state = state;
  const rate = /^(rate|rcpt|size)[0-9]*\/(\d+)\//.exec(kv.get('rate') ?? '');
  if (rate) {
    ev.limitHit = true;
    ev.rateType = rate[1] as 'rate' | 'rcpt' | 'size';
    ev.rateCount = Number(rate[2]);
  }
  return ev;
}
