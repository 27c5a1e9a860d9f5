import { requirePrincipal } from '@/lib/auth/page-session';
import { listHostsPublic } from '@/lib/hosts/list';
import { queueIdSchema } from '@/lib/postfix/queue-id';
import { saslUserSchema } from '@/lib/maillog/schemas';
import { LogsScreen } from './logs-screen';
import { RANGES, TABS, type LogsState } from './logs-state';

export const metadata = { title: 'Mail log' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

export default async function LogsPage({ searchParams }: { searchParams: Search }) {
  const principal = await requirePrincipal();
  const hosts = (await listHostsPublic()).map((h) => h.name);
  const sp = await searchParams;
  const tab = TABS.find((x) => x === one(sp.tab)) ?? 'logins';
  const range = RANGES.find((x) => x === one(sp.range)) ?? '7d';
  const host = hosts.find((h) => h === one(sp.host)) ?? hosts[0] ?? '';
  const user = saslUserSchema.safeParse(one(sp.user)).data;
  const queueId = queueIdSchema.safeParse(one(sp.queueId)).data;
  const initial: LogsState = { tab, host, range, ...(user ? { user } : {}), ...(queueId ? { queueId } : {}) };
  return <LogsScreen hosts={hosts} isAdmin={principal.role === 'admin'} initial={initial} />;
}
