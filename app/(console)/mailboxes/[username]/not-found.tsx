import Link from 'next/link';
import { Card } from '@/components/card';
import { PageHeader } from '@/components/page-header';
import { getTranslator } from '@/lib/i18n/server';

export default async function MailboxNotFound() {
  const { t } = await getTranslator();
  return (
    <>
      <PageHeader title={t('mailboxes.notFound.title')} />
      <Card>
        <p className="text-sm text-slate-600">{t('mailboxes.notFound.body')}</p>
        <Link href="/mailboxes" className="mt-3 inline-block text-sm text-brand-700 hover:underline">
          ← {t('mailboxes.back')}
        </Link>
      </Card>
    </>
  );
}
