import 'server-only';
import type { AuditInput } from '@/lib/api/with-auth';
import type { Principal } from '@/lib/auth/principal';
import { previewQueueAction, runQueueAction } from '@/lib/queue/actions/service';
import type { ActionPreview, ActionResponse } from '@/lib/queue/actions/types';
import { incidentAudit, loginOf } from './contain';
import type { CleanBody } from './schemas';

// Step 2a: delete the spam that step 1 put on hold — only held mail, only
// the login's (and the chosen IPs'), through the queue-actions module. Mail
// still in the active or deferred queue is never deleted from here.

type Audit = (entry: AuditInput) => Promise<void>;

export type CleanPreview = { user: ActionPreview; ips: { ip: string; preview: ActionPreview }[] };
export type CleanResult = { user: ActionResponse | { error: string }; ips: { ip: string; response: ActionResponse | null; error: string | null }[] };

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

// A login without a mailbox row is cleaned like any other: by its SASL name.
const login = async (principal: Principal, username: string): Promise<string> => (await loginOf(principal, username)).username;

export async function cleanPreview(host: string, principal: Principal, username: string, ips: string[]): Promise<CleanPreview> {
  const user = await login(principal, username);
  const preview = await previewQueueAction(host, { action: 'delete', filter: { saslUser: user, queue: 'hold' }, dryRun: true }, principal);
  const perIp = [];
  for (const ip of ips)
    perIp.push({ ip, preview: await previewQueueAction(host, { action: 'delete', filter: { clientIp: ip, queue: 'hold' }, dryRun: true }, principal) });
  return { user: preview, ips: perIp };
}

export async function cleanRun(host: string, principal: Principal, username: string, body: CleanBody, audit: Audit): Promise<CleanResult> {
  const user = await login(principal, username);
  const a = incidentAudit(audit, user);
  const out: CleanResult = { user: { error: 'not run' }, ips: [] };
  try {
    out.user = (
      await runQueueAction(
        host,
        { action: 'delete', filter: { saslUser: user, queue: 'hold' }, dryRun: false, confirm: user, previewId: body.previewId },
        principal,
        a,
      )
    ).body;
  } catch (err) {
    out.user = { error: message(err) };
  }
  for (const ip of body.ips) {
    if (!('kind' in out.user) || out.user.kind !== 'result') {
      out.ips.push({ ip, response: null, error: 'not started: the deletion of the login’s held mail is not finished' });
      continue;
    }
    try {
      out.ips.push({
        ip,
        response: (await runQueueAction(host, { action: 'delete', filter: { clientIp: ip, queue: 'hold' }, dryRun: false, confirm: ip }, principal, a)).body,
        error: null,
      });
    } catch (err) {
      out.ips.push({ ip, response: null, error: message(err) });
    }
  }
  return out;
}
