import 'server-only';
import { createHash } from 'node:crypto';
import { AppError } from '@/lib/errors';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { unseal } from '@/lib/secrets/seal';
import { HostError } from './host-error';

// A host's connection settings from mw_host, with the private key unsealed.
// The key stays inside lib/ssh: nothing here is ever returned by an API.

export type HostConfig = {
  name: string;
  address: string;
  port: number;
  username: string;
  useSudo: boolean;
  postfixConfigDir: string | null;
  hostKeySha256: string | null;
  // Changes whenever anything the SSH connection depends on changes.
  version: string;
  privateKey: () => string;
};

export async function loadHostConfig(name: string): Promise<HostConfig> {
  const row = await db().mwHost.findUnique({
    where: { name },
    select: { name: true, address: true, port: true, username: true, useSudo: true, postfixConfigDir: true, hostKeySha256: true, privateKeySealed: true },
  });
  if (!row) throw new AppError('not_found', `Host "${name}" not found.`);
  const sealed = row.privateKeySealed;
  const version = createHash('sha256')
    .update([row.address, row.port, row.username, row.hostKeySha256 ?? '', sealed].join('\0'))
    .digest('base64url');
  return {
    name: row.name,
    address: row.address,
    port: row.port,
    username: row.username,
    useSudo: row.useSudo,
    postfixConfigDir: row.postfixConfigDir,
    hostKeySha256: row.hostKeySha256,
    version,
    privateKey: () => {
      try {
        return unseal(sealed, env().MW_SECRET_KEY);
      } catch {
        throw new HostError(
          'auth_refused',
          `The private key of host "${name}" cannot be unsealed — was MW_SECRET_KEY changed since it was saved? Enter the key again on the Hosts page.`,
        );
      }
    },
  };
}

/** First contact or a changed key: remember what was offered for the admin to accept. */
export async function recordPendingHostKey(name: string, fingerprint: string): Promise<void> {
  await db().mwHost.updateMany({ where: { name }, data: { pendingHostKey: fingerprint } });
}
