'use client';

import type { ReactNode } from 'react';
import { useT } from '@/components/i18n-provider';
import type { HostTestReport } from '@/lib/hosts/connection-test';
import { Badge, Fingerprint } from './hosts-ui';

// The answer to "Test connection": one box per fact, problems spelled out.

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className="mt-1 text-sm text-slate-900">{children}</div>
    </div>
  );
}

export function HostTestPanel({ report }: { report: HostTestReport }) {
  const { t, f } = useT();
  const seconds = (report.durationMs / 1000).toFixed(1);
  return (
    <section data-testid={`host-test-${report.host}`} aria-label={t('hosts.result.title')} className="rounded-lg border border-slate-200 bg-slate-50 p-4">
      <header className="mb-3 flex flex-wrap items-center gap-3">
        <h3 className="text-sm font-semibold text-slate-800">{t('hosts.result.title')}</h3>
        {report.ok ? <Badge tone="ok">{t('hosts.result.ok')}</Badge> : <Badge tone="danger">{t('hosts.result.failed')}</Badge>}
        <span className="text-xs text-slate-500">{t('hosts.result.duration', { seconds, at: f.dateTime(report.at) })}</span>
      </header>
      {report.failure && (
        <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <span className="font-mono text-xs">{report.failure.kind}</span> — {/* The key notice above already explains a refused host key in full. */}
          {report.failure.kind.startsWith('host_key_') ? t('hosts.result.keyRefused') : report.failure.message}
        </p>
      )}
      {report.problems.length > 0 && (
        <ul className="mb-3 list-disc space-y-1 rounded-md border border-amber-200 bg-amber-50 py-2 pl-8 pr-3 text-sm text-amber-900">
          {report.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {!report.failure && (
        <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          <Fact label={t('hosts.result.version')} testId="test-postfix-version">
            <span className="text-2xl font-semibold tabular-nums">{report.postfix?.version || '—'}</span>
            {report.postfix && (
              <div className="mt-1 font-mono text-xs text-slate-500">
                {report.postfix.configDirectory} · {report.postfix.queueDirectory}
              </div>
            )}
          </Fact>
          <Fact label={t('hosts.result.status')}>
            {report.status ? (
              <>
                <Badge tone={report.status.running ? 'ok' : 'danger'}>{report.status.running ? t('hosts.result.running') : t('hosts.result.notRunning')}</Badge>
                {report.status.detail && <div className="mt-1 text-xs text-slate-500">{report.status.detail}</div>}
              </>
            ) : (
              '—'
            )}
          </Fact>
          <Fact label={t('hosts.result.queues')} testId="test-queues">
            {report.queues ? (
              <>
                <span className="text-2xl font-semibold tabular-nums">{f.number(report.queues.total)}</span>
                {report.queues.approximate && (
                  <span className="ml-2">
                    <Badge tone="warn">{t('hosts.result.approximate')}</Badge>
                  </span>
                )}
                <div className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-600">
                  {Object.entries(report.queues.counts).map(([queue, n]) => (
                    <span key={queue} data-testid={`queue-${queue}`}>
                      {f.queue(queue)} <b className="tabular-nums">{f.number(n)}</b>
                    </span>
                  ))}
                  {report.queues.total === 0 && <span>{t('hosts.result.emptyQueue')}</span>}
                </div>
              </>
            ) : (
              '—'
            )}
          </Fact>
          <Fact label={t('hosts.result.sudo')}>
            {!report.sudo ? (
              '—'
            ) : !report.sudo.used ? (
              t('hosts.result.sudoUnused')
            ) : report.sudo.missing.length === 0 && !report.sudo.unsafe?.length ? (
              <Badge tone="ok">{t('hosts.result.sudoOk')}</Badge>
            ) : (
              <>
                {report.sudo.unsafe?.length ? <Badge tone="danger">{t('hosts.result.sudoUnsafe')}</Badge> : null}
                {report.sudo.missing.length ? <Badge tone="danger">{t('hosts.result.sudoMissing')}</Badge> : null}
                <div className="mt-1 break-all font-mono text-xs text-slate-600">{[...(report.sudo.unsafe ?? []), ...report.sudo.missing].join(' ')}</div>
              </>
            )}
          </Fact>
          <Fact label="perl">
            {!report.perl ? (
              '—'
            ) : report.perl.present ? (
              <span className="font-mono text-xs">{report.perl.path}</span>
            ) : (
              <Badge tone="warn">{t('hosts.result.perlMissing')}</Badge>
            )}
          </Fact>
          <Fact label={t('hosts.result.hostKey')}>{report.hostKey ? <Fingerprint value={report.hostKey} /> : '—'}</Fact>
        </div>
      )}
    </section>
  );
}
