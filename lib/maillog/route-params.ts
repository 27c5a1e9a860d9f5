import { notFound } from '@/lib/errors';
import { queueIdSchema } from '@/lib/postfix/queue-id';

// Path segments of the maillog routes. A segment that cannot name a host or a
// queue id is the same 404 as one that names nothing.

const HOST_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function hostParam(raw: string | string[] | undefined): string {
  let s = typeof raw === 'string' ? raw : '';
  try {
    s = decodeURIComponent(s);
  } catch {
    // keep as is; the pattern below decides
  }
  if (!HOST_RE.test(s)) throw notFound('Host');
  return s;
}

export function queueIdParam(raw: string | string[] | undefined): string {
  const parsed = queueIdSchema.safeParse(typeof raw === 'string' ? raw : '');
  if (!parsed.success) throw notFound('Queue ID');
  return parsed.data;
}
