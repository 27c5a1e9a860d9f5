'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { fieldClass, inputClass } from '@/components/ui/field';
import { hostPath } from '@/lib/hosts/keys';
import type { MessageKey } from '@/lib/i18n/translate';
import { fetchJson } from '@/lib/query/fetch-json';
import { alertKeys } from '@/lib/watch/keys';
import type { WatchRules } from '@/lib/watch/rules-schema';
import type { WatchStatus } from '@/lib/watch/state';
import { Badge, when } from './alerts-ui';

// The rules of one host, as a form over the same schema the API checks, and
// what the watcher is doing there right now.

type WatchBody = { host: string; rules: WatchRules; custom: boolean; minIntervalSeconds: number; watcherEnabled: boolean; status: WatchStatus };
type Group = 'queue' | 'saslUser' | 'saslFailures' | 'remoteBlocks' | 'alerting';
type NumField = { group: Group; field: string; label: MessageKey };

const SECTIONS: { title: MessageKey; fields: NumField[] }[] = [
  {
    title: 'watch.group.queue',
    fields: [
      { group: 'queue', field: 'totalAbove', label: 'watch.queue.totalAbove' },
      { group: 'queue', field: 'growthPerMinute', label: 'watch.queue.growthPerMinute' },
      { group: 'queue', field: 'countCap', label: 'watch.queue.countCap' },
    ],
  },
  {
    title: 'watch.group.users',
    fields: [
      { group: 'saslUser', field: 'messagesPerHour', label: 'watch.saslUser.messagesPerHour' },
      { group: 'saslUser', field: 'recipientsPerHour', label: 'watch.saslUser.recipientsPerHour' },
      { group: 'saslUser', field: 'baselineFactor', label: 'watch.saslUser.baselineFactor' },
      { group: 'saslUser', field: 'baselineMinMessages', label: 'watch.saslUser.baselineMinMessages' },
      { group: 'saslUser', field: 'ipsPerHour', label: 'watch.saslUser.ipsPerHour' },
      { group: 'saslUser', field: 'learningHours', label: 'watch.saslUser.learningHours' },
    ],
  },
  {
    title: 'watch.group.log',
    fields: [
      { group: 'saslFailures', field: 'perIp', label: 'watch.saslFailures.perIp' },
      { group: 'saslFailures', field: 'windowMinutes', label: 'watch.saslFailures.windowMinutes' },
      { group: 'remoteBlocks', field: 'count', label: 'watch.remoteBlocks.count' },
      { group: 'remoteBlocks', field: 'windowMinutes', label: 'watch.remoteBlocks.windowMinutes' },
    ],
  },
  {
    title: 'watch.group.alerting',
    fields: [
      { group: 'alerting', field: 'recoveryMinutes', label: 'watch.alerting.recoveryMinutes' },
      { group: 'alerting', field: 'cooldownMinutes', label: 'watch.alerting.cooldownMinutes' },
    ],
  },
];

const num = (r: WatchRules, g: Group, f: string) => (r[g] as Record<string, number | boolean>)[f] as number;

