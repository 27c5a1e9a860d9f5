import { requirePrincipal } from '@/lib/auth/page-session';
import { dashboardSummary } from '@/lib/dashboard/summary';
import { getTranslator } from '@/lib/i18n/server';
import { DashboardScreen } from './dashboard-screen';

export const metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const principal = await requirePrincipal();
  const [summary, { t }] = await Promise.all([dashboardSummary(principal), getTranslator()]);
  return <DashboardScreen summary={summary} labels={{ title: t('dashboard.title'), subtitle: t('dashboard.subtitle') }} />;
}
