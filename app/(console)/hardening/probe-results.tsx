'use client';

import { useT } from '@/components/i18n-provider';
import { probeExpectMessage, probeNameMessage, probeWarningMessage } from '@/lib/hardening/messages';
import type { ProbeResult, ProbeWarning } from '@/lib/probes/probe-defs';
import { Banner } from './hardening-ui';
import { TranscriptView } from './transcript-view';

// Probe verdicts with what was expected, why one failed, and the session itself.
export function ProbeResults({ results, warnings }: { results: ProbeResult[]; warnings: ProbeWarning[] }) {
  const { t } = useT();
  return (
    <div className="space-y-3" data-testid="probe-results">
      {warnings.map((w) => (
        <Banner key={w.code} tone="warn" testId="probe-warning">
          {t(probeWarningMessage(w.code), 'source' in w ? { source: w.source } : undefined)}
        </Banner>
      ))}
      {results.map((r) => (
        <details key={r.name} open={!r.passed} data-testid="probe" data-probe={r.name} data-passed={r.passed} className="rounded-lg border border-slate-200">
          <summary className="flex cursor-pointer list-none items-center gap-3 px-4 py-2.5">
            <span aria-hidden className={`text-lg font-bold ${r.passed ? 'text-emerald-600' : 'text-red-600'}`}>{r.passed ? '✓' : '✕'}</span>
            <span className="font-medium text-slate-900">{t(probeNameMessage(r.name))}</span>
            <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${r.passed ? 'bg-emerald-50 text-emerald-700' : 'bg-red-50 text-red-700'}`}>{r.passed ? t('probes.passed') : t('probes.failed')}</span>
            <span className="ml-auto text-xs text-slate-400">{r.durationMs} ms</span>
          </summary>
          <div className="space-y-2 border-t border-slate-100 px-4 py-3">
            <p className="text-sm text-slate-600">{t(probeExpectMessage(r.name))}</p>
            {r.note && <p className="text-sm font-medium text-red-700">{r.note}</p>}
            <TranscriptView lines={r.transcript} />
          </div>
        </details>
      ))}
    </div>
  );
}
