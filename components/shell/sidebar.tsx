'use client';

import type { Role } from '@/lib/auth/principal';
import { NavBrand, NavSections } from './nav-content';

// The desktop navigation; below lg the top bar's menu button opens the same links.
// The dark column runs the page's whole height; the links inside stay in view (sticky).
export function Sidebar({ role }: { role: Role }) {
  return (
    <div className="hidden w-60 shrink-0 bg-slate-900 lg:block">
      <aside className="sticky top-0 flex h-screen flex-col overflow-y-auto px-3 py-5">
        <div className="mb-8 px-3">
          <NavBrand />
        </div>
        <NavSections role={role} />
      </aside>
    </div>
  );
}
