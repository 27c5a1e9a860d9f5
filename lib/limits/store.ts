import 'server-only';
import { db } from '@/lib/db';
import { EMPTY_POLICY, limitPolicySchema, type LimitPolicy } from './schemas';

// The policy last applied to each host, in the console's own database, so
// the page shows what the mail host enforces and the next change starts there.

export type StoredLimits = { policy: LimitPolicy; applied: boolean; backupId: string | null; updatedBy: string | null; updatedAt: Date | null };

export async function loadLimits(host: string): Promise<StoredLimits> {
  const row = await db().mwSendingLimits.findUnique({ where: { host } });
  if (!row) return { policy: EMPTY_POLICY, applied: false, backupId: null, updatedBy: null, updatedAt: null };
  const parsed = limitPolicySchema.safeParse(JSON.parse(row.policy));
  return {
    policy: parsed.success ? parsed.data : EMPTY_POLICY,
    applied: row.applied,
    backupId: row.backupId,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

export async function saveLimits(host: string, v: { policy: LimitPolicy; applied: boolean; backupId: string | null; actor: string }): Promise<void> {
  const data = { policy: JSON.stringify(v.policy), applied: v.applied, backupId: v.backupId, updatedBy: v.actor, updatedAt: new Date() };
  await db().mwSendingLimits.upsert({ where: { host }, create: { host, ...data }, update: data });
}
