'use client';

import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import type { DeliveryView } from '@/lib/notify/outbox';
import { Badge, when } from './alerts-ui';

// What was sent where, and what failed: attempts, the last error and the next retry.

const tone = { sent: 'ok', pending: 'warning', failed: 'critical' } as const;

export function DeliveriesCard({ deliveries }: { deliveries: DeliveryView[] }) {
  const { t, locale } = useT();
  return (
    <Card title={t('alerts.deliveries.title')}>
      {deliveries.length === 0 ? (
        <p className="text-sm text-slate-500">{t('alerts.deliveries.empty')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="deliveries">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                {(['time', 'channel', 'event', 'state', 'attempts', 'error'] as const).map((c) => (
                  <th key={c} className="pb-2 pr-4 font-medium">
                    {t(`alerts.deliveries.col.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {deliveries.map((d) => {
                const state = (d.state in tone ? d.state : 'pending') as keyof typeof tone;
                return (
                  <tr key={d.id} className="align-top">
                    <td className="py-2 pr-4 whitespace-nowrap text-xs text-slate-500">{when(d.createdAt, locale)}</td>
                    <td className="py-2 pr-4">{d.channelName ?? `#${d.channelId}`}</td>
                    <td className="py-2 pr-4 font-mono text-xs">{d.event}</td>
                    <td className="py-2 pr-4">
                      <Badge tone={tone[state]}>{t(`alerts.deliveries.state.${state}`)}</Badge>
                    </td>
                    <td className="py-2 pr-4 tabular-nums">{d.attempts}</td>
                    <td className="py-2 pr-4 text-xs text-red-700">
                      {d.lastError}
                      {d.state === 'pending' && d.nextRetryAt && (
                        <span className="block text-slate-500">{t('alerts.deliveries.retryAt', { time: when(d.nextRetryAt, locale) })}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
