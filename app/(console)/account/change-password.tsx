'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { MIN_PASSWORD_LENGTH, type PasswordReason } from '@/lib/auth/crypto/password-strength';
import type { MessageKey } from '@/lib/i18n/core';
import { ApiError, fetchJson } from '@/lib/query/fetch-json';

// The signed-in manager changes his own password: the current one, the new
// one twice. The server checks strength with the same rules as mailbox resets.

const reasonKey = (r: PasswordReason) => `mailboxes.reason.${r}` as MessageKey;

export function ChangePassword() {
  const { t } = useT();
  const [form, setForm] = useState({ current: '', next: '', repeat: '' });
  const change = useMutation({
    mutationFn: () => fetchJson('/api/auth/password', { method: 'POST', json: { current: form.current, next: form.next } }),
    onSuccess: () => setForm({ current: '', next: '', repeat: '' }),
  });
  const mismatch = form.repeat !== '' && form.next !== form.repeat;
  const reasons = change.error instanceof ApiError ? ((change.error.details as { reasons?: PasswordReason[] } | undefined)?.reasons ?? []) : [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!mismatch) change.mutate();
  };
  const input = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm sm:py-1.5';
  const field = (key: keyof typeof form, label: MessageKey, autoComplete: string) => (
    <label className="block text-sm text-slate-700">
      {t(label)}
      <input
        type="password"
        className={input}
        autoComplete={autoComplete}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        data-testid={`password-${key}`}
      />
    </label>
  );
  return (
    <Card title={t('account.password.title')} className="mt-6 max-w-3xl">
      <form onSubmit={submit} className="space-y-3">
        <p className="text-sm text-slate-500">{t('account.password.hint')}</p>
        <div className="grid gap-3 sm:grid-cols-3">
          {field('current', 'account.password.current', 'current-password')}
          {field('next', 'account.password.new', 'new-password')}
          {field('repeat', 'account.password.repeat', 'new-password')}
        </div>
        {mismatch && <p className="text-sm text-amber-700">{t('account.password.mismatch')}</p>}
        {change.isError && (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
            {reasons.length ? (
              <ul className="list-disc pl-5">
                {reasons.map((r) => (
                  <li key={r}>{t(reasonKey(r), { min: MIN_PASSWORD_LENGTH })}</li>
                ))}
              </ul>
            ) : (
              (change.error as Error).message
            )}
          </div>
        )}
        {change.isSuccess && (
          <p role="status" className="text-sm text-emerald-700" data-testid="password-changed">
            {t('account.password.done')}
          </p>
        )}
        <Button kind="primary" size="lg" type="submit" disabled={change.isPending || !form.current || !form.next || form.next !== form.repeat}>
          {change.isPending ? t('account.password.saving') : t('account.password.submit')}
        </Button>
      </form>
    </Card>
  );
}
