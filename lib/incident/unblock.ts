import 'server-only';
import type { AuditInput } from '@/lib/api/with-auth';
import { domainOf } from '@/lib/auth/principal';
import { db } from '@/lib/db';
import type { MapBlockLift } from '@/lib/mailboxes/schemas';
import { enforceBlock } from './enforcement';
import { recordStep } from './records';

// Unblocking a mailbox on the Mailboxes page clears extman's disablesmtpd.
// A login Contain blocked is also in Mailwarden's access map on its host, and
// Postfix keeps refusing it until that block goes too: an administrator's
// unblock lifts both, host by host, through the same safe path as the
// incident's own "lift block" (and is recorded in the incident).

/** The hosts whose Mailwarden access map blocks this login. */
export async function mapBlocksOf(login: string): Promise<string[]> {
  const rows = await db().mwSaslBlock.findMany({ where: { username: login.toLowerCase() }, select: { host: true }, orderBy: { host: 'asc' } });
  return rows.map((r) => r.host);
}

export async function liftMapBlocks(login: string, actor: string, audit: (entry: AuditInput) => Promise<void>): Promise<MapBlockLift[]> {
  const out: MapBlockLift[] = [];
  for (const host of await mapBlocksOf(login)) {
    const r = await enforceBlock(host, { block: false, login, actor });
    await audit({
      action: 'incident.unblock',
      target: login,
      host,
      domains: [domainOf(login)],
      params: { incident: login, from: 'mailbox.sending.unblock' },
      result: { backupId: r.backupId, steps: r.steps, rolledBack: r.rolledBack },
      ok: r.ok,
      error: r.error,
    });
    await recordStep(host, login, actor, {
      step: 'unblock',
      ok: r.ok,
      summary: r.ok ? 'block lifted from Mailwarden’s access map (Mailboxes page)' : (r.error ?? 'failed'),
    }).catch(() => undefined);
    out.push({ host, ok: r.ok, error: r.error });
  }
  return out;
}
