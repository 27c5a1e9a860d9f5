'use client';

import { useT } from '@/components/i18n-provider';
import type { Role } from '@/lib/auth/principal';
import { ADMIN_NAV, RESPOND_NAV } from './nav-items';
import { NavLink } from './nav-link';

// The logo and the two sections of links: the desktop sidebar and the
// phone's menu drawer show the same thing.

export function NavBrand() {
  const { t } = useT();
  return (
    <div className="flex items-center gap-2">
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src="/favicon.svg" alt="" className="h-8 w-8" />
      <div>
        <div className="text-base font-semibold text-white">{t('app.name')}</div>
        <div className="text-[11px] leading-tight text-slate-400">{t('app.tagline')}</div>
      </div>
    </div>
  );
}

export function NavSections({ role, onNavigate }: { role: Role; onNavigate?: () => void }) {
  const { t } = useT();
  const admin = ADMIN_NAV.filter((item) => !item.adminOnly || role === 'admin');
  return (
    <nav className="flex flex-1 flex-col gap-6" aria-label="Main">
      <div className="flex flex-col gap-1">
        <div className="px-3 pb-1 text-[11px] font-semibold uppercase tracking-wider text-slate-500">{t('nav.section.respond')}</div>
        {RESPOND_NAV.map((item) => (
          <NavLink key={item.href} item={item} onNavigate={onNavigate} />
        ))}
      </div>
      <div className="flex flex-col gap-1">
        <div className="px-3 pb-1 text-[11px] font-semibold uppercase tracking-wider text-slate-500">{t('nav.section.admin')}</div>
        {admin.map((item) => (
          <NavLink key={item.href} item={item} onNavigate={onNavigate} />
        ))}
      </div>
    </nav>
  );
}
