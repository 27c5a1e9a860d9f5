import { requirePrincipal } from '@/lib/auth/page-session';
import { AuditScreen } from './audit-screen';

export const metadata = { title: 'Audit log' };

export default async function AuditPage() {
  await requirePrincipal();
  return <AuditScreen />;
}
