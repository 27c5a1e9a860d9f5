import 'server-only';
import { db } from '@/lib/db';
import type { BackupEntry } from './host-io';

// Backups live on the host (mw-config); who made each one, and why, lives in
// the audit log: every apply and rollback records the backup it took.

export const HARDENING_ACTIONS = ['hardening.apply', 'hardening.rollback'] as const;

export type BackupRow = BackupEntry & {
  /** The UTC time encoded in the id. */
  takenAt: string;
  madeBy: { action: string; actor: string; at: string; ok: boolean; fixes: string[]; restored?: string } | null;
};

export function takenAtOf(id: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(id)!;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
}

type AuditLike = { action: string; actor: string; at: Date; ok: boolean; params: unknown; result: unknown };

export function joinHistory(backups: BackupEntry[], audit: AuditLike[]): BackupRow[] {
  const byBackup = new Map<string, AuditLike>();
  // Newest audit rows first: the first row claiming a backup id wins.
  for (const row of audit) {
    const id = (row.result as { backupId?: unknown } | null)?.backupId;
    if (typeof id === 'string' && !byBackup.has(id)) byBackup.set(id, row);
  }
  return backups.map((b) => {
    const row = byBackup.get(b.id);
    const params = (row?.params ?? {}) as { fixes?: unknown; backupId?: unknown };
    return {
      ...b,
      takenAt: takenAtOf(b.id),
      madeBy: row
        ? {
            action: row.action,
            actor: row.actor,
            at: row.at.toISOString(),
            ok: row.ok,
            fixes: Array.isArray(params.fixes) ? params.fixes.map(String) : [],
            ...(typeof params.backupId === 'string' ? { restored: params.backupId } : {}),
          }
        : null,
    };
  });
}

/**
 * An apply backs up first and is recorded when it ends. So when main.cf
 * differs from the newest backup and no successful apply or rollback claims
 * that backup, the change that took it never finished (or its rollback
 * failed): the admin should look, and probably roll back.
 */
export function interruptedApply(rows: BackupRow[], currentMainSha256: string, busy: boolean): { backupId: string } | null {
  const newest = rows[0];
  if (busy || !newest || newest.mainSha256 === currentMainSha256 || newest.madeBy?.ok) return null;
  return { backupId: newest.id };
}

export async function backupHistory(host: string, backups: BackupEntry[]): Promise<BackupRow[]> {
  const audit = await db().mwAudit.findMany({
    where: { host, action: { in: [...HARDENING_ACTIONS] } },
    orderBy: { id: 'desc' },
    take: 500,
    select: { action: true, actor: true, at: true, ok: true, params: true, result: true },
  });
  return joinHistory(backups, audit);
}
