import { notFound } from '@/lib/errors';
import { queueIdSchema } from '@/lib/postfix/queue-id';

// The {queueId} segment of the maillog routes ({host} is resolved by withAuth).
// A segment that cannot name a queue id is the same 404 as one that names nothing.

export function queueIdParam(raw: string | string[] | undefined): string {
  const parsed = queueIdSchema.safeParse(typeof raw === 'string' ? raw : '');
  if (!parsed.success) throw notFound('Queue ID');
  return parsed.data;
}
