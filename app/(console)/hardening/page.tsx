import { PageHeader } from '@/components/page-header';
import { PlannedSection } from '@/components/planned-section';
import { requireAdminPage } from '@/lib/auth/page-session';
import { getTranslator } from '@/lib/i18n/server';

export const metadata = { title: 'Hardening' };

export default async function Page() {
  await requireAdminPage();
  const { t } = await getTranslator();
  return (
    <>
      <PageHeader title={t('hardening.title')} subtitle={t('hardening.subtitle')} />
      <PlannedSection
        label={t('common.comingNext')}
        body={t('placeholder.body')}
        items={[
    'Assess postconf -n: forged senders after AUTH, relay, rate limits, TLS',
    'Apply the extmail sender-login maps with backup, postfix check and reload',
    'Prove the fix with live SMTP probes; roll back in one click',
        ]}
      />
    </>
  );
}
