'use client';

import { type FormEvent, useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { EXPIRY_CHOICES, type TokenScope, type TokenView } from '@/lib/auth/token-schemas';
import { useTokens } from './use-tokens';

// Personal API tokens for scripts: made here, shown once, revocable.

const input = 'rounded-md border border-slate-300 px-3 py-1.5 text-sm';

export function TokensCard() {
  const { t, f } = useT();
  const { list, create, revoke } = useTokens();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('read');
  const [expiry, setExpiry] = useState('90');
  const created = create.data;
  const error = (create.error ?? revoke.error ?? list.error) as Error | null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, scope, expiresInDays: expiry === 'never' ? null : Number(expiry) }, { onSuccess: () => setName('') });
  };
  const when = (iso: string | null) => (iso ? f.dateTime(iso) : '—');

  return (
    <Card title={t('account.tokens.title')} className="max-w-3xl">
      <p className="mb-4 text-sm text-slate-600">{t('account.tokens.intro')}</p>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <label className="text-sm text-slate-700">
          {t('account.tokens.name')}
          <input
            className={`${input} mt-1 block w-56`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            placeholder={t('account.tokens.namePlaceholder')}
            required
          />
        </label>
        <label className="text-sm text-slate-700">
          {t('account.tokens.scope')}
          <select className={`${input} mt-1 block`} value={scope} onChange={(e) => setScope(e.target.value as TokenScope)}>
            <option value="read">{t('account.tokens.scope.read')}</option>
            <option value="act">{t('account.tokens.scope.act')}</option>
          </select>
        </label>
        <label className="text-sm text-slate-700">
          {t('account.tokens.expiry')}
          <select className={`${input} mt-1 block`} value={expiry} onChange={(e) => setExpiry(e.target.value)}>
            {EXPIRY_CHOICES.map((d) => (
              <option key={String(d)} value={d === null ? 'never' : String(d)}>
                {d === null ? t('account.tokens.never') : t('account.tokens.days', { count: d })}
              </option>
            ))}
          </select>
        </label>
        <Button kind="primary" type="submit" disabled={!name.trim() || create.isPending}>
          {t('account.tokens.create')}
        </Button>
      </form>

      {created && (
        <div className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="token-created">
          <p className="text-sm text-amber-900">{t('account.tokens.shownOnce', { name: created.view.name })}</p>
          <div className="mt-2 flex items-center gap-2">
            <code className="block min-w-0 flex-1 rounded bg-white px-3 py-2 font-mono text-sm break-all" data-testid="token-value">
              {created.token}
            </code>
            <button
              type="button"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
              onClick={() => void navigator.clipboard?.writeText(created.token)}
            >
              {t('account.tokens.copy')}
            </button>
          </div>
          <p className="mt-2 font-mono text-xs break-all text-slate-600">
            curl -H &quot;Authorization: Bearer {created.view.prefix}…&quot; {typeof window === 'undefined' ? '' : window.location.origin}/api/auth/me
          </p>
        </div>
      )}

      {list.data && list.data.tokens.length === 0 && <p className="mt-4 text-sm text-slate-500">{t('account.tokens.none')}</p>}
      {list.data && list.data.tokens.length > 0 && (
        <div className="mt-4 md:overflow-x-auto">
          <table className="stack-table w-full text-left text-sm" data-testid="tokens-table">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                {(['name', 'scope', 'expires', 'lastUsed', 'state'] as const).map((c) => (
                  <th key={c} className="pb-2 pr-4 font-medium whitespace-nowrap">
                    {t(`account.tokens.col.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.data.tokens.map((tok) => (
                <TokenRow
                  key={tok.id}
                  tok={tok}
                  when={when}
                  onRevoke={() => revoke.mutate(tok.id)}
                  revoking={revoke.isPending && revoke.variables === tok.id}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error.message}
        </p>
      )}
    </Card>
  );
}

function TokenRow({ tok, when, onRevoke, revoking }: { tok: TokenView; when: (iso: string | null) => string; onRevoke: () => void; revoking: boolean }) {
  const { t } = useT();
  const stateClass = tok.state === 'active' ? 'bg-emerald-50 text-emerald-800' : 'bg-slate-100 text-slate-600';
  return (
    <tr className="align-top" data-testid={`token-row-${tok.id}`}>
      <td className="py-2 pr-4 break-words" data-label={t('account.tokens.col.name')}>
        <span className="font-medium">{tok.name}</span>
        <span className="block font-mono text-xs text-slate-500" title={t('account.tokens.createdAt', { date: when(tok.createdAt) })}>
          {tok.prefix}…
        </span>
      </td>
      <td className="py-2 pr-4 whitespace-nowrap" data-label={t('account.tokens.col.scope')}>
        {t(`account.tokens.scope.${tok.scope}`)}
      </td>
      <td className="py-2 pr-4 text-xs whitespace-nowrap text-slate-600" data-label={t('account.tokens.col.expires')}>
        {tok.expiresAt ? when(tok.expiresAt) : t('account.tokens.never')}
      </td>
      <td className="py-2 pr-4 text-xs text-slate-600" data-label={t('account.tokens.col.lastUsed')}>
        {tok.lastUsedAt ? (
          <>
            {when(tok.lastUsedAt)}
            <span className="block font-mono">{tok.lastUsedIp}</span>
          </>
        ) : (
          t('account.tokens.neverUsed')
        )}
      </td>
      <td className="py-2 pr-4 whitespace-nowrap" data-label={t('account.tokens.col.state')}>
        <span className={`rounded px-2 py-0.5 text-xs font-medium ${stateClass}`} data-testid="token-state">
          {t(`account.tokens.state.${tok.state}`)}
        </span>
        {tok.state === 'active' && (
          <button
            type="button"
            className="ml-2 rounded-md border border-red-300 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50 disabled:opacity-50"
            onClick={onRevoke}
            disabled={revoking}
          >
            {t('account.tokens.revoke')}
          </button>
        )}
      </td>
    </tr>
  );
}
