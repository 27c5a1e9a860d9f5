import { AppError } from '@/lib/errors';
import { HOST_NAME_RE } from './schemas';

/** A {host} path segment: a name that cannot exist is simply not found. */
export function hostParam(value: string | string[] | undefined): string {
  if (typeof value !== 'string' || !HOST_NAME_RE.test(value)) throw new AppError('not_found', 'Host not found.');
  return value;
}

export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
