import { requirePrincipal } from '@/lib/auth/page-session';
import { IncidentsScreen } from './incidents-screen';

export const metadata = { title: 'Incidents' };

export default async function IncidentsPage() {
  await requirePrincipal();
  return <IncidentsScreen />;
}
