import { AppError } from '@/lib/errors';
import { hostNameSchema } from './schemas';

/** A {host} path segment: a name that cannot exist is simply not found (one host-name schema for every route). */
export function hostParam(value: string | string[] | undefined): string {
  const parsed = hostNameSchema.safeParse(value);
  if (!parsed.success) throw new AppError('not_found', 'Host not found.');
  return parsed.data;
}
