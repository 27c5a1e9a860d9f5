import 'server-only';
import { notFound } from '@/lib/errors';
import { canAccessAddress, type Principal } from '@/lib/auth/principal';
import { usernameParam } from '@/lib/mailboxes/route-params';
import { registeredHost, registeredHostNames } from '@/lib/hosts/registered';
import { hostOrAllQuerySchema, hostQuerySchema } from './schemas';

// The {username} segment and ?host= of the incident routes: a registered
// host, and a login inside the principal's domains — one outside them reads
// exactly like one that does not exist.

export async function incidentTarget(req: Request, raw: string | string[] | undefined, principal: Principal): Promise<{ host: string; username: string }> {
  const username = usernameParam(raw);
  if (!canAccessAddress(principal, username)) throw notFound('Mailbox');
  const { host } = hostQuerySchema.parse({ host: new URL(req.url).searchParams.get('host') ?? undefined });
  return { host: await registeredHost(host), username };
}

/** ?host=all (the default) or one registered host. */
export async function hostsOf(req: Request): Promise<{ selected: string; hosts: string[]; all: string[] }> {
  const { host } = hostOrAllQuerySchema.parse({ host: new URL(req.url).searchParams.get('host') ?? undefined });
  const all = await registeredHostNames();
  if (host === 'all') return { selected: 'all', hosts: all, all };
  return { selected: host, hosts: [await registeredHost(host)], all };
}
