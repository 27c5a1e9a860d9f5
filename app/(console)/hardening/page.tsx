import { requirePrincipal } from '@/lib/auth/page-session';
import { isAdmin } from '@/lib/auth/principal';
import { listHostsPublic } from '@/lib/hosts/list';
import { HardeningScreen } from './hardening-screen';
import { LimitsScreen } from './limits-screen';

export const metadata = { title: 'Hardening' };

type Search = Promise<{ host?: string | string[]; user?: string | string[] }>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// Admins get the whole page; a postmaster (sent here by a "hit its sending
// limit" alert) only the sending limits of its own domains, read-only.
export default async function HardeningPage({ searchParams }: { searchParams: Search }) {
  const principal = await requirePrincipal();
  const sp = await searchParams;
  const hosts = (await listHostsPublic()).map((h) => h.name);
  const host = hosts.find((h) => h === one(sp.host));
  const user = one(sp.user)?.slice(0, 255);
  if (!isAdmin(principal)) return <LimitsScreen hosts={hosts} initialHost={host} focusUser={user} />;
  return <HardeningScreen hosts={hosts} initialHost={host} focusUser={user} />;
}
