import { isYes } from '../params';
import { defineCheck } from './check';

// Without SMTP AUTH nobody logs in, so nobody can forge after logging in:
// the checks marked needsSasl are skipped and this says why.

export const saslAuth = defineCheck({
  id: 'sasl-auth',
  findings: ['sasl.off'],
  reads: ['smtpd_sasl_auth_enable'],
  overrides: ['smtpd_sasl_auth_enable'],
  assess: (view) =>
    isYes(view.value('smtpd_sasl_auth_enable')) ? [] : [{ key: 'sasl.off', severity: 'ok', evidence: [view.evidence('smtpd_sasl_auth_enable')] }],
});
