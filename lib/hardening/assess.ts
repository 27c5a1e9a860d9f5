import type { MainCfDoc } from '@/lib/postfix/postconf';
import { assessMynetworks, assessRelay } from './assess-relay';
import { assessSaslAccess, assessSenderLogin } from './assess-sender';
import { isYes, ParamView, RESTRICTION_LISTS } from './params';
import { isSleepArgument, KNOWN_RESTRICTIONS } from './restriction-names';
import { SEVERITY_RANK, type Finding, type SmtpdService } from './types';

// The assessment: `postconf -n` (plus the host's effective defaults and the
// master.cf overrides of its smtpd services) in, findings out. Pure.

export type AssessExtra = {
  /** `postconf -x <ASSESSED_PARAMS>`: effective values, defaults included. */
  effective?: Map<string, string>;
  /** main.cf itself, for lines the parser could not read. */
  mainCf?: MainCfDoc;
};

// Parameters whose override in master.cf changes what a service enforces.
const SERVICE_PARAMS = new Set([
  ...RESTRICTION_LISTS,
  'smtpd_sender_login_maps',
  'smtpd_sasl_auth_enable',
  'smtpd_tls_auth_only',
  'smtpd_tls_security_level',
  'smtpd_sasl_security_options',
  'smtpd_client_message_rate_limit',
  'smtpd_client_recipient_rate_limit',
  'mynetworks',
  'smtpd_restriction_classes',
]);

export function assess(postconfN: Map<string, string>, services: SmtpdService[] = [], extra: AssessExtra = {}): Finding[] {
  const main = new ParamView(postconfN, extra.effective);
  const findings = [...assessView(main), ...notUnderstood(main, extra.mainCf)];
  for (const svc of services) {
    if (![...svc.overrides.keys()].some((k) => SERVICE_PARAMS.has(k))) continue;
    const label = `${svc.name}/${svc.type}`;
    const view = new ParamView(postconfN, extra.effective, { label, overrides: svc.overrides });
    // Fixes write main.cf only: a service that overrides a parameter keeps
    // its own value, so its findings come without a button.
    for (const f of assessView(view)) {
      if (f.severity === 'ok' || !f.evidence.some((e) => e.startsWith(`${label}:`))) continue;
      findings.push({ ...f, service: label, fix: undefined });
    }
    findings.push(...notUnderstood(view).filter((f) => f.evidence.some((e) => e.startsWith(`${label}:`))).map((f) => ({ ...f, service: label })));
  }
  return findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

function assessView(view: ParamView): Finding[] {
  const out: Finding[] = [assessRelay(view), ...assessMynetworks(view)];
  if (!isYes(view.value('smtpd_sasl_auth_enable'))) {
    // Without SMTP AUTH nobody logs in, so nobody can forge after logging in.
    out.push({ key: 'sasl.off', severity: 'ok', evidence: [view.evidence('smtpd_sasl_auth_enable')] });
    return [...out, assessRateLimits(view)];
  }
  out.push(assessSenderLogin(view), assessSaslAccess(view), assessRateLimits(view), assessTls(view));
  if (isYes(view.value('broken_sasl_auth_clients'))) {
    out.push({ key: 'broken-sasl.on', severity: 'low', evidence: [view.evidence('broken_sasl_auth_clients')] });
  }
  const options = view.value('smtpd_sasl_security_options').split(/[\s,]+/);
  if (!options.includes('noanonymous')) {
    out.push({ key: 'anonymous-sasl.allowed', severity: 'high', evidence: [view.evidence('smtpd_sasl_security_options')] });
  }
  return out;
}

function assessRateLimits(view: ParamView): Finding {
  const names = ['smtpd_client_message_rate_limit', 'smtpd_client_recipient_rate_limit', 'anvil_rate_time_unit'];
  const evidence = names.map((n) => view.evidence(n));
  const limited = (n: string) => Number(view.value(n)) > 0;
  if (limited('smtpd_client_message_rate_limit') || limited('smtpd_client_recipient_rate_limit')) {
    return { key: 'rate-limits.ok', severity: 'ok', evidence };
  }
  return { key: 'rate-limits.missing', severity: 'medium', evidence, fix: 'rate-limits' };
}

/** TLS is on offer when a certificate is configured and STARTTLS is not switched off. */
export function tlsConfigured(view: ParamView): boolean {
  const cert = view.value('smtpd_tls_cert_file').trim() || view.value('smtpd_tls_chain_files').trim();
  const level = view.value('smtpd_tls_security_level').trim().toLowerCase();
  const legacy = isYes(view.value('smtpd_use_tls')) || isYes(view.value('smtpd_enforce_tls'));
  return Boolean(cert) && (level === 'may' || level === 'encrypt' || (level === '' && legacy));
}

function assessTls(view: ParamView): Finding {
  const evidence = ['smtpd_tls_auth_only', 'smtpd_tls_security_level', 'smtpd_tls_cert_file'].map((n) => view.evidence(n));
  if (isYes(view.value('smtpd_tls_auth_only'))) return { key: 'tls-auth.ok', severity: 'ok', evidence };
  if (!tlsConfigured(view)) return { key: 'tls-auth.no-tls', severity: 'medium', evidence };
  return { key: 'tls-auth.not-only', severity: 'medium', evidence, fix: 'tls-auth-only' };
}

function notUnderstood(view: ParamView, doc?: MainCfDoc): Finding[] {
  const out: Finding[] = [];
  for (const line of doc?.lines ?? []) {
    if (line.kind === 'invalid') out.push({ key: 'not-understood.line', severity: 'unknown', evidence: [`main.cf line ${line.n}: ${line.text}`], vars: { line: String(line.n) } });
  }
  const classes = new Set(view.value('smtpd_restriction_classes').split(/[\s,]+/).filter(Boolean));
  for (const list of RESTRICTION_LISTS) {
    const { items, unresolved } = view.restrictions(list);
    if (unresolved.length) out.push({ key: 'not-understood.reference', severity: 'unknown', evidence: [view.evidence(list)], vars: { value: unresolved.map((r) => `$${r}`).join(' ') } });
    const unknown = items.filter((it, i) => !KNOWN_RESTRICTIONS.has(it.name) && !classes.has(it.name) && !isSleepArgument(items[i - 1]?.name, it.name));
    if (unknown.length) out.push({ key: 'not-understood.restriction', severity: 'unknown', evidence: [view.evidence(list)], vars: { value: unknown.map((u) => u.name).join(' ') } });
  }
  return out;
}
