import Link from 'next/link';
import { Card } from '@/components/card';
import { PageHeader } from '@/components/page-header';
import { getTranslator } from '@/lib/i18n/server';

// What a signed-in postmaster sees on an administrator's page (requireAdminPage
// calls Next's forbidden(): status 403, the console's frame kept), instead of
// the 500 a thrown error used to give.
export default async function Forbidden() {
  const { t } = await getTranslator();
  return (
    <>
      <PageHeader title={t('forbidden.title')} />
      <Card>
        <p className="text-sm text-slate-600" data-testid="forbidden">
          {t('forbidden.body')}
        </p>
        <Link href="/" className="mt-3 inline-block text-sm text-brand-700 hover:underline">
          ← {t('nav.dashboard')}
        </Link>
      </Card>
    </>
  );
}
