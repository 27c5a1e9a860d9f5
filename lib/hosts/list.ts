import 'server-only';
import { db } from '@/lib/db';

// What the browser may know about a host: never the private key.
export async function listHostsPublic() {
  const rows = await db().mwHost.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, name: true, address: true, port: true, username: true, useSudo: true, hostKeySha256: true, maillogPaths: true, postfixConfigDir: true },
  });
  return rows;
}
export type HostPublic = Awaited<ReturnType<typeof listHostsPublic>>[number];