export function RulesCard({ host }: { host: string }) {
  const { t, locale } = useT();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: alertKeys.watch(host),
    queryFn: () => fetchJson<WatchBody>(hostPath(host, '/watch')),
    enabled: host !== '',
    refetchInterval: 30_000,
  });
  const [draft, setDraft] = useState<WatchRules | null>(null);
  const [saved, setSaved] = useState(false);
  const rules = draft ?? q.data?.rules ?? null;
  const save = useMutation({
    mutationFn: (json: unknown) => fetchJson<WatchBody>(hostPath(host, '/watch'), { method: 'PUT', json }),
    onSuccess: (body) => {
      qc.setQueryData(alertKeys.watch(host), body);
      setDraft(null);
      setSaved(true);
    },
  });
  if (!rules || !q.data)
    return (
      <Card title={t('watch.title')}>
        <p className="text-sm text-slate-500">{q.isError ? (q.error as Error).message : t('common.loading')}</p>
      </Card>
    );
  const s = q.data.status;
  const edit = (g: Group, f: string, v: number | boolean) => {
    setSaved(false);
    setDraft({ ...rules, [g]: { ...(rules[g] as object), [f]: v } } as WatchRules);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ rules });
  };
  return (
    <Card
      title={`${t('watch.title')} — ${host}`}
      actions={<Badge tone={q.data.custom ? 'info' : 'muted'}>{q.data.custom ? t('watch.custom') : t('watch.defaults')}</Badge>}
    >
      <div data-testid="watch-status" className="mb-4 space-y-0.5 rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600">
        <p>
          {s.watched
            ? t('watch.status.watching', { owner: s.owner ?? '?', since: when(s.startedAt, locale), last: when(s.lastSampleAt, locale) })
            : t('watch.status.notWatched')}
        </p>
        <p>
          {t('watch.status.follow', {
            state: t(
              `watch.status.follow.${(['following', 'connecting', 'reconnecting', 'unreadable', 'no-log'].includes(s.followState) ? s.followState : 'stopped') as 'stopped'}`,
            ),
          })}
          {s.followError ? ` — ${s.followError}` : ''}
        </p>
        {s.lastError && <p className="text-red-700">{t('watch.status.lastError', { error: s.lastError })}</p>}
      </div>
      <form onSubmit={submit} className="space-y-4" data-testid="rules-form">
        <div className="flex flex-wrap items-end gap-4">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={rules.enabled} onChange={(e) => (setSaved(false), setDraft({ ...rules, enabled: e.target.checked }))} />
            {t('watch.enabled')}
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">{t('watch.interval', { min: q.data.minIntervalSeconds })}</span>
            <input
              aria-label={t('watch.interval', { min: q.data.minIntervalSeconds })}
              type="number"
              min={q.data.minIntervalSeconds}
              className={`${fieldClass} w-32`}
              value={rules.intervalSeconds}
              onChange={(e) => (setSaved(false), setDraft({ ...rules, intervalSeconds: Number(e.target.value) }))}
            />
          </label>
          <span className="text-xs text-slate-500">{t('watch.zeroOff')}</span>
        </div>
        {SECTIONS.map((sec) => (
          <fieldset key={sec.title}>
            <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{t(sec.title)}</legend>
            <div className="grid gap-3 sm:grid-cols-3">
              {sec.fields.map((f) => (
                <label key={`${f.group}.${f.field}`} className="text-sm">
                  <span className="mb-1 block text-slate-700">{t(f.label)}</span>
                  <input
                    aria-label={t(f.label)}
                    type="number"
                    min={0}
                    className={inputClass}
                    value={num(rules, f.group, f.field)}
                    onChange={(e) => edit(f.group, f.field, Number(e.target.value))}
                  />
                </label>
              ))}
              {sec.title === 'watch.group.users' && (
                <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
                  <input type="checkbox" checked={rules.saslUser.newIp} onChange={(e) => edit('saslUser', 'newIp', e.target.checked)} />
                  {t('watch.saslUser.newIp')}
                </label>
              )}
            </div>
          </fieldset>
        ))}
        <fieldset data-testid="containment-settings" className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <legend className="px-1 text-sm font-semibold text-amber-900">{t('watch.containment.title')}</legend>
          <p className="mb-3 text-xs text-amber-900">{t('watch.containment.warning')}</p>
          <div className="flex flex-wrap items-end gap-4">
            <label className="flex items-center gap-2 text-sm font-medium text-amber-950">
              <input
                type="checkbox"
                checked={rules.containment.enabled}
                onChange={(e) => (setSaved(false), setDraft({ ...rules, containment: { ...rules.containment, enabled: e.target.checked } }))}
              />
              {t('watch.containment.enabled')}
            </label>
            <label className="text-sm">
              <span className="mb-1 block text-amber-950">{t('watch.containment.messagesPerHour')}</span>
              <input
                aria-label={t('watch.containment.messagesPerHour')}
                type="number"
                min={1}
                className={`${fieldClass} w-40`}
                value={rules.containment.messagesPerHour}
                onChange={(e) => (setSaved(false), setDraft({ ...rules, containment: { ...rules.containment, messagesPerHour: Number(e.target.value) } }))}
              />
            </label>
          </div>
        </fieldset>
        {save.isError && (
          <p role="alert" className="text-sm text-red-700">
            {(save.error as Error).message}
          </p>
        )}
        <div className="flex items-center gap-2">
          <Button kind="primary" type="submit" disabled={save.isPending || !draft}>
            {t('watch.save')}
          </Button>
          <Button disabled={save.isPending || !q.data.custom} onClick={() => save.mutate({ reset: true })}>
            {t('watch.reset')}
          </Button>
          {saved && (
            <span role="status" className="text-sm text-emerald-700">
              {t('watch.saved')}
            </span>
          )}
        </div>
      </form>
    </Card>
  );
}
