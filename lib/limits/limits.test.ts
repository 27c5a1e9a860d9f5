import { describe, expect, it } from 'vitest';
import { parseCounters } from './counters';
import { DEFER_REPLY, isWired, policyParams, removalPlan, withoutPolicy } from './main-cf';
import { buildRuleset, limitsFor } from './ruleset';
import { limitPolicySchema, NO_LIMITS, type LimitPolicy } from './schemas';

const policy: LimitPolicy = {
  defaults: { ...NO_LIMITS, messagesPerHour: 200, recipientsPerDay: 5000 },
  domains: [{ domain: 'example.com', limits: { ...NO_LIMITS, messagesPerHour: 100 } }],
  overrides: [{ login: 'news@example.com', limits: { ...NO_LIMITS, messagesPerDay: 20000 } }],
  exempt: ['root@example.com'],
  downAction: 'dunno',
};

describe('buildRuleset', () => {
  it('puts exempt logins first, then overrides, domains and the default, each block closed by DUNNO', () => {
    expect(
      buildRuleset(policy)
        .split('\n')
        .filter((l) => l.startsWith('id=')),
    ).toEqual([
      'id=mw-exempt-1; sasl_username==root@example.com; action=DUNNO',
      'id=mw-login-1-md; sasl_username==news@example.com; protocol_state==END-OF-MESSAGE; action=rate(sasl_username/20000/86400/450 4.7.1 sending limit reached: messages per day)',
      'id=mw-login-1-end; sasl_username==news@example.com; action=DUNNO',
      'id=mw-domain-1-mh; sasl_username=~/@example\\.com$/; protocol_state==END-OF-MESSAGE; action=rate(sasl_username/100/3600/450 4.7.1 sending limit reached: messages per hour)',
      'id=mw-domain-1-end; sasl_username=~/@example\\.com$/; action=DUNNO',
      'id=mw-default-mh; sasl_username=~/./; protocol_state==END-OF-MESSAGE; action=rate(sasl_username/200/3600/450 4.7.1 sending limit reached: messages per hour)',
      'id=mw-default-rd; sasl_username=~/./; protocol_state==END-OF-MESSAGE; action=rcpt(sasl_username/5000/86400/450 4.7.1 sending limit reached: recipients per day)',
    ]);
  });

  it('writes a harmless rule when nothing is limited (postfwd wants one)', () => {
    expect(buildRuleset({ ...policy, defaults: NO_LIMITS, domains: [], overrides: [], exempt: [] })).toContain('id=mw-none; sasl_username=~/./; action=DUNNO');
  });

  it('picks the limits of a login the way postfwd will', () => {
    expect(limitsFor(policy, 'ROOT@example.com')).toBeNull();
    expect(limitsFor(policy, 'news@example.com')?.messagesPerDay).toBe(20000);
    expect(limitsFor(policy, 'info@example.com')?.messagesPerHour).toBe(100);
    expect(limitsFor(policy, 'a@other.org')?.messagesPerHour).toBe(200);
  });
});

describe('the policy schema', () => {
  it('lower-cases logins and refuses what the ruleset grammar would not carry', () => {
    const ok = limitPolicySchema.parse({ ...policy, exempt: ['Root@Example.com'] });
    expect(ok.exempt).toEqual(['root@example.com']);
    for (const bad of ['a@b', 'x; action=sendmail(/bin/sh)@e.com', 'a\n@b.com', '-rf@x.com/']) {
      expect(limitPolicySchema.safeParse({ ...policy, exempt: [bad] }).success, bad).toBe(false);
    }
    expect(limitPolicySchema.safeParse({ ...policy, defaults: { ...NO_LIMITS, messagesPerHour: 0 } }).success).toBe(false);
  });
});

