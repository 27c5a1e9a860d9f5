'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { CHANNEL_TYPES, type ChannelType } from '@/lib/notify/channel-schema';
import { fetchJson } from '@/lib/query/fetch-json';
import { alertKeys } from '@/lib/watch/keys';
import { SEVERITIES } from '@/lib/notify/severity';
import { Field } from './alerts-ui';

// Adding a channel: the fields each type needs; secrets go in once and are
// never shown again.

type Draft = Record<string, string | boolean>;

function configOf(type: ChannelType, d: Draft): Record<string, unknown> {
  const s = (k: string) => String(d[k] ?? '').trim();
  const opt = (k: string) => (s(k) ? s(k) : undefined);
  switch (type) {
    case 'webhook':
      return { url: s('url'), secret: opt('secret') };
    case 'dingtalk':
      return { url: s('url'), secret: opt('secret') };
    case 'wecom':
      return { url: s('url') };
    case 'email':
      return {
        host: s('host'),
        port: Number(s('port') || 587),
        security: s('security') || 'starttls',
        allowInvalidCertificate: d.insecure === true,
        username: opt('username'),
        password: opt('password'),
        from: s('from'),
        to: s('to')
          .split(/[,\s]+/)
          .filter(Boolean),
      };
  }
}

export function ChannelForm({ onDone }: { onDone: () => void }) {
  const { t } = useT();
  const qc = useQueryClient();
  const [type, setType] = useState<ChannelType>('webhook');
  const [d, setD] = useState<Draft>({ name: '', minSeverity: 'warning', language: 'en', security: 'starttls', port: '587' });
  const set = (k: string) => (e: { target: { value: string } }) => setD((x) => ({ ...x, [k]: e.target.value }));
  const create = useMutation({
    mutationFn: () =>
      fetchJson('/api/alerts/channels', {
        method: 'POST',
        json: { type, name: String(d.name).trim(), minSeverity: d.minSeverity, language: d.language, config: configOf(type, d) },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: alertKeys.channels() });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const text = (k: string, label: string, extra: { type?: string; placeholder?: string; hint?: string } = {}) => (
    <Field label={label} hint={extra.hint}>
      <input
        className={inputClass}
        type={extra.type ?? 'text'}
        value={String(d[k] ?? '')}
        placeholder={extra.placeholder}
        onChange={set(k)}
        autoComplete="off"
      />
    </Field>
  );
  return (
    <form onSubmit={submit} data-testid="channel-form" className="mb-4 space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4">
      <div className="grid gap-3 sm:grid-cols-4">
        <Field label={t('alerts.channels.type')}>
          <select className={inputClass} value={type} onChange={(e) => setType(e.target.value as ChannelType)}>
            {CHANNEL_TYPES.map((c) => (
              <option key={c} value={c}>
                {t(`alerts.channels.type.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        {text('name', t('alerts.channels.name'))}
        <Field label={t('alerts.channels.minSeverity')}>
          <select className={inputClass} value={String(d.minSeverity)} onChange={set('minSeverity')}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`alerts.severity.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('alerts.channels.language')}>
          <select className={inputClass} value={String(d.language)} onChange={set('language')}>
            <option value="en">English</option>
            <option value="zh">简体中文</option>
          </select>
        </Field>
      </div>
      {type === 'webhook' && (
        <div className="grid gap-3 sm:grid-cols-2">
          {text('url', t('alerts.channels.url'), { placeholder: 'https://hooks.example.com/mailwarden' })}
          {text('secret', t('alerts.channels.secret'), { type: 'password' })}
        </div>
      )}
      {type === 'dingtalk' && (
        <div className="grid gap-3 sm:grid-cols-2">
          {text('url', t('alerts.channels.dingtalkUrl'))}
          {text('secret', t('alerts.channels.dingtalkSecret'), { type: 'password' })}
        </div>
      )}
      {type === 'wecom' && text('url', t('alerts.channels.wecomUrl'))}
      {type === 'email' && (
        <div className="grid gap-3 sm:grid-cols-3">
          {text('host', t('alerts.channels.smtpHost'), { placeholder: 'smtp.example.net', hint: t('alerts.channels.relayHint') })}
          {text('port', t('alerts.channels.smtpPort'), { type: 'number' })}
          <Field label={t('alerts.channels.security')}>
            <select className={inputClass} value={String(d.security)} onChange={set('security')}>
              {(['starttls', 'tls', 'none'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`alerts.channels.security.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          {text('username', t('alerts.channels.username'))}
          {text('password', t('alerts.channels.password'), { type: 'password' })}
          <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
            <input type="checkbox" checked={d.insecure === true} onChange={(e) => setD((x) => ({ ...x, insecure: e.target.checked }))} />
            {t('alerts.channels.insecureCert')}
          </label>
          {text('from', t('alerts.channels.from'), { placeholder: 'mailwarden@example.com' })}
          <div className="sm:col-span-2">{text('to', t('alerts.channels.to'), { placeholder: 'ops@example.com, oncall@example.com' })}</div>
        </div>
      )}
      {create.isError && (
        <p role="alert" className="text-sm text-red-700">
          {(create.error as Error).message}
        </p>
      )}
      <div className="flex gap-2">
        <Button kind="primary" type="submit" disabled={create.isPending}>
          {t('alerts.channels.save')}
        </Button>
        <Button onClick={onDone}>{t('alerts.cancel')}</Button>
      </div>
    </form>
  );
}
