import 'server-only';
import { AppError } from '@/lib/errors';
import { hostLockName, lockHolder, withLock } from '@/lib/locks/named-lock';

// One configuration change per host at a time, across every console
// process: two applies racing on main.cf would back up and restore each
// other's half-written state. A MariaDB named lock, freed by the server
// when the process holding it dies (lib/locks/named-lock.ts).

export const isApplying = async (host: string) => (await lockHolder(hostLockName('config', host))) !== null;

export async function withHostLock<T>(host: string, fn: () => Promise<T>): Promise<T> {
  return withLock(
    hostLockName('config', host),
    () => new AppError('conflict', `A configuration change on ${host} is already running; wait for it to finish.`),
    fn,
  );
}
