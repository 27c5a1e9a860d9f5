import 'server-only';
import { AppError } from '@/lib/errors';
import type { Principal } from '@/lib/auth/principal';
import { db } from '@/lib/db';
import type { QueueIndex } from '@/lib/queue/index-store';
import type { QueueFilter } from '@/lib/queue/schemas';
import { loadActionIds } from './id-store';
import { tokenSchema } from './schemas';

// The audit side of queue actions: what a hold held (so it can be released
// later from its audit entry), and how an action is labelled there.

const NOT_FOUND = 'No hold on this host with that audit entry.';

/** The ids a queue.hold audit entry held, for "release what that hold held". */
export async function idsFromAudit(host: string, auditId: bigint, principal: Principal): Promise<string[]> {
  const row = await db().mwAudit.findUnique({ where: { id: auditId }, select: { action: true, host: true, result: true, domains: true } });
  if (!row || row.action !== 'queue.hold' || row.host !== host) throw new AppError('not_found', NOT_FOUND);
  if (principal.role !== 'admin') {
    const domains = Array.isArray(row.domains) ? (row.domains as unknown[]).filter((d): d is string => typeof d === 'string') : [];
    if (!domains.some((d) => principal.domains.includes(d))) throw new AppError('not_found', NOT_FOUND);
  }
  const actionId = tokenSchema.safeParse((row.result as { actionId?: unknown } | null)?.actionId);
  if (!actionId.success) throw new AppError('not_found', NOT_FOUND);
  const ids = await loadActionIds(actionId.data, 'acted');
  if (!ids) throw new AppError('not_found', 'The id list of that hold is not stored.');
  if (ids.length === 0) throw new AppError('conflict', 'That hold held no messages.');
  return ids;
}

/** Domains an action concerned, so postmasters find their entries: the logins' domains (at most 20). */
export function auditDomains(ix: QueueIndex | null, rows: readonly number[], principal: Principal): string[] {
  if (principal.role !== 'admin') return principal.domains;
  if (!ix) return [];
  const seen = new Set<number>();
  const out: string[] = [];
  for (const r of rows) {
    const d = ix.cols.saslDomain[r]!;
    if (d < 0 || seen.has(d)) continue;
    seen.add(d);
    out.push(ix.pool.get(d) ?? '');
    if (out.length >= 20) break;
  }
  return out.filter(Boolean);
}

export function targetLabel(filter: QueueFilter | undefined, ids: readonly string[] | undefined, fromAudit: unknown): string {
  if (fromAudit !== undefined) return `held by audit #${String(fromAudit)}`;
  if (ids) return `${ids.length} selected message${ids.length === 1 ? '' : 's'}`;
  const parts = Object.entries(filter ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`);
  return parts.length ? parts.join(' ') : 'all messages';
}
