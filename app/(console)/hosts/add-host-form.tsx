'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { hostKeys } from '@/lib/hosts/keys';
import type { EnrollOffer } from '@/lib/hosts/enroll-offer';
import type { HostPublic } from '@/lib/hosts/list';
import type { HostCreateInput } from '@/lib/hosts/schemas';
import { ApiError, fetchJson } from '@/lib/query/fetch-json';

// Adding a host. By default the console makes the host's key pair itself and
// the private half never exists anywhere else; an admin who manages keys can
// paste one instead, which goes to the server once, is sealed there and never
// comes back. The answer carries the enroll command for the mail host.

const EMPTY = {
  name: '',
  address: '',
  port: '22',
  username: 'mailwarden',
  keyMode: 'generate' as 'generate' | 'paste',
  privateKey: '',
  keyFrom: '',
  useSudo: true,
  postfixConfigDir: '',
  maillogPaths: '/var/log/maillog',
  probeSourceIp: '',
};

// The label names the input alone; hint and error are its description.
function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium text-slate-700">
        {label}
      </label>
      <div className="mt-1">{children}</div>
      {error ? (
        <p id={`${id}-note`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${id}-note`} className="mt-1 text-xs text-slate-500">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

export function AddHostForm({ onDone }: { onDone: (added: { host: HostPublic; enroll: EnrollOffer } | null) => void }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const save = useMutation({
    mutationFn: (body: HostCreateInput) => fetchJson<{ host: HostPublic; enroll: EnrollOffer }>('/api/hosts', { method: 'POST', json: body }),
    onSuccess: (added) => {
      setForm(EMPTY);
      void queryClient.invalidateQueries({ queryKey: hostKeys.all });
      onDone(added);
    },
  });
  const fieldErrors = new Map<string, string>();
  if (save.error instanceof ApiError && Array.isArray(save.error.details)) {
    for (const d of save.error.details as { path: string; message: string }[]) fieldErrors.set(d.path.split('.')[0] ?? '', d.message);
  }
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { keyMode, privateKey, ...rest } = form;
    save.mutate({
      ...rest,
      ...(keyMode === 'paste' ? { privateKey } : {}),
      port: Number(form.port),
      maillogPaths: form.maillogPaths
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean),
    });
  };

  return (
    <Card title={t('hosts.addTitle')} className="mb-6">
      <form onSubmit={submit} className="grid gap-4 md:grid-cols-2" aria-label={t('hosts.addTitle')}>
        <Field id="host-name" label={t('hosts.field.name')} hint={t('hosts.hint.name')} error={fieldErrors.get('name')}>
          <input className={inputClass} value={form.name} onChange={set('name')} id="host-name" aria-describedby="host-name-note" required placeholder="mx1" />
        </Field>
        <div className="grid grid-cols-[1fr_6rem] gap-3">
          <Field id="host-address" label={t('hosts.field.address')} error={fieldErrors.get('address')}>
            <input
              className={inputClass}
              value={form.address}
              onChange={set('address')}
              id="host-address"
              aria-describedby="host-address-note"
              required
              placeholder="mail.example.com"
            />
          </Field>
          <Field id="host-port" label={t('hosts.field.port')} error={fieldErrors.get('port')}>
            <input className={inputClass} value={form.port} onChange={set('port')} id="host-port" aria-describedby="host-port-note" inputMode="numeric" />
          </Field>
        </div>
        <Field id="host-username" label={t('hosts.field.username')} error={fieldErrors.get('username')}>
          <input className={inputClass} value={form.username} onChange={set('username')} id="host-username" aria-describedby="host-username-note" required />
        </Field>
        <label className="flex items-start gap-2 self-end pb-2 text-sm">
          <input type="checkbox" className="mt-0.5" checked={form.useSudo} onChange={(e) => setForm((f) => ({ ...f, useSudo: e.target.checked }))} />
          <span>
            <span className="font-medium text-slate-700">{t('hosts.field.useSudo')}</span>
            <span className="block text-xs text-slate-500">{t('hosts.hint.useSudo')}</span>
          </span>
        </label>
        <fieldset className="text-sm md:col-span-2">
          <legend className="font-medium text-slate-700">{t('hosts.field.keyMode')}</legend>
          <div className="mt-1 flex flex-col gap-2 sm:flex-row sm:gap-6">
            {(['generate', 'paste'] as const).map((mode) => (
              <label key={mode} className="flex items-start gap-2">
                <input
                  type="radio"
                  name="key-mode"
                  className="mt-0.5"
                  checked={form.keyMode === mode}
                  onChange={() => setForm((f) => ({ ...f, keyMode: mode }))}
                />
                <span>
                  <span className="text-slate-800">{t(mode === 'generate' ? 'hosts.keyMode.generate' : 'hosts.keyMode.paste')}</span>
                  <span className="block text-xs text-slate-500">{t(mode === 'generate' ? 'hosts.keyMode.generateHint' : 'hosts.keyMode.pasteHint')}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {form.keyMode === 'paste' && (
          <div className="md:col-span-2">
            <Field id="host-private-key" label={t('hosts.field.privateKey')} hint={t('hosts.hint.privateKey')} error={fieldErrors.get('privateKey')}>
              <textarea
                className={`${inputClass} h-32 font-mono text-xs`}
                value={form.privateKey}
                onChange={set('privateKey')}
                id="host-private-key"
                aria-describedby="host-private-key-note"
                required
                spellCheck={false}
                autoComplete="off"
                placeholder={'-----BEGIN OPENSSH PRIVATE KEY-----\n…\n-----END OPENSSH PRIVATE KEY-----'}
              />
            </Field>
          </div>
        )}
        <Field id="host-key-from" label={t('hosts.field.keyFrom')} hint={t('hosts.hint.keyFrom')} error={fieldErrors.get('keyFrom')}>
          <input
            className={`${inputClass} font-mono`}
            value={form.keyFrom}
            onChange={set('keyFrom')}
            id="host-key-from"
            aria-describedby="host-key-from-note"
            placeholder="192.0.2.10"
          />
        </Field>
        <Field id="host-config-dir" label={t('hosts.field.configDir')} hint={t('hosts.hint.configDir')} error={fieldErrors.get('postfixConfigDir')}>
          <input
            className={`${inputClass} font-mono`}
            value={form.postfixConfigDir}
            onChange={set('postfixConfigDir')}
            id="host-config-dir"
            aria-describedby="host-config-dir-note"
            placeholder="/etc/postfix"
          />
        </Field>
        <Field id="host-probe-ip" label={t('hosts.field.probeSourceIp')} hint={t('hosts.hint.probeSourceIp')} error={fieldErrors.get('probeSourceIp')}>
          <input
            className={`${inputClass} font-mono`}
            value={form.probeSourceIp}
            onChange={set('probeSourceIp')}
            id="host-probe-ip"
            aria-describedby="host-probe-ip-note"
          />
        </Field>
        <div className="md:col-span-2">
          <Field id="host-maillog" label={t('hosts.field.maillogPaths')} hint={t('hosts.hint.maillogPaths')} error={fieldErrors.get('maillogPaths')}>
            <textarea
              className={`${inputClass} h-16 font-mono text-xs`}
              value={form.maillogPaths}
              onChange={set('maillogPaths')}
              id="host-maillog"
              aria-describedby="host-maillog-note"
              spellCheck={false}
            />
          </Field>
        </div>
        {save.error && fieldErrors.size === 0 && (
          <p role="alert" className="text-sm text-red-700 md:col-span-2">
            {save.error.message}
          </p>
        )}
        <div className="flex gap-2 md:col-span-2">
          <Button kind="primary" type="submit" disabled={save.isPending}>
            {save.isPending ? t('hosts.saving') : t('hosts.save')}
          </Button>
          <Button onClick={() => onDone(null)}>{t('hosts.cancel')}</Button>
        </div>
      </form>
    </Card>
  );
}
