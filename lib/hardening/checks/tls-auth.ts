import { isYes, type ParamView } from '../params';
import { defineCheck, PlanError } from './check';

// A password sent before STARTTLS crosses the network in the clear.

/** TLS is on offer when a certificate is configured and STARTTLS is not switched off. */
export function tlsConfigured(view: ParamView): boolean {
  const cert = view.value('smtpd_tls_cert_file').trim() || view.value('smtpd_tls_chain_files').trim();
  const level = view.value('smtpd_tls_security_level').trim().toLowerCase();
  const legacy = isYes(view.value('smtpd_use_tls')) || isYes(view.value('smtpd_enforce_tls'));
  return Boolean(cert) && (level === 'may' || level === 'encrypt' || (level === '' && legacy));
}

export const tlsAuth = defineCheck({
  id: 'tls-auth',
  findings: ['tls-auth.no-tls', 'tls-auth.not-only', 'tls-auth.ok'],
  reads: ['smtpd_tls_auth_only', 'smtpd_tls_security_level', 'smtpd_tls_cert_file', 'smtpd_tls_chain_files', 'smtpd_use_tls', 'smtpd_enforce_tls'],
  overrides: ['smtpd_tls_auth_only', 'smtpd_tls_security_level'],
  needsSasl: true,
  assess(view) {
    const evidence = ['smtpd_tls_auth_only', 'smtpd_tls_security_level', 'smtpd_tls_cert_file'].map((n) => view.evidence(n));
    if (isYes(view.value('smtpd_tls_auth_only'))) return [{ key: 'tls-auth.ok', severity: 'ok', evidence }];
    if (!tlsConfigured(view)) return [{ key: 'tls-auth.no-tls', severity: 'medium', evidence }];
    return [{ key: 'tls-auth.not-only', severity: 'medium', evidence, fix: 'tls-auth-only' }];
  },
  fix: {
    id: 'tls-auth-only',
    sets: ['smtpd_tls_auth_only'],
    stage: 'params',
    order: 40,
    plan(ctx) {
      if (!tlsConfigured(ctx.view)) throw new PlanError('smtpd_tls_auth_only needs TLS first: smtpd_tls_cert_file is not set (or STARTTLS is off).');
      ctx.params.push(['smtpd_tls_auth_only', 'yes']);
    },
  },
});
