import type { ReactNode } from 'react';
import { useT } from '@/components/i18n-provider';
import type { Step } from '@/lib/hardening/apply-types';
import { severityMessage, stepMessage } from '@/lib/hardening/messages';
import type { Severity } from '@/lib/hardening/types';

// Small shared pieces of the hardening screen.

const SEVERITY_TONE: Record<Severity, string> = {
  critical: 'bg-red-600 text-white ring-red-700',
  high: 'bg-orange-100 text-orange-800 ring-orange-600/30',
  medium: 'bg-amber-50 text-amber-800 ring-amber-600/30',
  low: 'bg-sky-50 text-sky-800 ring-sky-600/20',
  unknown: 'bg-violet-50 text-violet-800 ring-violet-600/20',
  ok: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useT();
  return (
    <span
      data-testid="severity"
      className={`inline-flex w-24 shrink-0 self-start justify-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${SEVERITY_TONE[severity]}`}
    >
      {t(severityMessage(severity))}
    </span>
  );
}

export function Mono({ lines, testId }: { lines: string[]; testId?: string }) {
  return (
    <pre
      data-testid={testId}
      className="overflow-x-auto whitespace-pre-wrap break-all rounded-md bg-slate-50 px-3 py-2 font-mono text-xs leading-5 text-slate-800 ring-1 ring-slate-200"
    >
      {lines.join('\n')}
    </pre>
  );
}

export function Banner({ tone, children, testId }: { tone: 'ok' | 'danger' | 'warn'; children: ReactNode; testId?: string }) {
  const cls = {
    ok: 'border-emerald-300 bg-emerald-50 text-emerald-900',
    danger: 'border-red-300 bg-red-50 text-red-900',
    warn: 'border-amber-300 bg-amber-50 text-amber-900',
  }[tone];
  return (
    <div role={tone === 'ok' ? 'status' : 'alert'} data-testid={testId} className={`rounded-lg border px-4 py-3 text-sm ${cls}`}>
      {children}
    </div>
  );
}

/** Each step of an apply or rollback with ✓ or ✕ and what the host said. */
export function StepList({ steps }: { steps: Step[] }) {
  const { t } = useT();
  return (
    <ol className="space-y-1.5 text-sm" data-testid="steps">
      {steps.map((s, i) => (
        <li key={i} data-testid="step" data-step={s.step} data-ok={s.ok} className="flex gap-2">
          <span aria-hidden className={`w-4 shrink-0 font-bold ${s.ok ? 'text-emerald-600' : 'text-red-600'}`}>
            {s.ok ? '✓' : '✕'}
          </span>
          <div className="min-w-0">
            <span className="font-medium">{t(stepMessage(s.step))}</span>
            {s.target && <code className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{s.target}</code>}
            {s.detail && <pre className={`mt-1 whitespace-pre-wrap break-all font-mono text-xs ${s.ok ? 'text-slate-500' : 'text-red-700'}`}>{s.detail}</pre>}
          </div>
        </li>
      ))}
    </ol>
  );
}
