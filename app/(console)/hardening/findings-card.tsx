'use client';

import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { findingMessage, fixMessage, fixWhyMessage } from '@/lib/hardening/messages';
import type { Finding, FixId } from '@/lib/hardening/types';
import { Mono, SeverityBadge } from './hardening-ui';

type Props = { findings: Finding[]; selected: ReadonlySet<FixId>; onToggle: (fix: FixId) => void };

// Problems first, in full, each with the configuration lines that show it;
// passing checks below in one compact list.
export function FindingsCard({ findings, selected, onToggle }: Props) {
  const { t } = useT();
  const problems = findings.filter((f) => f.severity !== 'ok');
  const passing = findings.filter((f) => f.severity === 'ok');
  const count = (s: Finding['severity']) => String(findings.filter((f) => f.severity === s).length);
  // A fix can answer several findings; its checkbox sits on the first one.
  const firstWithFix = new Map<FixId, Finding>();
  for (const f of problems) if (f.fix && !firstWithFix.has(f.fix)) firstWithFix.set(f.fix, f);

  return (
    <Card
      title={t('hardening.findings')}
      actions={
        <span className="text-xs text-slate-500">
          {t('hardening.findings.summary', { critical: count('critical'), high: count('high'), medium: count('medium'), low: count('low') })}
        </span>
      }
    >
      <p className="mb-4 text-sm text-slate-500">{t('hardening.findings.hint')}</p>
      <ul className="divide-y divide-slate-100" data-testid="findings">
        {problems.map((f, i) => (
          <li key={`${f.key}-${f.service ?? ''}-${i}`} data-testid="finding" data-key={f.key} data-severity={f.severity} className="flex gap-4 py-4 first:pt-0">
            <SeverityBadge severity={f.severity} />
            <div className="min-w-0 flex-1 space-y-2">
              <p className="text-sm text-slate-900">
                {f.service && (
                  <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600">
                    {t('hardening.service', { service: f.service })}
                  </span>
                )}
                {t(findingMessage(f.key), f.vars)}
              </p>
              <Mono lines={f.evidence} testId="evidence" />
              {f.fix && firstWithFix.get(f.fix) === f ? (
                <label className="flex cursor-pointer items-start gap-2 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm">
                  <input type="checkbox" className="mt-0.5" checked={selected.has(f.fix)} onChange={() => onToggle(f.fix!)} data-testid={`fix-${f.fix}`} />
                  <span>
                    <span className="font-medium text-brand-700">{t(fixMessage(f.fix))}</span>
                    <span className="block text-xs text-slate-600">{t(fixWhyMessage(f.fix))}</span>
                  </span>
                </label>
              ) : (
                !f.fix && <p className="text-xs text-slate-400">{f.service ? t('hardening.serviceNoFix') : t('hardening.noFixButton')}</p>
              )}
            </div>
          </li>
        ))}
      </ul>
      {passing.length > 0 && (
        <ul className="mt-4 space-y-2 border-t border-slate-100 pt-4" data-testid="passing">
          {passing.map((f, i) => (
            <li key={`${f.key}-${i}`} data-testid="finding" data-key={f.key} data-severity="ok" className="flex items-start gap-4 text-sm">
              <SeverityBadge severity="ok" />
              <div className="min-w-0 flex-1">
                <p className="text-slate-700">{t(findingMessage(f.key), f.vars)}</p>
                <p className="truncate font-mono text-xs text-slate-400" title={f.evidence.join('\n')}>
                  {f.evidence[0]}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
