'use client';

import { useT } from '@/components/i18n-provider';
import { describeQuota, parseQuota } from '@/lib/extman-tables/quota';
import type { FlagValue, MailboxDate } from '@/lib/mailboxes/schemas';

// Small renderers shared by the list and the mailbox page: every extmail
// value in plain words.

export function QuotaText({ raw }: { raw: string }) {
  const { t } = useT();
  const text = describeQuota(parseQuota(raw), { unlimited: t('mailboxes.noLimit'), messages: (n) => t('mailboxes.messageCount', { count: n }) });
  return <span title={raw}>{text}</span>;
}

/**
 * A zero date reads as what it means for the column: an expiry of zero is
 * "never", a creation date of zero is "unknown". The raw value stays in the tooltip.
 */
export function DateText({ date, dateOnly = false, zero = 'never' }: { date: MailboxDate; dateOnly?: boolean; zero?: 'never' | 'unknown' }) {
  const { t, f } = useT();
  if (date.isZero || (!date.iso && !date.raw)) {
    return (
      <span className="text-slate-400" title={date.raw ?? ''}>
        {t(zero === 'never' ? 'mailboxes.never' : 'mailboxes.unknownDate')}
      </span>
    );
  }
  if (!date.iso) return <span>{date.raw}</span>;
  // extman's dates are wall-clock text: shown as stored, in the locale's format.
  const local = date.iso.replace(/Z$|[+-]\d\d:\d\d$/, '');
  return <time dateTime={date.iso}>{dateOnly ? f.date(local) : f.dateTime(local)}</time>;
}

export function FlagText({ value, present = true }: { value: FlagValue | undefined; present?: boolean }) {
  const { t } = useT();
  if (!present) return <span className="text-slate-400">{t('mailboxes.noColumn')}</span>;
  if (value === true) return <span className="font-medium text-red-700">{t('mailboxes.yes')}</span>;
  if (value === false) return <span className="text-slate-700">{t('mailboxes.no')}</span>;
  return <span className="text-slate-400">{t('mailboxes.notSet')}</span>;
}

export function StatusBadge({ active }: { active: boolean }) {
  const { t } = useT();
  return active ? (
    <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-700">{t('mailboxes.status.active')}</span>
  ) : (
    <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700">{t('mailboxes.status.inactive')}</span>
  );
}
