'use client';

import { useT } from '@/components/i18n-provider';

// The mark on a message whose sender domain is not its SASL login's domain.

export function ForgedBadge() {
  const { t } = useT();
  return (
    <span className="ml-1 shrink-0 rounded bg-red-100 px-1.5 py-0.5 text-[10px] font-semibold uppercase text-red-700" title={t('queue.forgedHint')}>
      {t('queue.forged')}
    </span>
  );
}
