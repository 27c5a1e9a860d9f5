'use client';

import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import type { MessageKey, Translate } from '@/lib/i18n/core';
import type { Formatters } from '@/lib/i18n/format';
import type { FacetValue } from '@/lib/queue/query';
import { FACETS, NONE_VALUE, type FacetName, type QueueFilter } from '@/lib/queue/schemas';

// The groups of the queue: each panel lists the top values with counts;
// a click filters on that value. Counts ignore the panel's own filter, so
// the chosen value stays visible beside the others.

type Filters = Partial<Record<keyof QueueFilter, string>>;

const facetLabel = (name: keyof QueueFilter): MessageKey => `queue.facet.${name}` as MessageKey;

/** "320-640m" → "5 h–11 h", "1280m+" → "21 h+": the units a person uses. */
export function ageBucketLabel(key: string, t: Translate, f: Formatters): string {
  const mins = (m: string) => {
    const n = Number(m);
    return f.duration(n < 120 ? n * 60 : Math.round(n / 60) * 3600);
  };
  const range = /^(\d+)-(\d+)m$/.exec(key);
  if (range) return t('queue.age.range', { from: mins(range[1]!), to: mins(range[2]!) });
  const over = /^(\d+)m\+$/.exec(key);
  if (over) return t('queue.age.over', { from: mins(over[1]!) });
  return key;
}

function display(name: FacetName | keyof QueueFilter, value: string, t: Translate, f: Formatters): string {
  if (value === NONE_VALUE) return t('queue.facet.none');
  if (name === 'sender' && value === '<>') return t('queue.nullSender');
  if (name === 'age') return ageBucketLabel(value, t, f);
  if (name === 'queue') return f.queue(value);
  return value;
}

export function FacetPanels({
  facets,
  filters,
  onPick,
}: {
  facets: Record<FacetName, FacetValue[]>;
  filters: Filters;
  onPick: (key: FacetName, value: string | undefined) => void;
}) {
  const { t, f } = useT();
  // Folded on a phone (the table matters more); always open from lg up.
  const [open, setOpen] = useState(false);
  return (
    <div className="min-w-0">
      <button
        type="button"
        className="flex w-full items-center justify-between rounded-xl border border-slate-200 bg-white px-4 py-2.5 text-sm font-medium text-slate-700 shadow-sm lg:hidden"
        aria-expanded={open}
        aria-controls="queue-facets"
        onClick={() => setOpen((o) => !o)}
        data-testid="facets-toggle"
      >
        {t('queue.facets.show')}
        <span aria-hidden>{open ? '▴' : '▾'}</span>
      </button>
      <aside id="queue-facets" className={`mt-3 space-y-3 lg:mt-0 lg:block ${open ? 'block' : 'hidden'}`} aria-label={t('queue.facets')}>
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
                          className={`relative flex w-full items-center justify-between gap-2 px-3 py-1.5 text-left text-xs lg:py-1 hover:bg-slate-50 ${on ? 'bg-brand-50 font-semibold text-brand-700' : 'text-slate-700'}`}
                        >
                          <span className="absolute inset-y-0.5 left-0 rounded-r bg-brand-100/70" style={{ width: `${(v.count / max) * 100}%` }} aria-hidden />
                          <span className={`relative truncate ${name === 'age' || name === 'queue' ? '' : 'font-mono'}`}>{display(name, v.value, t, f)}</span>
                          <span className="relative shrink-0 tabular-nums text-slate-500">{f.number(v.count)}</span>
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
    </div>
  );
}

export function ActiveFilters({ filters, onRemove, onClear }: { filters: Filters; onRemove: (key: keyof QueueFilter) => void; onClear: () => void }) {
  const { t, f } = useT();
  const entries = Object.entries(filters) as [keyof QueueFilter, string][];
  if (entries.length === 0) return null;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2" data-testid="active-filters">
      {entries.map(([k, v]) => (
        <span key={k} className="inline-flex items-center gap-1 rounded-full border border-brand-200 bg-brand-50 px-3 py-1 text-xs text-brand-700">
          <span className="font-medium">{t(facetLabel(k))}:</span>
          <span className="max-w-[12rem] truncate font-mono sm:max-w-64">{display(k, v, t, f)}</span>
          <button
            type="button"
            aria-label={t('queue.removeFilter', { name: t(facetLabel(k)) })}
            className="-my-1 ml-1 px-1 text-base leading-none text-brand-500 hover:text-brand-800"
            onClick={() => onRemove(k)}
          >
            ×
          </button>
        </span>
      ))}
      <button type="button" className="text-xs text-slate-500 underline" onClick={onClear}>
        {t('queue.clearFilters')}
      </button>
    </div>
  );
}
