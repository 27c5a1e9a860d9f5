import { requirePrincipal } from '@/lib/auth/page-session';
import { listHostsPublic } from '@/lib/hosts/list';
import { AlertsScreen } from './alerts-screen';

export const metadata = { title: 'Alerts' };

export default async function AlertsPage() {
  const principal = await requirePrincipal();
  const hosts = (await listHostsPublic()).map((h) => h.name);
  return <AlertsScreen hosts={hosts} isAdmin={principal.role === 'admin'} />;
}
