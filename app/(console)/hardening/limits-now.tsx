'use client';

import { useMutation } from '@tanstack/react-query';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { hostPath } from '@/lib/hosts/keys';
import type { MessageKey } from '@/lib/i18n/catalogue/en';
import type { LoginView } from '@/lib/limits/view';
import { fetchJson } from '@/lib/query/fetch-json';
import { Banner } from './hardening-ui';

type Props = { host: string; logins: LoginView[]; admin: boolean; running: boolean; focusUser?: string; onChanged: () => void };

// Per login: each counter against its limit, whether it is refused right now,
// and a one-click Lift (admins; audited by the API).
export function LimitsNow({ host, logins, admin, running, focusUser, onChanged }: Props) {
  const { t, f } = useT();
  const lift = useMutation({
    mutationFn: (login: string) => fetchJson(hostPath(host, '/limits/lift'), { method: 'POST', json: { login } }),
    onSettled: onChanged,
  });
  const refused = logins.filter((l) => l.refused);
  const focus = focusUser?.toLowerCase();
  // Refused first, then the busiest.
  const rows = [...logins].sort(
    (a, b) =>
      Number(b.refused) - Number(a.refused) || Math.max(...b.counters.map((c) => c.count / c.max)) - Math.max(...a.counters.map((c) => c.count / c.max)),
  );

  return (
    <Card title={t('limits.now')} actions={<span className="text-xs text-slate-500">{t('limits.now.refusedCount', { count: refused.length })}</span>}>
      {!running && <p className="text-sm text-slate-500">{t('limits.now.notRunning')}</p>}
      {running && rows.length === 0 && <p className="text-sm text-slate-500">{t('limits.now.none')}</p>}
      {lift.isError && <Banner tone="danger">{(lift.error as Error).message}</Banner>}
      {lift.isSuccess && <Banner tone="ok">{t('limits.lifted', { login: lift.variables })}</Banner>}
      <ul className="divide-y divide-slate-100" data-testid="limits-logins">
        {rows.map((l) => (
          <li
            key={l.login}
            data-testid="limits-login"
            data-login={l.login}
            data-refused={l.refused}
            className={`flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between ${focus === l.login ? 'rounded-md bg-amber-50 px-2 ring-1 ring-amber-200' : ''}`}
          >
            <div className="min-w-0 space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                <span className="break-all font-mono text-sm font-medium text-slate-800">{l.login}</span>
                {l.refused ? (
                  <span data-testid="limited" className="rounded-full bg-red-600 px-2 py-0.5 text-xs font-semibold text-white">
                    {t('limits.now.refused')}
                  </span>
                ) : (
                  <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-600/20">
                    {t('limits.now.sending')}
                  </span>
                )}
              </div>
              <ul className="space-y-1">
                {l.counters.map((c) => (
                  <li key={c.rule} className="text-xs text-slate-600">
                    <div className="flex flex-wrap gap-x-2">
                      <span className="tabular-nums font-medium text-slate-800">
                        {f.number(c.count)} / {f.number(c.max)}
                      </span>
                      <span>{c.kind ? t(`limits.kind.${c.kind}` as MessageKey) : c.rule}</span>
                      {c.until > 0 && <span className="text-slate-400">{t('limits.now.resets', { when: f.time(c.until) })}</span>}
                    </div>
                    <div className="mt-0.5 h-1.5 w-full max-w-xs overflow-hidden rounded bg-slate-100">
                      <div
                        className={`h-full ${c.count >= c.max ? 'bg-red-500' : 'bg-brand-500'}`}
                        style={{ width: `${Math.min(100, (100 * c.count) / Math.max(1, c.max))}%` }}
                      />
                    </div>
                  </li>
                ))}
              </ul>
            </div>
            {admin && (
              <Button
                nowrap
                className="min-h-10 self-start"
                disabled={lift.isPending}
                onClick={() => lift.mutate(l.login)}
                aria-label={t('limits.lift.for', { login: l.login })}
              >
                {t('limits.lift')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
