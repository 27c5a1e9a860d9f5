import 'server-only';
import { AppError } from '@/lib/errors';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { Prisma } from '@/lib/generated/mailwarden/client';
import { seal } from '@/lib/secrets/seal';
import { dropHostConnection } from '@/lib/ssh/host-exec';
import { generateHostKey } from './enrollment';
import { forgetTest } from './last-test';
import { getHostPublic, type HostPublic } from './list';
import { inspectPrivateKey } from './private-key';
import type { HostCreate, HostPatch } from './schemas';

// Adding, changing and removing mail hosts. Every change drops the pooled SSH
// connection so the next command uses the new settings. The private key is
// checked, sealed and never handed back.

const sealKey = (text: string) => seal(text.trim() + '\n', env().MW_SECRET_KEY);

async function mustGet(name: string): Promise<HostPublic> {
  const host = await getHostPublic(name);
  if (!host) throw new AppError('not_found', `Host "${name}" not found.`);
  return host;
}

export async function createHost(input: HostCreate): Promise<HostPublic> {
  // A pasted key is checked; without one the console makes the pair itself.
  const privateKey = input.privateKey ?? generateHostKey(input.name).privateKey;
  inspectPrivateKey(privateKey);
  try {
    await db().mwHost.create({
      data: {
        name: input.name,
        address: input.address,
        port: input.port,
        username: input.username,
        privateKeySealed: sealKey(privateKey),
        useSudo: input.useSudo,
        postfixConfigDir: input.postfixConfigDir,
        maillogPaths: input.maillogPaths,
        probeSourceIp: input.probeSourceIp,
        keyFrom: input.keyFrom,
      },
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      throw new AppError('conflict', `A host named "${input.name}" already exists.`);
    }
    throw err;
  }
  return mustGet(input.name);
}

export async function updateHost(name: string, patch: HostPatch): Promise<{ host: HostPublic; changed: string[] }> {
  await mustGet(name);
  const { privateKey, forgetHostKey, ...fields } = patch;
  if (privateKey !== undefined) inspectPrivateKey(privateKey);
  const data: Prisma.MwHostUpdateInput = { ...fields };
  if (privateKey !== undefined) data.privateKeySealed = sealKey(privateKey);
  if (forgetHostKey) {
    data.hostKeySha256 = null;
    data.pendingHostKey = null;
  }
  await db().mwHost.update({ where: { name }, data });
  dropHostConnection(name);
  forgetTest(name);
  return { host: await mustGet(name), changed: Object.keys(patch) };
}

export async function deleteHost(name: string): Promise<void> {
  const { count } = await db().mwHost.deleteMany({ where: { name } });
  if (count === 0) throw new AppError('not_found', `Host "${name}" not found.`);
  dropHostConnection(name);
  forgetTest(name);
}

/**
 * Pins the key the host offered, if it is the one the admin compared. A
 * stale page (the host offered yet another key since) gets a conflict.
 */
export async function acceptHostKey(name: string, fingerprint: string): Promise<{ host: HostPublic; previous: string | null }> {
  const host = await mustGet(name);
  if (!host.pendingHostKey) throw new AppError('conflict', `Host "${name}" has no key waiting for acceptance; test the connection first.`);
  if (host.pendingHostKey !== fingerprint) {
    throw new AppError('conflict', `Host "${name}" now offers ${host.pendingHostKey}, not ${fingerprint}. Compare again before accepting.`);
  }
  // Conditional on the row still holding that pending key: two admins cannot
  // race a different key in.
  const { count } = await db().mwHost.updateMany({
    where: { name, pendingHostKey: fingerprint },
    data: { hostKeySha256: fingerprint, pendingHostKey: null },
  });
  if (count === 0) throw new AppError('conflict', 'The pending key changed meanwhile; reload and compare again.');
  dropHostConnection(name);
  forgetTest(name);
  return { host: await mustGet(name), previous: host.hostKeySha256 };
}
