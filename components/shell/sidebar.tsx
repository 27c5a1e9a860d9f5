'use client';

import type { Role } from '@/lib/auth/principal';
import { NavBrand, NavSections } from './nav-content';

// The desktop navigation; below lg the top bar's menu button opens the same links.
export function Sidebar({ role }: { role: Role }) {
  return (
    <aside className="sticky top-0 hidden h-screen w-60 shrink-0 flex-col overflow-y-auto bg-slate-900 px-3 py-5 lg:flex">
      <div className="mb-8 px-3">
        <NavBrand />
      </div>
      <NavSections role={role} />
    </aside>
  );
}
