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
      {results.map((r) => {
        // A blocked login's refusals are what it should get: neutral, not a red failure.
        const tone = r.passed ? 'ok' : r.blocked ? 'blocked' : 'failed';
        return (
          <details
            key={r.name}
            open={tone === 'failed'}
            data-testid="probe"
            data-probe={r.name}
            data-passed={r.passed}
            data-blocked={r.blocked || undefined}
            className="rounded-lg border border-slate-200"
          >
            <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5">
              <span aria-hidden className={`text-lg font-bold ${tone === 'ok' ? 'text-emerald-600' : tone === 'blocked' ? 'text-slate-400' : 'text-red-600'}`}>
                {tone === 'ok' ? '✓' : tone === 'blocked' ? '–' : '✕'}
              </span>
              <span className="font-medium text-slate-900">{t(probeNameMessage(r.name))}</span>
              <span
                className={`rounded-full px-2 py-0.5 text-xs font-medium ${tone === 'ok' ? 'bg-emerald-50 text-emerald-700' : tone === 'blocked' ? 'bg-slate-100 text-slate-600' : 'bg-red-50 text-red-700'}`}
              >
                {tone === 'ok' ? t('probes.passed') : tone === 'blocked' ? t('probes.refusedAsExpected') : t('probes.failed')}
              </span>
              <span className="ml-auto text-xs text-slate-400">{r.durationMs} ms</span>
            </summary>
            <div className="space-y-2 border-t border-slate-100 px-4 py-3">
              <p className="text-sm text-slate-600">{t(probeExpectMessage(r.name))}</p>
              {r.note && <p className={`text-sm font-medium ${tone === 'blocked' ? 'text-slate-600' : 'text-red-700'}`}>{r.note}</p>}
              <TranscriptView lines={r.transcript} />
            </div>
          </details>
        );
      })}
    </div>
  );
}
