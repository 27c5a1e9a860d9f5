import type { MainCfDoc } from '@/lib/postfix/postconf';
import { CHECKS, SERVICE_PARAMS } from './checks';
import { isYes, ParamView } from './params';
import { SEVERITY_RANK, type Finding, type SmtpdService } from './types';

// The assessment: `postconf -n` (plus the host's effective defaults and the
// master.cf overrides of its smtpd services) in, findings out. Pure. What is
// checked is the registry in checks/.

export { tlsConfigured } from './checks/tls-auth';

export type AssessExtra = {
  /** `postconf -x <ASSESSED_PARAMS>`: effective values, defaults included. */
  effective?: Map<string, string>;
  /** main.cf itself, for lines the parser could not read. */
  mainCf?: MainCfDoc;
};

export function assess(postconfN: Map<string, string>, services: SmtpdService[] = [], extra: AssessExtra = {}): Finding[] {
  const findings = assessView(new ParamView(postconfN, extra.effective), extra.mainCf);
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
  }
  return findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

function assessView(view: ParamView, mainCf?: MainCfDoc): Finding[] {
  // Without SMTP AUTH nobody logs in, so nobody can forge after logging in.
  const sasl = isYes(view.value('smtpd_sasl_auth_enable'));
  return CHECKS.filter((c) => sasl || !('needsSasl' in c && c.needsSasl)).flatMap((c): Finding[] => c.assess(view, mainCf));
}
