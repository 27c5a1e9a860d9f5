import { Suspense } from 'react';
import { requirePrincipal } from '@/lib/auth/page-session';
import { MailboxesScreen } from './mailboxes-screen';

export const metadata = { title: 'Mailboxes' };

export default async function MailboxesPage() {
  await requirePrincipal();
  // The screen reads its filters from the URL (useSearchParams).
  return (
    <Suspense>
      <MailboxesScreen />
    </Suspense>
  );
}
