import { describe, expect, it } from 'vitest';
import { evaluateProbe } from './probe-defs';

const reply = (code: number, text: string) => ({ code, lines: [text], raw: [`${code} ${text}`] });
const authed = { greeting: reply(220, 'ready'), auth: reply(235, '2.7.0 Authentication successful') };
const blockedMail = reply(554, '5.7.1 <info@example.com>: SASL login name rejected: sending disabled for this account');

describe('probe verdicts with a blocked login', () => {
  it('passes the blocked-login probe on the SASL refusal', () => {
    expect(evaluateProbe('blocked-login', { ...authed, mail: blockedMail })).toEqual({ passed: true });
  });

  it('calls the sender probes of a blocked login "blocked", not a server failure', () => {
    for (const name of ['forged-sender', 'own-sender'] as const) {
      const v = evaluateProbe(name, { ...authed, mail: blockedMail });
      expect(v.passed, name).toBe(false);
      expect(v.blocked, name).toBe(true);
    }
  });

  it('still fails a forged sender that is accepted', () => {
    const v = evaluateProbe('forged-sender', { ...authed, mail: reply(250, 'ok'), rcpt: reply(250, 'ok') });
    expect(v).toMatchObject({ passed: false });
    expect(v.blocked).toBeUndefined();
  });
});
