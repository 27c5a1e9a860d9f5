'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { fetchJson } from '@/lib/query/fetch-json';
import type { AlertView } from '@/lib/watch/alert-view';
import { alertKeys } from '@/lib/watch/keys';
import { renderSummary, ruleName } from '@/lib/watch/summary';
import { Badge } from './alerts-ui';

// Open or past alerts, one row each: what, where, why (with its numbers),
// how often, and what to do about it.

type Props = { alerts: AlertView[]; past?: boolean; testId: string };

export function AlertTable({ alerts, past = false, testId }: Props) {
  const { t, f } = useT();
  const cols = past
    ? (['severity', 'summary', 'count', 'first', 'resolved'] as const)
    : (['severity', 'summary', 'count', 'first', 'last', 'actions'] as const);
  if (alerts.length === 0) return <p className="py-4 text-center text-sm text-slate-500">{t(past ? 'alerts.past.empty' : 'alerts.open.empty')}</p>;
  return (
    <div className="md:overflow-x-auto">
      <table className="stack-table w-full text-left text-sm" data-testid={testId}>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {cols.map((c) => (
              <th key={c} className="pb-2 pr-4 font-medium">
                {t(`alerts.col.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {alerts.map((a) => (
            <tr key={a.id} className="align-top" data-testid="alert-row" data-rule={a.rule} data-key={a.key} data-alert-id={a.id}>
              <td className="py-2.5 pr-4">
                <Badge tone={a.severity}>{t(`alerts.severity.${a.severity}`)}</Badge>
              </td>
              <td className="py-2.5 pr-4 md:min-w-[20rem]">
                <div className="font-medium text-slate-800">
                  {ruleName(t, a.rule)} <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs font-normal text-slate-600">{a.host}</span>
                </div>
                <div className="text-slate-600">{renderSummary(t, a.rule, a.details)}</div>
                <Containment alert={a} />
                <div className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-500">
                  <a className="font-medium text-brand-700 hover:underline" href={a.link}>
                    {t('alerts.action.look')} →
                  </a>
                  {a.state === 'acknowledged' && a.acknowledgedBy && <span>{t('alerts.ackBy', { user: a.acknowledgedBy })}</span>}
                  {a.muted && a.mutedUntil && <span>{t('alerts.mutedUntil', { time: f.dateTime(a.mutedUntil) })}</span>}
                </div>
              </td>
              <td className="py-2.5 pr-3 whitespace-nowrap tabular-nums" data-label={t('alerts.col.count')}>
                {t('alerts.times', { count: a.count })}
              </td>
              <td className="py-2.5 pr-3 text-xs whitespace-nowrap text-slate-500" data-label={t('alerts.col.first')}>
                <When iso={a.firstAt} />
              </td>
              <td className="py-2.5 pr-3 text-xs whitespace-nowrap text-slate-500" data-label={t(past ? 'alerts.col.resolved' : 'alerts.col.last')}>
                <When iso={past ? a.resolvedAt : a.lastAt} />
              </td>
              {!past && (
                <td className="py-2.5 md:w-44">
                  <Actions alert={a} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function When({ iso }: { iso: string | null }) {
  const { f } = useT();
  return iso ? <time dateTime={iso}>{f.dateTime(iso)}</time> : <>—</>;
}

function Containment({ alert }: { alert: AlertView }) {
  const { t, f } = useT();
  const c = alert.containment;
  if (!c) return null;
  if (c.state === 'released') {
    return <p className="mt-1 text-xs text-slate-500">{t('alerts.containment.released', { user: c.releasedBy ?? '?', time: f.dateTime(c.releasedAt) })}</p>;
  }
  if (c.state === 'failed') return <p className="mt-1 text-xs text-red-700">{t('alerts.containment.failed', { error: c.error ?? '' })}</p>;
  const enforced =
    c.enforced === 'yes'
      ? t('alerts.containment.enforced.yes')
      : c.enforced === 'no'
        ? t('alerts.containment.enforced.no')
        : t('alerts.containment.enforced.unknown', { reason: c.enforcementReason ?? '' });
  return (
    <div data-testid="containment" className="mt-1.5 rounded-md border border-red-200 bg-red-50 px-2.5 py-1.5 text-xs text-red-900">
      <b>{t('alerts.containment.active', { held: c.held, blocked: c.blocked ? t('alerts.containment.blocked') : t('alerts.containment.notBlocked') })}</b>{' '}
      {enforced}
      {c.error && <span className="block text-red-700">{c.error}</span>}
    </div>
  );
}

function Actions({ alert }: { alert: AlertView }) {
  const { t } = useT();
  const qc = useQueryClient();
  const [note, setNote] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: ({ path, json }: { path: string; json?: unknown }) =>
      fetchJson<{ released?: number; unblocked?: boolean }>(`/api/alerts/${alert.id}/${path}`, { method: 'POST', json: json ?? {} }),
    onSuccess: (out, v) => {
      if (v.path === 'release') setNote(t('alerts.release.done', { released: out.released ?? 0, unblocked: out.unblocked ? t('alerts.yes') : t('alerts.no') }));
      void qc.invalidateQueries({ queryKey: alertKeys.all });
    },
    onError: (err) => setNote((err as Error).message),
  });
  const muted = alert.muted;
  const c = alert.containment;
  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex flex-wrap gap-1">
        {alert.state === 'open' && (
          <Button size="compact" disabled={act.isPending} onClick={() => act.mutate({ path: 'ack' })} data-testid="alert-ack">
            {t('alerts.action.ack')}
          </Button>
        )}
        {muted ? (
          <Button size="compact" disabled={act.isPending} onClick={() => act.mutate({ path: 'mute', json: { hours: 0 } })}>
            {t('alerts.action.unmute')}
          </Button>
        ) : (
          <>
            <Button size="compact" disabled={act.isPending} onClick={() => act.mutate({ path: 'mute', json: { hours: 1 } })}>
              {t('alerts.action.mute1h')}
            </Button>
            <Button size="compact" disabled={act.isPending} onClick={() => act.mutate({ path: 'mute', json: { hours: 24 } })}>
              {t('alerts.action.mute24h')}
            </Button>
          </>
        )}
        {c?.state === 'active' && (
          <Button
            kind="danger"
            size="compact"
            disabled={act.isPending}
            onClick={() => window.confirm(t('alerts.release.confirm', { held: c.held, user: c.user })) && act.mutate({ path: 'release' })}
          >
            {t('alerts.action.release')}
          </Button>
        )}
      </div>
      {note && (
        <span role="status" className="text-xs text-slate-600">
          {note}
        </span>
      )}
    </div>
  );
}
