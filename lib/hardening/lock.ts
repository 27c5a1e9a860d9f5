import 'server-only';
import { AppError } from '@/lib/api/errors';

// One configuration change per host at a time: two applies racing on
// main.cf would back up and restore each other's half-written state.
// In-process is enough — the console is one Node process; the set lives on
// globalThis so every route bundle sees the same one.

const g = globalThis as typeof globalThis & { __mwHardeningLocks?: Set<string> };
const held = (g.__mwHardeningLocks ??= new Set<string>());

export const isApplying = (host: string) => held.has(host);

export async function withHostLock<T>(host: string, fn: () => Promise<T>): Promise<T> {
  if (held.has(host)) throw new AppError('conflict', `A configuration change on ${host} is already running; wait for it to finish.`);
  held.add(host);
  try {
    return await fn();
  } finally {
    held.delete(host);
  }
}
