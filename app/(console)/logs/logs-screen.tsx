'use client';

import { useEffect, useMemo, useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { fieldClass } from '@/components/ui/field';
import { PageHeader } from '@/components/page-header';
import type { MessageKey } from '@/lib/i18n/translate';
import { BlocksTab } from './blocks-tab';
import { BruteforceTab } from './bruteforce-tab';
import { LoginsTab } from './logins-tab';
import { ADMIN_TABS, RANGES, rangeQuery, TABS, type LogsState } from './logs-state';
import { SearchTab } from './search-tab';
import { TailTab } from './tail-tab';
import { TraceTab } from './trace-tab';

// The maillog page: one host, one time range, six views of the same log.
// Tab, host, range, user and queue id live in the URL so a view can be linked.

export function LogsScreen({ hosts, isAdmin, initial }: { hosts: string[]; isAdmin: boolean; initial: LogsState }) {
  const { t } = useT();
  const [state, setState] = useState<LogsState>(initial);
  const tabs = TABS.filter((x) => isAdmin || !ADMIN_TABS.includes(x));
  const tab = tabs.includes(state.tab) ? state.tab : 'logins';
  const query = useMemo(() => rangeQuery(state.range), [state.range]);
  const update = (patch: Partial<LogsState>) => setState((s) => ({ ...s, ...patch }));

  useEffect(() => {
    const p = new URLSearchParams({ tab, host: state.host, range: state.range });
    if (state.user && tab === 'logins') p.set('user', state.user);
    if (state.queueId && tab === 'trace') p.set('queueId', state.queueId);
    window.history.replaceState(null, '', `?${p}`);
  }, [tab, state]);

  if (hosts.length === 0) {
    return (
      <>
        <PageHeader title={t('logs.title')} subtitle={t('logs.subtitle')} />
        <Card>
          <p className="text-sm text-slate-600">{t('logs.noHosts')}</p>
        </Card>
      </>
    );
  }

  const props = { host: state.host, query };
  return (
    <>
      <PageHeader
        title={t('logs.title')}
        subtitle={t('logs.subtitle')}
        actions={
          <>
            <label className="flex items-center gap-2 text-sm text-slate-600">
              {t('logs.host')}
              <select className={fieldClass} value={state.host} onChange={(e) => update({ host: e.target.value, user: undefined })} data-testid="logs-host">
                {hosts.map((h) => (
                  <option key={h}>{h}</option>
                ))}
              </select>
            </label>
            {tab !== 'tail' && (
              <div className="flex overflow-hidden rounded-md border border-slate-300 bg-white text-sm" role="group" aria-label={t('logs.range')}>
                {RANGES.map((r) => (
                  <button
                    key={r}
                    type="button"
                    aria-pressed={state.range === r}
                    onClick={() => update({ range: r })}
                    className={`px-2.5 py-1.5 ${state.range === r ? 'bg-brand-600 font-medium text-white' : 'text-slate-600 hover:bg-slate-50'}`}
                  >
                    {t(`logs.range.${r}` as MessageKey)}
                  </button>
                ))}
              </div>
            )}
          </>
        }
      />
      <div role="tablist" aria-label={t('logs.title')} className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
        {tabs.map((x) => (
          <button
            key={x}
            role="tab"
            type="button"
            aria-selected={tab === x}
            data-testid={`tab-${x}`}
            onClick={() => update({ tab: x })}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${tab === x ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
          >
            {t(`logs.tab.${x}` as MessageKey)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'logins' && <LoginsTab {...props} user={state.user} onUser={(user) => update({ user })} />}
        {tab === 'bruteforce' && <BruteforceTab {...props} />}
        {tab === 'blocks' && <BlocksTab {...props} onTrace={(queueId) => update({ tab: 'trace', queueId })} />}
        {tab === 'trace' && <TraceTab {...props} queueId={state.queueId} onQueueId={(queueId) => update({ queueId })} />}
        {tab === 'search' && <SearchTab {...props} onTrace={(queueId) => update({ tab: 'trace', queueId })} />}
        {tab === 'tail' && <TailTab key={state.host} host={state.host} />}
      </div>
    </>
  );
}
