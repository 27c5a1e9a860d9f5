'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/page-header';
import { accountKeys } from '@/lib/auth/keys';
import { fetchJson } from '@/lib/query/fetch-json';
import { ChangePassword } from './change-password';
import { TokensCard } from './tokens-card';

type Status = { enabled: boolean; recoveryCodesLeft: number };
type Enrolment = { secret: string; uri: string; recoveryCodes: string[] };

export function AccountScreen({ username }: { username: string }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: accountKeys.totp(), queryFn: () => fetchJson<Status>('/api/auth/totp') });
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const post = (json: unknown) => fetchJson<Status | Enrolment>('/api/auth/totp', { method: 'POST', json });
  const done = () => {
    setCode('');
    setEnrolment(null);
    void queryClient.invalidateQueries({ queryKey: accountKeys.all });
  };
  const start = useMutation({ mutationFn: () => post({ action: 'start' }), onSuccess: (e) => setEnrolment(e as Enrolment) });
  const confirm = useMutation({ mutationFn: () => post({ action: 'confirm', code }), onSuccess: done });
  const disable = useMutation({ mutationFn: () => post({ action: 'disable', code }), onSuccess: done });
  const error = (start.error ?? confirm.error ?? disable.error) as Error | null;
  const input = 'rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm';

  return (
    <>
      <PageHeader title={t('account.title')} subtitle={`${username} · ${t('account.subtitle')}`} />
      <Card title={t('account.totp.title')} className="max-w-3xl">
        {status.data && (
          <p className="mb-4 text-sm text-slate-700" data-testid="totp-status">
            {status.data.enabled ? t('account.totp.on') : t('account.totp.off')}
            {status.data.enabled && <span className="ml-2 text-slate-500">({t('account.totp.codesLeft', { count: status.data.recoveryCodesLeft })})</span>}
          </p>
        )}
        {!status.data?.enabled && !enrolment && (
          <Button kind="primary" onClick={() => start.mutate()} disabled={start.isPending}>
            {t('account.totp.start')}
          </Button>
        )}
        {enrolment && (
          <div className="space-y-4">
            <div>
              <p className="text-sm text-slate-700">{t('account.totp.scan')}</p>
              <code className="mt-2 block rounded-md bg-slate-100 px-3 py-2 font-mono text-sm tracking-wider break-all" data-testid="totp-secret">
                {enrolment.secret}
              </code>
              <code className="mt-1 block text-xs break-all text-slate-500">{enrolment.uri}</code>
            </div>
            <div>
              <p className="text-sm text-amber-800">{t('account.totp.codes')}</p>
              <ul className="mt-2 grid grid-cols-2 gap-1 font-mono text-sm sm:grid-cols-5">
                {enrolment.recoveryCodes.map((c) => (
                  <li key={c} className="rounded bg-slate-100 px-2 py-1 text-center">
                    {c}
                  </li>
                ))}
              </ul>
            </div>
          </div>
        )}
        {(enrolment || status.data?.enabled) && (
          <div className="mt-4 flex items-end gap-3">
            <label className="text-sm text-slate-700">
              {enrolment ? t('account.totp.confirm') : t('account.totp.code')}
              <input
                className={`${input} mt-1 block`}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                inputMode="numeric"
                maxLength={6}
                aria-label={t('account.totp.code')}
              />
            </label>
            {enrolment ? (
              <Button kind="primary" disabled={code.length !== 6 || confirm.isPending} onClick={() => confirm.mutate()}>
                {t('account.totp.confirmButton')}
              </Button>
            ) : (
              <button
                className="rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 disabled:opacity-50"
                disabled={code.length !== 6 || disable.isPending}
                onClick={() => disable.mutate()}
              >
                {t('account.totp.disable')}
              </button>
            )}
          </div>
        )}
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {error.message}
          </p>
        )}
      </Card>
      <div className="mt-6">
        <TokensCard />
      </div>
      <ChangePassword />
    </>
  );
}
