import type { ReactNode } from 'react';

// Small shared pieces of the Hosts screens.

const tones = {
  ok: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  warn: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  danger: 'bg-red-50 text-red-700 ring-red-600/20',
  muted: 'bg-slate-100 text-slate-600 ring-slate-500/10',
} as const;

export function Badge({ tone, children, testId }: { tone: keyof typeof tones; children: ReactNode; testId?: string }) {
  return (
    <span
      data-testid={testId}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

export function Fingerprint({ value, testId }: { value: string; testId?: string }) {
  return (
    <code data-testid={testId} className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">
      {value}
    </code>
  );
}
