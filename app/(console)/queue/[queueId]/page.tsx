import { notFound } from 'next/navigation';
import { requirePrincipal } from '@/lib/auth/page-session';
import { isQueueId } from '@/lib/postfix/queue-id';
import { registeredHostNames } from '@/lib/hosts/registered';
import { MessageScreen } from './message-screen';

export const metadata = { title: 'Queued message' };

type Props = { params: Promise<{ queueId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function QueueMessagePage({ params, searchParams }: Props) {
  await requirePrincipal();
  const { queueId } = await params;
  const wanted = (await searchParams).host;
  const hosts = await registeredHostNames();
  const host = typeof wanted === 'string' ? hosts.find((h) => h === wanted) : hosts[0];
  if (!host || !isQueueId(queueId)) notFound();
  return <MessageScreen host={host} id={queueId} />;
}
