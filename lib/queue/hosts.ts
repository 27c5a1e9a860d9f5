import 'server-only';
import { AppError } from '@/lib/errors';
import { db } from '@/lib/db';

// The {host} of a queue route: a registered mail host, or a 404.

const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export async function queueHost(value: string | string[] | undefined): Promise<string> {
  if (typeof value !== 'string' || !HOST_NAME.test(value)) throw new AppError('not_found', 'Host not found.');
  const row = await db().mwHost.findUnique({ where: { name: value }, select: { name: true } });
  if (!row) throw new AppError('not_found', 'Host not found.');
  return row.name;
}

export async function queueHostNames(): Promise<string[]> {
  const rows = await db().mwHost.findMany({ orderBy: { name: 'asc' }, select: { name: true } });
  return rows.map((r) => r.name);
}
