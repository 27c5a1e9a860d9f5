import 'server-only';
import type { Principal } from '@/lib/auth/principal';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/mailwarden/client';
import type { AuditQuery } from './query-schema';

// Reading the audit log. A postmaster sees his own entries and those that
// concern one of his domains; an admin sees everything.

export async function listAudit(principal: Principal, q: AuditQuery, opts: { all?: boolean } = {}) {
  const where: Prisma.MwAuditWhereInput = {
    ...(q.actor ? { actor: { contains: q.actor } } : {}),
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.host ? { host: q.host } : {}),
    ...(q.target ? { target: { contains: q.target } } : {}),
    ...(q.ok ? { ok: q.ok === 'true' } : {}),
    ...(q.from || q.to ? { at: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lte: new Date(q.to) } : {}) } } : {}),
  };
  const scoped: Prisma.MwAuditWhereInput =
    principal.role === 'admin'
      ? where
      : {
          AND: [where, { OR: [{ actor: principal.username }, ...principal.domains.map((d) => ({ domains: { array_contains: d } }))] }],
        };
  const [total, rows] = await Promise.all([
    db().mwAudit.count({ where: scoped }),
    db().mwAudit.findMany({
      where: scoped,
      orderBy: { id: 'desc' },
      skip: opts.all ? 0 : (q.page - 1) * q.pageSize,
      take: opts.all ? 100_000 : q.pageSize,
    }),
  ]);
  return { total, rows: rows.map((r) => ({ ...r, id: r.id.toString(), at: r.at.toISOString(), tokenId: r.tokenId?.toString() ?? null })) };
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>['rows'][number];

const CSV_COLUMNS = ['id', 'at', 'actor', 'role', 'action', 'target', 'host', 'ok', 'error', 'clientIp', 'tokenId', 'params', 'preview', 'result'] as const;

export function toCsv(rows: AuditRow[]): string {
  const cell = (v: unknown) => {
    const s = v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    // Quote always; double quotes inside; neutralise spreadsheet formulas.
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  return [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
