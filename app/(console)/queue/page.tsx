import { requirePrincipal } from '@/lib/auth/page-session';
import { registeredHostNames } from '@/lib/hosts/registered';
import { FILTER_KEYS, queueFilterSchema, queueQuerySchema } from '@/lib/queue/schemas';
import { QueueScreen } from './queue-screen';
import type { QueueView } from './queue-view';

export const metadata = { title: 'Queue' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

// The URL holds host, filters, sort and page, so a view can be shared; a
// value that does not validate is dropped rather than sent to the API.
export default async function QueuePage({ searchParams }: { searchParams: Search }) {
  const principal = await requirePrincipal();
  const hosts = await registeredHostNames();
  const sp = await searchParams;
  const host = hosts.find((h) => h === one(sp.host)) ?? hosts[0] ?? '';
  const filters: QueueView['filters'] = {};
  for (const key of FILTER_KEYS) {
    const parsed = queueFilterSchema.shape[key].safeParse(one(sp[key]));
    if (parsed.success && parsed.data !== undefined) filters[key] = String(parsed.data);
  }
  const base = queueQuerySchema.parse({});
  const sort = queueQuerySchema.shape.sort.safeParse(one(sp.sort)).data ?? base.sort;
  const order = queueQuerySchema.shape.order.safeParse(one(sp.order)).data ?? base.order;
  const page = queueQuerySchema.shape.page.safeParse(one(sp.page)).data ?? 1;
  return <QueueScreen hosts={hosts} initial={{ host, filters, sort, order, page }} isAdmin={principal.role === 'admin'} />;
}
