import type { Translate } from '@/lib/i18n/translate';
import type { Reason, RuleId, Vars } from './evaluate';

// One sentence per alert, with its numbers, in the reader's language: the
// page renders it with the browser's catalogue, notifications with the
// channel's, and the English one is stored as the alert's summary.

export type AlertDetails = { vars: Vars; reasons?: Reason[]; containment?: unknown };

const fmt = (v: string | number) => (typeof v === 'number' ? v.toLocaleString('en-US') : v);

function formatted(vars: Vars): Vars {
  const out: Vars = {};
  for (const [k, v] of Object.entries(vars)) out[k] = fmt(v);
  return out;
}

export function renderSummary(t: Translate, rule: string, details: AlertDetails): string {
  const vars = formatted(details.vars ?? {});
  switch (rule as RuleId) {
    case 'queue-size':
      return t(details.vars.atLeast ? 'alerts.summary.queue-size-atLeast' : 'alerts.summary.queue-size', vars);
    case 'queue-growth':
      return t('alerts.summary.queue-growth', vars);
    case 'sasl-volume': {
      const why = (details.reasons ?? []).map((r) => t(`alerts.reason.${r.id}`, formatted(r.vars))).join('; ');
      return t('alerts.summary.sasl-volume', { ...vars, why });
    }
    case 'sasl-new-ip':
      return t('alerts.summary.sasl-new-ip', vars);
    case 'sasl-many-ips':
      return t('alerts.summary.sasl-many-ips', vars);
    case 'sasl-failures':
      return t('alerts.summary.sasl-failures', vars);
    case 'remote-blocks':
      return t('alerts.summary.remote-blocks', vars);
    case 'host-unreachable':
      return t('alerts.summary.host-unreachable', vars);
    case 'sasl-limit-hit':
      return t('alerts.summary.sasl-limit-hit', vars);
    default:
      return rule;
  }
}

export function ruleName(t: Translate, rule: string): string {
  switch (rule as RuleId) {
    case 'queue-size':
    case 'queue-growth':
    case 'sasl-volume':
    case 'sasl-new-ip':
    case 'sasl-many-ips':
    case 'sasl-failures':
    case 'remote-blocks':
    case 'host-unreachable':
    case 'sasl-limit-hit':
      return t(`alerts.rule.${rule as RuleId}`);
    default:
      return rule;
  }
}
