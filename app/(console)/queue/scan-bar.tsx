'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { queueKeys, queuePath } from '@/lib/queue/keys';
import type { ScanState } from '@/lib/queue/types';
import { fetchJson } from '@/lib/query/fetch-json';
import { useJobPoll } from '@/lib/query/use-job-poll';

// Scan button, progress while a scan runs, and what the last one found.
// While a scan runs its state is polled (useJobPoll); when it ends the list reloads.

export function useScan(host: string) {
  const qc = useQueryClient();
  const q = useJobPoll({
    queryKey: queueKeys.scan(host),
    queryFn: () => fetchJson<{ scan: ScanState }>(queuePath(host, '/scan')).then((r) => r.scan),
    running: (scan) => scan?.status === 'running',
    enabled: host !== '',
    // A scan just finished: the list and its facets are stale.
    onEnd: () => void qc.invalidateQueries({ queryKey: queueKeys.lists(host) }),
  });
  const start = useMutation({
    mutationFn: (mode: 'refresh' | 'full') => fetchJson<{ scan: ScanState }>(queuePath(host, '/scan'), { method: 'POST', json: { mode } }).then((r) => r.scan),
    onSuccess: (scan) => qc.setQueryData(queueKeys.scan(host), scan),
  });
  return { state: q.data, start, error: q.error ?? start.error };
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

// Whole-host scans are an administrator's (the API answers a postmaster 403):
// a postmaster sees when the index was read, not a button that fails.
export function ScanBar({ scan, fallback, isAdmin }: { scan: ReturnType<typeof useScan>; fallback?: ScanState; isAdmin: boolean }) {
  const { t, f } = useT();
  const now = useNow(5000);
  const s = scan.state ?? fallback;
  const running = s?.status === 'running';
  const ago = s?.finishedAt ? f.duration((now - Date.parse(s.finishedAt)) / 1000) : null;
  // A refresh knows how many messages to expect; a first scan does not.
  const expected = s?.mode === 'refresh' && s.indexed > 0 ? s.indexed : 0;
  const pct = expected ? Math.min(100, Math.round((s!.seen / expected) * 100)) : null;

  return (
    <div className="mb-4 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm sm:px-5 sm:py-4" data-testid="scan-bar">
      <div className="flex flex-wrap items-center gap-3">
        {isAdmin && (
          <>
            <Button kind="primary" disabled={running || scan.start.isPending} onClick={() => scan.start.mutate('refresh')}>
              {running ? t('queue.scan.running') : s?.status === 'never' || !s ? t('queue.scan.start') : t('queue.scan.refresh')}
            </Button>
            {s && s.status !== 'never' && !running && (
              <button type="button" className="text-xs text-slate-500 underline hover:text-slate-700" onClick={() => scan.start.mutate('full')}>
                {t('queue.scan.full')}
              </button>
            )}
          </>
        )}
        <div className="text-sm text-slate-600" data-testid="scan-summary">
          {!s || s.status === 'never' ? t(isAdmin ? 'queue.scan.never' : 'queue.scan.neverAdminOnly') : null}
          {running && t('queue.scan.progress', { seen: f.number(s.seen) })}
          {s?.status === 'done' && (
            <time dateTime={s.finishedAt ?? undefined} title={s.finishedAt ? f.dateTime(s.finishedAt) : undefined}>
              {t('queue.scan.done', { count: s.indexed, ago: ago ?? f.duration(0), secs: f.number((s.durationMs ?? 0) / 1000) })}
            </time>
          )}
          {s?.status === 'done' && s.changes && (
            <span className="ml-2 text-slate-500">
              {t('queue.scan.changes', { added: s.changes.added, gone: s.changes.gone, moved: s.changes.moved, updated: s.changes.updated })}
            </span>
          )}
        </div>
        {s?.method === 'postqueue' && <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800">{t('queue.scan.slow')}</span>}
        {s?.method === 'reader' && s.reader && (
          <span
            className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600"
            data-testid="scan-reader"
            title={s.reader === 'perl' ? t('queue.scan.reader.perlHint') : undefined}
          >
            {t(s.reader === 'compiled' ? 'queue.scan.reader.compiled' : 'queue.scan.reader.perl')}
          </span>
        )}
      </div>
      {running && (
        <div
          className="mt-3 h-2 overflow-hidden rounded-full bg-slate-100"
          role="progressbar"
          aria-valuenow={pct ?? undefined}
          aria-label={t('queue.scan.running')}
        >
          {pct !== null ? (
            <div className="h-full rounded-full bg-brand-500 transition-all" style={{ width: `${pct}%` }} />
          ) : (
            <div className="h-full w-1/3 animate-pulse rounded-full bg-brand-500" />
          )}
        </div>
      )}
      {s?.note && <p className="mt-2 text-xs text-amber-700">{s.note}</p>}
      {s?.status === 'failed' && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {t('queue.scan.failed', { message: s.error?.message ?? '' })}
        </p>
      )}
      {s && s.errors > 0 && (
        <details className="mt-2 text-xs text-slate-600">
          <summary className="cursor-pointer">{t('queue.scan.errors', { count: s.errors })}</summary>
          <ul className="mt-1 space-y-0.5 font-mono">
            {s.errorSamples.map((e, i) => (
              <li key={i}>
                {e.queue}/{e.id}: {e.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {scan.error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {(scan.error as Error).message}
        </p>
      )}
    </div>
  );
}
