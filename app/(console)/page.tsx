import { requirePrincipal } from '@/lib/auth/page-session';
import { dashboardSummary } from '@/lib/dashboard/summary';
import { DashboardScreen } from './dashboard-screen';

export const metadata = { title: 'Dashboard' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: Search }) {
  const principal = await requirePrincipal();
  const [summary, sp] = await Promise.all([dashboardSummary(principal), searchParams]);
  const host = typeof sp.host === 'string' && sp.host ? sp.host : 'all';
  return <DashboardScreen summary={summary} initialHost={host} />;
}