describe('the main.cf change', () => {
  it('puts the check first in end-of-data restrictions, once, keeping what was there', () => {
    const p = policyParams({ endOfData: 'reject_unauth_pipelining' }, 'dunno');
    expect(p).toContainEqual(['smtpd_end_of_data_restrictions', 'check_policy_service inet:127.0.0.1:10041, reject_unauth_pipelining']);
    expect(p).toContainEqual(['smtpd_policy_service_default_action', 'DUNNO']);
    const again = policyParams({ endOfData: p[0]![1] }, 'defer');
    expect(again[0]![1]).toBe('check_policy_service inet:127.0.0.1:10041, reject_unauth_pipelining');
    expect(again).toContainEqual(['smtpd_policy_service_default_action', DEFER_REPLY]);
  });

  it('takes only our check out again', () => {
    expect(withoutPolicy('check_policy_service inet:127.0.0.1:10041, check_policy_service unix:private/other')).toBe(
      'check_policy_service, unix:private/other',
    );
  });

  it('removes what it added: the list, the down action and the timeout back to their defaults', () => {
    const applied = new Map(policyParams({ endOfData: '' }, 'defer'));
    expect(removalPlan(applied)).toEqual({
      set: [],
      unset: ['smtpd_end_of_data_restrictions', 'smtpd_policy_service_default_action', 'smtpd_policy_service_timeout'],
    });
    const kept = new Map(policyParams({ endOfData: 'reject_unauth_pipelining' }, 'dunno'));
    expect(removalPlan(kept)).toEqual({
      set: [['smtpd_end_of_data_restrictions', 'reject_unauth_pipelining']],
      unset: ['smtpd_policy_service_default_action', 'smtpd_policy_service_timeout'],
    });
  });

  it('knows the check is wired only when our endpoint follows it', () => {
    expect(isWired('reject_unauth_pipelining, check_policy_service inet:127.0.0.1:10041')).toBe(true);
    expect(isWired('check_policy_service unix:private/other, inet:127.0.0.1:10041')).toBe(false);
    expect(isWired('')).toBe(false);
  });

  it('leaves the policy parameters to another policy service, and values the admin chose', () => {
    const other = new Map([
      ...policyParams({ endOfData: '' }, 'dunno'),
      ['smtpd_recipient_restrictions', 'permit_sasl_authenticated, check_policy_service unix:private/spf, reject_unauth_destination'],
    ]);
    expect(removalPlan(other)).toEqual({ set: [], unset: ['smtpd_end_of_data_restrictions'] });
    const own = new Map([
      ['smtpd_end_of_data_restrictions', 'check_policy_service inet:127.0.0.1:10041'],
      ['smtpd_policy_service_timeout', '30s'],
      ['smtpd_policy_service_default_action', 'DEFER_IF_PERMIT'],
    ]);
    expect(removalPlan(own)).toEqual({ set: [], unset: ['smtpd_end_of_data_restrictions'] });
    expect(removalPlan(new Map())).toEqual({ set: [], unset: [] });
  });
});

describe('parseCounters', () => {
  // postfwd --dumpcache on this machine after four messages at a limit of 3 per hour.
  const DUMP = `
%rate_cache -> %sasl_username=info@example.com -> @list            -> 'mw-login-1-mh+3_3600,mw-login-1-rh+5_3600'
%rate_cache -> %sasl_username=info@example.com -> %mw-login-1-mh+3_3600 -> @action   -> '450 4.7.1 sending limit reached: messages per hour'
%rate_cache -> %sasl_username=info@example.com -> %mw-login-1-mh+3_3600 -> @count    -> '3'
%rate_cache -> %sasl_username=info@example.com -> %mw-login-1-mh+3_3600 -> @maxcount -> '3'
%rate_cache -> %sasl_username=info@example.com -> %mw-login-1-mh+3_3600 -> @ttl      -> '3600'
%rate_cache -> %sasl_username=info@example.com -> %mw-login-1-mh+3_3600 -> @type     -> 'rate'
%rate_cache -> %sasl_username=info@example.com -> %mw-login-1-mh+3_3600 -> @until    -> '1796615503.46672'
%rate_cache -> %sasl_username=info@example.com -> %mw-login-1-rh+5_3600 -> @count    -> '3'
%rate_cache -> %sasl_username=info@example.com -> %mw-login-1-rh+5_3600 -> @maxcount -> '5'
%rate_cache -> %sasl_username=info@example.com -> %mw-login-1-rh+5_3600 -> @until    -> '1796615503.46672'
%rate_cache -> %sasl_username=test1@example.com -> %mw-domain-1-mh+100_3600 -> @count    -> '2'
%rate_cache -> %sasl_username=test1@example.com -> %mw-domain-1-mh+100_3600 -> @maxcount -> '100'
%rate_cache -> %sasl_username=test1@example.com -> %mw-domain-1-mh+100_3600 -> @until    -> '1796615503.46672'
`;
  const now = 1796612000_000;

  it('gives each login its counters against their limits, and who is refused now', () => {
    const [info, test1] = parseCounters(DUMP, now);
    expect(info).toEqual({
      login: 'info@example.com',
      refused: true,
      counters: [
        { rule: 'mw-login-1-mh', kind: 'messagesPerHour', count: 3, max: 3, windowSec: 3600, until: 1796615503467 },
        { rule: 'mw-login-1-rh', kind: 'recipientsPerHour', count: 3, max: 5, windowSec: 3600, until: 1796615503467 },
      ],
    });
    expect(test1).toMatchObject({ login: 'test1@example.com', refused: false });
  });

  it('drops counters whose window is over', () => {
    expect(parseCounters(DUMP, 1796615600_000)).toEqual([]);
    expect(parseCounters('<undef>\n')).toEqual([]);
  });
});
