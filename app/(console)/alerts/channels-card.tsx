'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import type { ChannelView } from '@/lib/notify/channels';
import type { DeliveryView } from '@/lib/notify/outbox';
import { fetchJson } from '@/lib/query/fetch-json';
import { alertKeys } from '@/lib/watch/keys';
import { Badge } from './alerts-ui';
import { ChannelForm } from './channel-form';
import { DeliveriesCard } from './deliveries-card';

// Where alerts go: the configured channels (secrets masked), a test button
// each, and what a webhook receives.

const SAMPLE = {
  event: 'alert.opened',
  alert: {
    id: '17',
    host: 'mail1',
    rule: 'sasl-volume',
    key: 'info@example.com',
    severity: 'critical',
    summary:
      'info@example.com submitted 5,625 messages to 98,310 recipients in the last hour, from 1 IPs: 68.167.29.196 (5625) — more than 100 messages an hour; …',
    details: {
      vars: { user: 'info@example.com', messages: 5625, recipients: 98310, ipCount: 1, ips: '68.167.29.196 (5625)' },
      reasons: [{ id: 'messages', vars: { limit: 100 } }],
    },
    link: 'https://mailwarden.example.com/queue?host=mail1&saslUser=info%40example.com',
    firstAt: '2026-01-05T10:02:11.000Z',
    lastAt: '2026-01-05T10:14:11.000Z',
    count: 13,
  },
  console: 'https://mailwarden.example.com',
};

export function ChannelsCard() {
  const { t } = useT();
  const [adding, setAdding] = useState(false);
  const q = useQuery({
    queryKey: alertKeys.channels(),
    queryFn: () => fetchJson<{ channels: ChannelView[]; deliveries: DeliveryView[] }>('/api/alerts/channels'),
    refetchInterval: 15_000,
  });
  const channels = q.data?.channels ?? [];
  return (
    <>
      <Card title={t('alerts.channels.title')} actions={!adding && <Button onClick={() => setAdding(true)}>{t('alerts.channels.add')}</Button>}>
        {adding && <ChannelForm onDone={() => setAdding(false)} />}
        {q.isError && <p className="text-sm text-red-700">{(q.error as Error).message}</p>}
        {channels.length === 0 && !q.isLoading ? (
          <p className="py-2 text-sm text-slate-500">{t('alerts.channels.empty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="channels">
            {channels.map((c) => (
              <ChannelRow key={c.id} channel={c} />
            ))}
          </ul>
        )}
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer font-medium text-slate-700">{t('alerts.channels.webhookDoc')}</summary>
          <pre className="mt-2 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">
            {JSON.stringify(SAMPLE, null, 2)}
          </pre>
          <p className="mt-2 text-xs text-slate-500">event: alert.opened | alert.resolved | alert.contained | test. {t('alerts.channels.webhookSig')}</p>
        </details>
      </Card>
      <DeliveriesCard deliveries={q.data?.deliveries ?? []} />
    </>
  );
}

function describe(c: ChannelView): string {
  const cfg = c.config;
  if (c.type === 'email') return `${String(cfg.host)}:${String(cfg.port)} (${String(cfg.security)}) → ${Array.isArray(cfg.to) ? cfg.to.join(', ') : ''}`;
  return String(cfg.url ?? '');
}

function ChannelRow({ channel: c }: { channel: ChannelView }) {
  const { t } = useT();
  const qc = useQueryClient();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: alertKeys.channels() });
  const test = useMutation({
    mutationFn: () => fetchJson<{ ok: boolean; error: string | null }>(`/api/alerts/channels/${c.id}/test`, { method: 'POST' }),
    onSuccess: (r) =>
      setResult(r.ok ? { ok: true, text: t('alerts.channels.testOk') } : { ok: false, text: t('alerts.channels.testFailed', { error: r.error ?? '' }) }),
    onError: (err) => setResult({ ok: false, text: (err as Error).message }),
    onSettled: refresh,
  });
  const patch = useMutation({ mutationFn: (json: unknown) => fetchJson(`/api/alerts/channels/${c.id}`, { method: 'PATCH', json }), onSettled: refresh });
  const remove = useMutation({ mutationFn: () => fetchJson(`/api/alerts/channels/${c.id}`, { method: 'DELETE' }), onSettled: refresh });
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="channel-row">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium text-slate-800">{c.name}</span>
          <Badge tone="muted">{t(`alerts.channels.type.${c.type}`)}</Badge>
          <Badge tone={c.enabled ? 'ok' : 'muted'}>{c.enabled ? t('alerts.channels.enabled') : t('alerts.channels.disabled')}</Badge>
          {c.config.hasSecret === true && <Badge tone="info">{t('alerts.channels.signed')}</Badge>}
        </div>
        <div className="mt-0.5 break-all font-mono text-xs text-slate-500">{describe(c)}</div>
        <div className="text-xs text-slate-500">
          {t('alerts.channels.minSeverity')}: {t(`alerts.severity.${c.minSeverity as 'info' | 'warning' | 'critical'}`)} ·{' '}
          {c.language === 'zh' ? '简体中文' : 'English'}
        </div>
        {result && (
          <p role="status" className={`mt-1 text-xs ${result.ok ? 'text-emerald-700' : 'text-red-700'}`}>
            {result.text}
          </p>
        )}
      </div>
      <div className="flex flex-wrap gap-1">
        <Button size="compact" disabled={test.isPending} onClick={() => (setResult(null), test.mutate())}>
          {t('alerts.channels.test')}
        </Button>
        <Button size="compact" disabled={patch.isPending} onClick={() => patch.mutate({ enabled: !c.enabled })}>
          {c.enabled ? t('alerts.channels.disable') : t('alerts.channels.enable')}
        </Button>
        <Button
          kind="danger"
          size="compact"
          disabled={remove.isPending}
          onClick={() => window.confirm(t('alerts.channels.deleteConfirm', { name: c.name })) && remove.mutate()}
        >
          {t('alerts.channels.delete')}
        </Button>
      </div>
    </li>
  );
}
