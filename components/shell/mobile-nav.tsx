'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useRef, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { useModal } from '@/components/ui/use-modal';
import type { Role } from '@/lib/auth/principal';
import { NavBrand, NavSections } from './nav-content';

// Below lg the sidebar folds into this: a menu button in the top bar opening
// a drawer with the same links, the account and sign-out.

export function MobileNav({ role, username, roleText, onSignOut }: { role: Role; username: string; roleText: string; onSignOut: () => void }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  // A new page closes the drawer.
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }

  return (
    <>
      <button
        type="button"
        className="-ml-1 flex h-10 w-10 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 lg:hidden"
        aria-label={t('nav.menu')}
        aria-expanded={open}
        aria-controls="mobile-nav"
        data-testid="nav-menu"
        onClick={() => setOpen(true)}
      >
        <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" aria-hidden>
          <path d="M4 6h16M4 12h16M4 18h16" />
        </svg>
      </button>
      {open && <Drawer role={role} username={username} roleText={roleText} onSignOut={onSignOut} onClose={() => setOpen(false)} />}
    </>
  );
}

/** The open drawer: modal (focus kept inside and given back, Escape closes, the page behind does not scroll). */
function Drawer({
  role,
  username,
  roleText,
  onSignOut,
  onClose,
}: {
  role: Role;
  username: string;
  roleText: string;
  onSignOut: () => void;
  onClose: () => void;
}) {
  const { t } = useT();
  const panel = useRef<HTMLDivElement>(null);
  useModal(panel, onClose);
  return (
    <div
      ref={panel}
      tabIndex={-1}
      className="fixed inset-0 z-50 outline-none lg:hidden"
      id="mobile-nav"
      role="dialog"
      aria-modal="true"
      aria-label={t('nav.menu')}
    >
      <div className="absolute inset-0 bg-slate-900/50" onClick={() => onClose()} aria-hidden />
      <div className="absolute inset-y-0 left-0 flex w-72 max-w-[85vw] flex-col overflow-y-auto bg-slate-900 px-3 py-4 shadow-xl">
        <div className="mb-6 flex items-center justify-between px-3">
          <NavBrand />
          <button
            type="button"
            className="flex h-10 w-10 items-center justify-center rounded-md text-slate-300 hover:bg-white/10"
            aria-label={t('nav.closeMenu')}
            onClick={() => onClose()}
          >
            <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" aria-hidden>
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
          </button>
        </div>
        <NavSections role={role} onNavigate={() => onClose()} />
        <div className="mt-6 border-t border-white/10 px-3 pt-4">
          <Link href="/account" className="block truncate text-sm font-medium text-white hover:underline" onClick={() => onClose()}>
            {username}
          </Link>
          <div className="text-xs text-slate-400">{roleText}</div>
          <button
            type="button"
            onClick={onSignOut}
            className="mt-3 w-full rounded-md border border-white/20 px-3 py-2 text-sm text-slate-200 hover:bg-white/10"
          >
            {t('nav.signOut')}
          </button>
        </div>
      </div>
    </div>
  );
}
