'use client';

import { useT } from '@/components/i18n-provider';
import type { MessageKey } from '@/lib/i18n/translate';
import type { FacetValue } from '@/lib/queue/query';
import { FACETS, NONE_VALUE, type FacetName, type QueueFilter } from '@/lib/queue/schemas';

// The groups of the queue: each panel lists the top values with counts;
// a click filters on that value. Counts ignore the panel's own filter, so
// the chosen value stays visible beside the others.

type Filters = Partial<Record<keyof QueueFilter, string>>;

const facetLabel = (name: keyof QueueFilter): MessageKey => `queue.facet.${name}` as MessageKey;

function display(name: FacetName, value: string, t: (k: MessageKey) => string): string {
  if (value === NONE_VALUE) return t('queue.facet.none');
  if (name === 'sender' && value === '<>') return t('queue.nullSender');
  return value;
}

export function FacetPanels({ facets, filters, onPick }: { facets: Record<FacetName, FacetValue[]>; filters: Filters; onPick: (key: FacetName, value: string | undefined) => void }) {
  const { t } = useT();
  return (
    <aside className="space-y-3" aria-label={t('queue.facets')}>
      {FACETS.map((name) => {
        const values = facets[name] ?? [];
        const max = values.reduce((m, v) => Math.max(m, v.count), 1);
        const active = filters[name];
        return (
          <section key={name} className="rounded-xl border border-slate-200 bg-white shadow-sm" data-testid={`facet-${name}`}>
            <h3 className="border-b border-slate-100 px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{t(facetLabel(name))}</h3>
            {values.length === 0 ? (
              <p className="px-3 py-2 text-xs text-slate-400">{t('queue.facet.empty')}</p>
            ) : (
              <ul className="py-1">
                {values.map((v) => {
                  const on = active === v.value;
                  return (
                    <li key={v.value}>
                      <button
                        type="button"
                        title={v.value}
                        aria-pressed={on}
                        onClick={() => onPick(name, on ? undefined : v.value)}
                        className={`relative flex w-full items-center justify-between gap-2 px-3 py-1 text-left text-xs hover:bg-slate-50 ${on ? 'bg-brand-50 font-semibold text-brand-700' : 'text-slate-700'}`}
                      >
                        <span className="absolute inset-y-0.5 left-0 rounded-r bg-brand-100/70" style={{ width: `${(v.count / max) * 100}%` }} aria-hidden />
                        <span className="relative truncate font-mono">{display(name, v.value, t)}</span>
                        <span className="relative shrink-0 tabular-nums text-slate-500">{v.count.toLocaleString()}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </aside>
  );
}

export function ActiveFilters({ filters, onRemove, onClear }: { filters: Filters; onRemove: (key: keyof QueueFilter) => void; onClear: () => void }) {
  const { t } = useT();
  const entries = Object.entries(filters) as [keyof QueueFilter, string][];
  if (entries.length === 0) return null;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2" data-testid="active-filters">
      {entries.map(([k, v]) => (
        <span key={k} className="inline-flex items-center gap-1 rounded-full border border-brand-200 bg-brand-50 px-3 py-1 text-xs text-brand-700">
          <span className="font-medium">{t(facetLabel(k))}:</span>
          <span className="max-w-64 truncate font-mono">{display(k as FacetName, v, t)}</span>
          <button type="button" aria-label={t('queue.removeFilter', { name: t(facetLabel(k)) })} className="ml-1 text-brand-500 hover:text-brand-800" onClick={() => onRemove(k)}>
            ×
          </button>
        </span>
      ))}
      <button type="button" className="text-xs text-slate-500 underline" onClick={onClear}>{t('queue.clearFilters')}</button>
    </div>
  );
}
