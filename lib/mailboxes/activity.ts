import 'server-only';
import { canAccessAddress, type Principal } from '@/lib/auth/principal';
import { db } from '@/lib/db';
import { hostQueue } from '@/lib/queue/host-queues';
import { registeredHostNames } from '@/lib/hosts/registered';
import { FLAG_ALIVE, type QueueIndex } from '@/lib/queue/index-store';
import type { MailboxActivity } from './activity-schema';

// For the rows of the mailbox list: how much mail each SASL login has in the
// queue (from every host's last scan, nothing is read from a host here) and
// when it last logged in over SMTP (the watcher's log reading).

function countQueued(ix: QueueIndex, wanted: Set<string>, into: Map<string, number>) {
  const sasl = ix.cols.saslUser;
  const names = new Map<number, string | null>();
  for (let r = 0; r < ix.length; r++) {
    if (!(ix.flags[r]! & FLAG_ALIVE)) continue;
    const id = sasl[r]!;
    if (id < 0) continue;
    let name = names.get(id);
    if (name === undefined) {
      const v = ix.pool.get(id)?.toLowerCase() ?? null;
      name = v && wanted.has(v) ? v : null;
      names.set(id, name);
    }
    if (name) into.set(name, (into.get(name) ?? 0) + 1);
  }
}

export async function mailboxActivity(principal: Principal, usernames: string[]): Promise<Record<string, MailboxActivity>> {
  const wanted = new Set(usernames.filter((u) => canAccessAddress(principal, u)));
  if (wanted.size === 0) return {};
  const queued = new Map<string, number>();
  let scanned = false;
  for (const host of await registeredHostNames()) {
    const ix = hostQueue(host).index;
    if (!ix) continue;
    scanned = true;
    countQueued(ix, wanted, queued);
  }
  const logins = await db().mwWatchLogin.groupBy({ by: ['saslUser'], where: { saslUser: { in: [...wanted] } }, _max: { lastAt: true } });
  const last = new Map(logins.map((l) => [l.saslUser.toLowerCase(), l._max.lastAt?.toISOString() ?? null]));
  return Object.fromEntries([...wanted].map((u) => [u, { queued: scanned ? (queued.get(u) ?? 0) : null, lastLogin: last.get(u) ?? null }]));
}
