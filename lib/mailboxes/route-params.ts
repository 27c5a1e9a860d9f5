import { notFound } from '@/lib/errors';
import { usernameSchema } from './schemas';

// The [username] segment of mailbox routes and pages. Every mailbox address
// has an '@', and encodeURIComponent always turns it into %40: a segment
// without '@' still needs its one decoding, one with '@' has had it (decoding
// twice would corrupt a literal '%' in an address).
export function decodeSegment(raw: string): string {
  if (raw.includes('@')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The username, or null when the segment cannot name a mailbox. */
export function parseUsernameSegment(raw: string | string[] | undefined): string | null {
  const parsed = usernameSchema.safeParse(typeof raw === 'string' ? decodeSegment(raw) : '');
  return parsed.success ? parsed.data : null;
}

// Not address-shaped means it cannot name a mailbox: the same 404 as one that
// does not exist.
export function usernameParam(raw: string | string[] | undefined): string {
  const username = parseUsernameSegment(raw);
  if (username === null) throw notFound('Mailbox');
  return username;
}
