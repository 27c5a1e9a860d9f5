import { defineCheck } from './check';

// Per client IP and anvil_rate_time_unit (60s). Generous for a person or an
// office behind one NAT (100 messages, 300 recipients a minute) and a hard
// brake for one stolen login pushing 10 messages a second. mynetworks is
// exempt by default (smtpd_client_event_limit_exceptions).
export const RATE_LIMITS: [string, string][] = [
  ['smtpd_client_message_rate_limit', '100'],
  ['smtpd_client_recipient_rate_limit', '300'],
  ['anvil_rate_time_unit', '60s'],
];

const NAMES = RATE_LIMITS.map(([n]) => n);

export const rateLimits = defineCheck({
  id: 'rate-limits',
  findings: ['rate-limits.missing', 'rate-limits.ok'],
  reads: NAMES,
  overrides: ['smtpd_client_message_rate_limit', 'smtpd_client_recipient_rate_limit'],
  assess(view) {
    const evidence = NAMES.map((n) => view.evidence(n));
    const limited = (n: string) => Number(view.value(n)) > 0;
    if (limited('smtpd_client_message_rate_limit') || limited('smtpd_client_recipient_rate_limit')) {
      return [{ key: 'rate-limits.ok', severity: 'ok', evidence }];
    }
    return [{ key: 'rate-limits.missing', severity: 'medium', evidence, fix: 'rate-limits' }];
  },
  fix: {
    id: 'rate-limits',
    sets: NAMES,
    stage: 'params',
    order: 30,
    plan(ctx) {
      for (const [name, value] of RATE_LIMITS) {
        const unset = name === 'anvil_rate_time_unit' ? !ctx.postconfN.has(name) : !(Number(ctx.view.value(name)) > 0);
        if (unset) ctx.params.push([name, value]);
      }
    },
  },
});
