import type { MessageKey } from '@/lib/i18n/translate';

export type NavItem = { href: string; label: MessageKey; icon: keyof typeof ICONS; adminOnly?: boolean };

// Heroicons-style outline paths (24×24), drawn inline so nothing is fetched.
export const ICONS = {
  dashboard: 'M3 13h8V3H3zm10 8h8V11h-8zM3 21h8v-6H3zm10-18v6h8V3z',
  queue: 'M4 6h16M4 12h16M4 18h10',
  mailboxes: 'M3 7l9 6 9-6M5 5h14a2 2 0 012 2v10a2 2 0 01-2 2H5a2 2 0 01-2-2V7a2 2 0 012-2z',
  logs: 'M9 5H7a2 2 0 00-2 2v12a2 2 0 002 2h10a2 2 0 002-2V7a2 2 0 00-2-2h-2M9 5a2 2 0 002 2h2a2 2 0 002-2M9 5a2 2 0 012-2h2a2 2 0 012 2m-6 9h6m-6 4h4',
  hardening: 'M12 3l8 4v5c0 5-3.5 8.5-8 9-4.5-.5-8-4-8-9V7z M9 12l2 2 4-4',
  audit: 'M12 8v4l3 3M21 12a9 9 0 11-18 0 9 9 0 0118 0z',
  hosts:
    'M5 12h14M5 12a2 2 0 01-2-2V6a2 2 0 012-2h14a2 2 0 012 2v4a2 2 0 01-2 2M5 12a2 2 0 00-2 2v4a2 2 0 002 2h14a2 2 0 002-2v-4a2 2 0 00-2-2m-2-4h.01M17 16h.01',
  alerts: 'M15 17h5l-1.4-1.4A2 2 0 0118 14.2V11a6 6 0 00-4-5.7V5a2 2 0 10-4 0v.3A6 6 0 006 11v3.2c0 .5-.2 1-.6 1.4L4 17h5m6 0v1a3 3 0 11-6 0v-1m6 0H9',
  incidents: 'M4 21V4m0 0h11l-1.5 4L15 12H4',
  settings:
    'M10.3 4.3a1.7 1.7 0 013.4 0 1.7 1.7 0 002.6 1.1 1.7 1.7 0 012.4 2.4 1.7 1.7 0 001 2.6 1.7 1.7 0 010 3.4 1.7 1.7 0 00-1 2.6 1.7 1.7 0 01-2.4 2.4 1.7 1.7 0 00-2.6 1 1.7 1.7 0 01-3.4 0 1.7 1.7 0 00-2.6-1 1.7 1.7 0 01-2.4-2.4 1.7 1.7 0 00-1-2.6 1.7 1.7 0 010-3.4 1.7 1.7 0 001-2.6 1.7 1.7 0 012.4-2.4 1.7 1.7 0 002.6-1.1zM15 12a3 3 0 11-6 0 3 3 0 016 0z',
} as const;

export const RESPOND_NAV: NavItem[] = [
  { href: '/', label: 'nav.dashboard', icon: 'dashboard' },
  { href: '/queue', label: 'nav.queue', icon: 'queue' },
  { href: '/mailboxes', label: 'nav.mailboxes', icon: 'mailboxes' },
  { href: '/logs', label: 'nav.logs', icon: 'logs' },
  { href: '/alerts', label: 'alerts.nav', icon: 'alerts' },
  { href: '/incidents', label: 'incidents.title', icon: 'incidents' },
];

export const ADMIN_NAV: NavItem[] = [
  { href: '/hardening', label: 'nav.hardening', icon: 'hardening', adminOnly: true },
  { href: '/audit', label: 'nav.audit', icon: 'audit' },
  { href: '/hosts', label: 'nav.hosts', icon: 'hosts', adminOnly: true },
  { href: '/settings', label: 'nav.settings', icon: 'settings', adminOnly: true },
];
