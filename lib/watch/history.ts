import 'server-only';
import { Prisma } from '@/lib/generated/mailwarden/client';
import { db } from '@/lib/db';
import type { HourCount, LoginSeen } from './log-window';

// What the watcher remembers between restarts: which IPs each SASL user
// logged in from (30 days, across hosts) and how much each user submits per
// hour (a week, per host) — the user's own baseline.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const LOGIN_MEMORY_DAYS = 30;
export const BASELINE_DAYS = 7;
const CHUNK = 500;

function* chunks<T>(items: T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Stores the logins and returns those from an IP the user was not seen on
 * in 30 days. A user the watcher has never seen has no history to compare
 * with: the first IP is not news.
 */
export async function recordLogins(logins: LoginSeen[], now: number): Promise<{ user: string; ip: string; knownIps: number }[]> {
  if (logins.length === 0) return [];
  const users = [...new Set(logins.map((l) => l.user))];
  const known = new Map<string, Set<string>>();
  for (const part of chunks(users)) {
    const rows = await db().mwWatchLogin.findMany({
      where: { saslUser: { in: part }, lastAt: { gte: new Date(now - LOGIN_MEMORY_DAYS * DAY_MS) } },
      select: { saslUser: true, ip: true },
    });
    for (const r of rows) {
      let set = known.get(r.saslUser);
      if (!set) known.set(r.saslUser, (set = new Set()));
      set.add(r.ip);
    }
  }
  const fresh: { user: string; ip: string; knownIps: number }[] = [];
  for (const l of logins) {
    const ips = known.get(l.user);
    if (ips && ips.size > 0 && !ips.has(l.ip)) fresh.push({ user: l.user, ip: l.ip, knownIps: ips.size });
  }
  for (const part of chunks(logins)) {
    const values = part.map((l) => Prisma.sql`(${l.user.slice(0, 255)}, ${l.ip.slice(0, 64)}, ${new Date(l.first)}, ${new Date(l.last)}, ${l.count})`);
    await db().$executeRaw`INSERT INTO mw_watch_login (sasl_user, ip, first_at, last_at, logins) VALUES ${Prisma.join(values)}
      ON DUPLICATE KEY UPDATE last_at = GREATEST(last_at, VALUES(last_at)), logins = logins + VALUES(logins)`;
  }
  return fresh;
}

export async function recordHourly(host: string, hourly: HourCount[]): Promise<void> {
  for (const part of chunks(hourly.filter((h) => h.messages > 0 || h.recipients > 0))) {
    const values = part.map((h) => Prisma.sql`(${host}, ${h.user.slice(0, 255)}, ${new Date(h.hour)}, ${h.messages}, ${h.recipients})`);
    await db().$executeRaw`INSERT INTO mw_watch_user_hour (host, sasl_user, hour, messages, recipients) VALUES ${Prisma.join(values)}
      ON DUPLICATE KEY UPDATE messages = messages + VALUES(messages), recipients = recipients + VALUES(recipients)`;
  }
}

/**
 * Average messages per hour of each user over the past week (this hour not
 * included), counting hours the watcher was watching, sent or not. Empty
 * until the host has been watched for a day: no baseline beats a wrong one.
 */
export async function baselines(host: string, users: string[], now: number, since: Date | null): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const thisHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  if (!since || users.length === 0) return out;
  const from = Math.max(since.getTime(), thisHour - BASELINE_DAYS * 24 * HOUR_MS);
  const hours = Math.floor((thisHour - from) / HOUR_MS);
  if (hours < 24) return out;
  for (const u of users) out.set(u, 0);
  for (const part of chunks(users)) {
    const rows = await db().mwWatchUserHour.groupBy({
      by: ['saslUser'],
      where: { host, saslUser: { in: part }, hour: { gte: new Date(from), lt: new Date(thisHour) } },
      _sum: { messages: true },
    });
    for (const r of rows) out.set(r.saslUser, (r._sum.messages ?? 0) / hours);
  }
  return out;
}

export async function pruneHistory(now = Date.now()): Promise<void> {
  await db().mwWatchLogin.deleteMany({ where: { lastAt: { lt: new Date(now - (LOGIN_MEMORY_DAYS + 1) * DAY_MS) } } });
  await db().mwWatchUserHour.deleteMany({ where: { hour: { lt: new Date(now - (BASELINE_DAYS + 1) * DAY_MS) } } });
}
