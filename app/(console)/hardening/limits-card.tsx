'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { hostPath } from '@/lib/hosts/keys';
import type { MessageKey } from '@/lib/i18n/catalogue/en';
import { limitsKeys } from '@/lib/limits/keys';
import type { LimitsView } from '@/lib/limits/view';
import { fetchJson } from '@/lib/query/fetch-json';
import { Banner } from './hardening-ui';
import { LimitsForm } from './limits-form';
import { LimitsNow } from './limits-now';

// "Sending limits" on the Hardening page: per-SASL-login limits enforced by
// postfwd on the mail host (mail never waits for the console), the policy
// form for admins, and what is happening now (counters, refused, Lift).
// Postmasters see the logins of their own domains, read-only.
export function LimitsCard({ host, admin, focusUser }: { host: string; admin: boolean; focusUser?: string }) {
  const { t } = useT();
  const client = useQueryClient();
  const key = limitsKeys.host(host);
  const view = useQuery({
    queryKey: key,
    queryFn: () => fetchJson<LimitsView>(hostPath(host, '/limits')),
    refetchInterval: 15_000,
  });
  const refresh = () => client.invalidateQueries({ queryKey: key });
  const v = view.data;
  const state = !v ? null : !v.status.installed ? 'notInstalled' : v.status.running ? (v.applied ? 'enforcing' : 'running') : v.applied ? 'down' : 'off';

  return (
    <div id="limits" className="scroll-mt-4 space-y-6" data-testid="limits">
      <Card
        title={t('limits.title')}
        actions={
          state && (
            <span data-testid="limits-state" data-state={state} className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700">
              {t(`limits.state.${state}` as MessageKey)}
            </span>
          )
        }
      >
        <p className="mb-4 text-sm text-slate-600">{t('limits.intro')}</p>
        {view.isPending && <p className="text-sm text-slate-500">{t('limits.reading')}</p>}
        {view.isError && <Banner tone="danger">{(view.error as Error).message}</Banner>}
        {v && state === 'down' && <Banner tone="danger">{t(v.policy?.downAction === 'defer' ? 'limits.downNow.defer' : 'limits.downNow.dunno')}</Banner>}
        {v && admin && v.policy && <LimitsForm host={host} stored={v.policy} applied={v.applied} onChanged={refresh} />}
        {v && !admin && <p className="text-sm text-slate-500">{t('limits.readOnly')}</p>}
      </Card>
      {v && <LimitsNow host={host} logins={v.logins} admin={admin} focusUser={focusUser} running={v.status.running} onChanged={refresh} />}
    </div>
  );
}
