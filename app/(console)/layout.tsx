import type { ReactNode } from 'react';
import { LoginWarning } from '@/components/login-warning';
import { Sidebar } from '@/components/shell/sidebar';
import { TopBar } from '@/components/shell/top-bar';
import { requirePrincipal } from '@/lib/auth/page-session';

// Every console page sits behind this layout: no session, no page.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const principal = await requirePrincipal();
  return (
    <div className="flex min-h-screen">
      <Sidebar role={principal.role} />
      <div className="flex min-w-0 flex-1 flex-col">
        <TopBar username={principal.username} role={principal.role} domains={principal.domains} />
        <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-4 sm:px-6 sm:py-6 lg:px-8">
          <LoginWarning />
          {children}
        </main>
      </div>
    </div>
  );
}
