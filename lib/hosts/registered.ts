import 'server-only';
import { AppError } from '@/lib/errors';
import { db } from '@/lib/db';
import { hostParam } from './route-params';

// A {host} (or ?host=) that names a registered mail host, or a 404: one that
// cannot be a name and one that names nothing look alike.

export async function registeredHost(value: string | string[] | undefined): Promise<string> {
  const name = hostParam(value);
  const row = await db().mwHost.findUnique({ where: { name }, select: { name: true } });
  if (!row) throw new AppError('not_found', 'Host not found.');
  return row.name;
}

export async function registeredHostNames(): Promise<string[]> {
  const rows = await db().mwHost.findMany({ orderBy: { name: 'asc' }, select: { name: true } });
  return rows.map((r) => r.name);
}
