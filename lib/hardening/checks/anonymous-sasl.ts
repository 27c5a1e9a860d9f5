import { defineCheck } from './check';

// Anonymous SASL mechanisms let a client "log in" as nobody.

export const anonymousSasl = defineCheck({
  id: 'anonymous-sasl',
  findings: ['anonymous-sasl.allowed'],
  reads: ['smtpd_sasl_security_options'],
  overrides: ['smtpd_sasl_security_options'],
  needsSasl: true,
  assess(view) {
    const options = view.value('smtpd_sasl_security_options').split(/[\s,]+/);
    if (options.includes('noanonymous')) return [];
    return [{ key: 'anonymous-sasl.allowed', severity: 'high', evidence: [view.evidence('smtpd_sasl_security_options')] }];
  },
});
