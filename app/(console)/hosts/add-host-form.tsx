'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { hostKeys } from '@/lib/hosts/keys';
import type { HostPublic } from '@/lib/hosts/list';
import type { HostCreateInput } from '@/lib/hosts/schemas';
import { ApiError, fetchJson } from '@/lib/query/fetch-json';
import { buttonClass, inputClass, primaryButtonClass } from './hosts-ui';

// Adding a host. The private key goes to the server once, is sealed there and
// never comes back; the form forgets it as soon as the host is saved.

const EMPTY = { name: '', address: '', port: '22', username: 'mailwarden', privateKey: '', useSudo: true, postfixConfigDir: '', maillogPaths: '/var/log/maillog', probeSourceIp: '' };

// The label names the input alone; hint and error are its description.
function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium text-slate-700">
        {label}
      </label>
      <div className="mt-1">{children}</div>
      {error ? (
        <p id={`${id}-note`} className="mt-1 text-xs text-red-700">{error}</p>
      ) : (
        hint && <p id={`${id}-note`} className="mt-1 text-xs text-slate-500">{hint}</p>
      )}
    </div>
  );
}

export function AddHostForm({ onDone }: { onDone: (host: HostPublic | null) => void }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const save = useMutation({
    mutationFn: (body: HostCreateInput) => fetchJson<{ host: HostPublic }>('/api/hosts', { method: 'POST', json: body }),
    onSuccess: ({ host }) => {
      setForm(EMPTY);
      void queryClient.invalidateQueries({ queryKey: hostKeys.all });
      onDone(host);
    },
  });
  const fieldErrors = new Map<string, string>();
  if (save.error instanceof ApiError && Array.isArray(save.error.details)) {
    for (const d of save.error.details as { path: string; message: string }[]) fieldErrors.set(d.path.split('.')[0] ?? '', d.message);
  }
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      ...form,
      port: Number(form.port),
      maillogPaths: form.maillogPaths.split('\n').map((p) => p.trim()).filter(Boolean),
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
            <input className={inputClass} value={form.address} onChange={set('address')} id="host-address" aria-describedby="host-address-note" required placeholder="mail.example.com" />
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
        <div className="md:col-span-2">
          <Field id="host-private-key" label={t('hosts.field.privateKey')} hint={t('hosts.hint.privateKey')} error={fieldErrors.get('privateKey')}>
            <textarea
              className={`${inputClass} h-32 font-mono text-xs`}
              value={form.privateKey}
              onChange={set('privateKey')} id="host-private-key" aria-describedby="host-private-key-note"
              required
              spellCheck={false}
              autoComplete="off"
              placeholder={'-----BEGIN OPENSSH PRIVATE KEY-----\n…\n-----END OPENSSH PRIVATE KEY-----'}
            />
          </Field>
        </div>
        <Field id="host-config-dir" label={t('hosts.field.configDir')} hint={t('hosts.hint.configDir')} error={fieldErrors.get('postfixConfigDir')}>
          <input className={`${inputClass} font-mono`} value={form.postfixConfigDir} onChange={set('postfixConfigDir')} id="host-config-dir" aria-describedby="host-config-dir-note" placeholder="/etc/postfix" />
        </Field>
        <Field id="host-probe-ip" label={t('hosts.field.probeSourceIp')} hint={t('hosts.hint.probeSourceIp')} error={fieldErrors.get('probeSourceIp')}>
          <input className={`${inputClass} font-mono`} value={form.probeSourceIp} onChange={set('probeSourceIp')} id="host-probe-ip" aria-describedby="host-probe-ip-note" />
        </Field>
        <div className="md:col-span-2">
          <Field id="host-maillog" label={t('hosts.field.maillogPaths')} hint={t('hosts.hint.maillogPaths')} error={fieldErrors.get('maillogPaths')}>
            <textarea className={`${inputClass} h-16 font-mono text-xs`} value={form.maillogPaths} onChange={set('maillogPaths')} id="host-maillog" aria-describedby="host-maillog-note" spellCheck={false} />
          </Field>
        </div>
        {save.error && fieldErrors.size === 0 && (
          <p role="alert" className="text-sm text-red-700 md:col-span-2">
            {save.error.message}
          </p>
        )}
        <div className="flex gap-2 md:col-span-2">
          <button type="submit" className={primaryButtonClass} disabled={save.isPending}>
            {save.isPending ? t('hosts.saving') : t('hosts.save')}
          </button>
          <button type="button" className={buttonClass} onClick={() => onDone(null)}>
            {t('hosts.cancel')}
          </button>
        </div>
      </form>
    </Card>
  );
}
