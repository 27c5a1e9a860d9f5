import { isYes } from '../params';
import { defineCheck } from './check';

// AUTH announced the old, non-standard way as well, for Outlook Express-era clients.

export const brokenSasl = defineCheck({
  id: 'broken-sasl',
  findings: ['broken-sasl.on'],
  reads: ['broken_sasl_auth_clients'],
  needsSasl: true,
  assess: (view) =>
    isYes(view.value('broken_sasl_auth_clients')) ? [{ key: 'broken-sasl.on', severity: 'low', evidence: [view.evidence('broken_sasl_auth_clients')] }] : [],
});
