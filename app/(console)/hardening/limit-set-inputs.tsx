'use client';

import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import type { MessageKey } from '@/lib/i18n/catalogue/en';
import type { LimitSet } from '@/lib/limits/schemas';

// The four numbers of one limit set (empty = no limit), and an editable list
// of keyed rows (a domain or a login, each with its own limit set).

export const LIMIT_KINDS = ['messagesPerHour', 'messagesPerDay', 'recipientsPerHour', 'recipientsPerDay'] as const;

export function LimitSetInputs({ value, onChange, label }: { value: LimitSet; onChange: (v: LimitSet) => void; label: string }) {
  const { t } = useT();
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {LIMIT_KINDS.map((k) => (
        <label key={k} className="block text-xs text-slate-600">
          {t(`limits.kind.${k}` as MessageKey)}
          <input
            type="number"
            inputMode="numeric"
            min={1}
            aria-label={`${label}: ${t(`limits.kind.${k}` as MessageKey)}`}
            placeholder={t('limits.noLimit')}
            className={`${inputClass} mt-1`}
            value={value[k] ?? ''}
            onChange={(e) => {
              const n = Number.parseInt(e.target.value, 10);
              onChange({ ...value, [k]: Number.isFinite(n) && n > 0 ? n : null });
            }}
          />
        </label>
      ))}
    </div>
  );
}

type Row = { key: string; limits: LimitSet };

export function KeyedRows({
  rows,
  onChange,
  keyLabel,
  placeholder,
  addLabel,
  empty,
  testId,
}: {
  rows: Row[];
  onChange: (rows: Row[]) => void;
  keyLabel: string;
  placeholder: string;
  addLabel: string;
  empty: LimitSet;
  testId: string;
}) {
  const { t } = useT();
  const set = (i: number, row: Row) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <div className="space-y-3" data-testid={testId}>
      {rows.map((r, i) => (
        <div key={i} className="space-y-2 rounded-lg border border-slate-200 p-3" data-testid={`${testId}-row`}>
          <div className="flex gap-2">
            <input
              aria-label={keyLabel}
              placeholder={placeholder}
              autoComplete="off"
              className={inputClass}
              value={r.key}
              onChange={(e) => set(i, { ...r, key: e.target.value.trim() })}
            />
            <Button nowrap onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              {t('limits.removeRow')}
            </Button>
          </div>
          <LimitSetInputs value={r.limits} onChange={(limits) => set(i, { ...r, limits })} label={r.key || keyLabel} />
        </div>
      ))}
      <Button nowrap onClick={() => onChange([...rows, { key: '', limits: empty }])}>
        {addLabel}
      </Button>
    </div>
  );
}
