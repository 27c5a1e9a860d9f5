import 'server-only';
import { isNotFound, notFound } from '@/lib/errors';
import type { AuditInput } from '@/lib/api/with-auth';
import { canAccessAddress, domainOf, isAdmin, type Principal } from '@/lib/auth/principal';
import { blockSending, getMailbox, resetPassword } from '@/lib/mailboxes/verbs';
import { postconfEffective } from '@/lib/hardening/host-io';
import { runProbesOnHost } from '@/lib/probes/run-probes';
import type { EnforcementReport } from '@/lib/mailboxes/schemas';
import { checkSendingEnforcement } from '@/lib/mailboxes/sending-enforcement';
import { previewQueueAction, runQueueAction } from '@/lib/queue/actions/service';
import type { ActionPreview, ActionResponse } from '@/lib/queue/actions/types';
import { hostQueue, snapshot } from '@/lib/queue/host-queues';
import { startScan } from '@/lib/queue/scan';
import type { ScanState } from '@/lib/queue/types';
import { otherUsersOnIps, queueEvidence } from './queue-evidence';
import { enforceBlock, enforcementInstalled, isBlockedOn, type EnforceOutcome } from './enforcement';
import { blockVerdict, forHost, type BlockVerdict } from './host-verdict';
import { recordStep } from './records';
import type { ContainBody, ContainStep } from './schemas';

// Step 1: contain. Block the SASL login in Mailwarden's own access map, which
// Postfix enforces at once (installed through the hardening safe path where
// it is missing; extman's disablesmtpd is set too when a mailbox row exists),
// a generated password (returned once, never stored or audited), the login's
// queued mail on hold, and a live SMTP AUTH with the new password that must be
// refused — each audited with the incident named and kept in its record.

type Audit = (entry: AuditInput) => Promise<void>;

export type IpChoice = { ip: string; messages: number; others: number };

export type ContainPreview = {
  blocked: boolean;
  /** extman has a mailbox row for the login (a password to reset, disablesmtpd to set). */
  mailbox: boolean;
  /** This principal may change the host (admins); a postmaster is told who must. */
  canEnforce: boolean;
  /** main.cf already consults Mailwarden's block map first: a block changes no main.cf. */
  installed: boolean | null;
  enforcement: EnforcementReport;
  scan: ScanState;
  /** The queue-actions preview of holding the login's mail; null until the queue is indexed. */
  hold: ActionPreview | null;
  ips: IpChoice[];
};

/** Postfix refusing the login, as proved: live (SMTP AUTH + MAIL FROM from outside mynetworks) or by its own lookup. */
export type BlockProof = { live: boolean; refused: boolean; note: string | null; reply: string | null; source: string | null };

export type ContainResult = {
  block?:
    | {
        ok: true;
        blocked: true;
        wasBlocked: boolean | null;
        enforcement: EnforcementReport;
        postfix: EnforceOutcome | null;
        /** This host's own answer: refused, still sends, or unknown (it did not answer). */
        verdict: BlockVerdict;
        /** A postmaster's block that Postfix on this host is known not to enforce: an administrator must act. */
        adminMustAct: boolean;
      }
    | { ok: false; error: string; postfix?: EnforceOutcome | null };
  reset?: { ok: true; password: string; clearpwdErased: boolean } | { ok: false; error: string; noMailbox?: boolean };
  proof?: BlockProof;
  incidentId?: string;
  hold?: { ok: true; user: ActionResponse; ips: { ip: string; response: ActionResponse | null; error: string | null }[] } | { ok: false; error: string };
};

/** The audit function of the request, with the incident named in every entry it writes. */
export function incidentAudit(audit: Audit, username: string): Audit {
  return (e) => audit({ ...e, params: { ...(e.params && typeof e.params === 'object' ? e.params : {}), incident: username } });
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The login as extman knows it, or as given when no mailbox row exists (a login from another auth source). */
export async function loginOf(principal: Principal, username: string) {
  if (!canAccessAddress(principal, username)) throw notFound('Mailbox');
  const box = await getMailbox(principal, username);
  return { box, username: box?.username ?? username.toLowerCase(), domain: box?.domain ?? domainOf(username).toLowerCase() };
}

export async function containPreview(host: string, principal: Principal, username: string): Promise<ContainPreview> {
  const { box, username: login } = await loginOf(principal, username);
  const hq = hostQueue(host);
  // A queue never read cannot be held from: start reading it (read-only) and say so.
  if (!hq.index && !hq.running) startScan(host, { mode: 'full' });
  const [enforcement, hold] = await Promise.all([
    checkSendingEnforcement(login).then((r) => forHost(r, host)),
    hq.index ? previewQueueAction(host, { action: 'hold', filter: { saslUser: login }, dryRun: true }, principal) : Promise.resolve(null),
  ]);
  let ips: IpChoice[] = [];
  if (hq.index) {
    const mine = queueEvidence(hq.index, principal).users.get(login.toLowerCase());
    const list = mine?.ips ?? [];
    const others = otherUsersOnIps(
      hq.index,
      login,
      list.map((i) => i.ip),
    );
    ips = list.map((i) => ({ ip: i.ip, messages: i.messages, others: others.get(i.ip) ?? 0 }));
  }
  const [ours, installed] = await Promise.all([isBlockedOn(host, login), enforcementInstalled(host).catch(() => null)]);
  const blocked = ours || box?.flags.disablesmtpd === true;
  return { blocked, mailbox: !!box, canEnforce: isAdmin(principal), installed, enforcement, scan: snapshot(hq), hold, ips };
}

async function block(host: string, principal: Principal, username: string, hasMailbox: boolean, audit: Audit): Promise<NonNullable<ContainResult['block']>> {
  let postfix: EnforceOutcome | null = null;
  try {
    // Postfix first: the access map stops the next MAIL FROM; extman's flag follows for its own screens.
    if (isAdmin(principal)) {
      postfix = await enforceBlock(host, { block: true, login: username, actor: principal.username });
      await audit({
        action: 'incident.block',
        target: username,
        domains: [domainOf(username)],
        params: { blocked: true },
        result: {
          installed: postfix.installed,
          lookupRefuses: postfix.lookupRefuses,
          backupId: postfix.backupId,
          steps: postfix.steps,
          rolledBack: postfix.rolledBack,
        },
        ok: postfix.ok,
        error: postfix.error,
      });
      if (!postfix.ok) return { ok: false, error: postfix.error ?? 'the block could not be applied', postfix };
    }
    // The report's timeline says whether Postfix enforces the block: Mailwarden's own map lookup where it
    // installed one, otherwise what extman's flag is worth on this host.
    const enforcement = forHost(await checkSendingEnforcement(username), host);
    const enforced = postfix ? (postfix.lookupRefuses ?? 'unknown') : enforcement.enforced;
    let wasBlocked: boolean | null = null;
    if (hasMailbox) {
      const out = await blockSending(principal, username, true);
      wasBlocked = out.wasBlocked;
      await audit({
        action: 'mailbox.sending.block',
        target: out.username,
        domains: [out.domain],
        params: { blocked: true },
        result: { wasBlocked: out.wasBlocked, enforced },
        ok: true,
      });
    } else if (postfix) {
      // The report and the progress read this entry: the login is blocked, by name, with no mailbox row.
      await audit({
        action: 'mailbox.sending.block',
        target: username,
        domains: [domainOf(username)],
        params: { blocked: true, mailbox: false },
        result: { via: 'mailwarden_sasl_block', enforced },
        ok: true,
      });
    }
    // A host that did not answer is unknown, not "Postfix does not refuse it".
    const verdict = blockVerdict(enforcement, postfix?.lookupRefuses ?? null);
    return { ok: true, blocked: true, wasBlocked, enforcement, postfix, verdict, adminMustAct: !isAdmin(principal) && verdict === 'sends' };
  } catch (err) {
    if (isNotFound(err)) throw err;
    await audit({
      action: 'mailbox.sending.block',
      target: username,
      domains: [domainOf(username)],
      params: { blocked: true },
      ok: false,
      error: message(err),
    }).catch(() => undefined);
    return { ok: false, error: message(err), postfix };
  }
}

/** A live SMTP AUTH with the new password and MAIL FROM as the login, from the host's probe source: it must be refused. */
export async function liveBlockProof(host: string, username: string, password: string): Promise<BlockProof> {
  const mynetworks = (await postconfEffective(host, ['mynetworks']).catch(() => new Map<string, string>())).get('mynetworks');
  const run = await runProbesOnHost(host, ['blocked-login'], { username, password }, { mynetworks });
  const r = run.results[0]!;
  const inside = run.warnings.find((w: { code: string }) => w.code === 'source-in-mynetworks' || w.code === 'no-source');
  // The refusal, not the 221 that closes the session.
  const server = r.transcript.filter((l) => l.dir === 'S');
  const reply = ([...server].reverse().find((l) => /^[45]\d\d/.test(l.line)) ?? server.at(-1))?.line ?? null;
  // From inside mynetworks a refusal still proves the map; an acceptance proves nothing about strangers.
  return {
    live: true,
    refused: r.passed,
    note: r.note ?? (inside ? `probe source ${run.source ?? '(none)'} may be inside mynetworks` : null),
    reply,
    source: run.source,
  };
}

async function reset(principal: Principal, username: string, audit: Audit): Promise<NonNullable<ContainResult['reset']>> {
  try {
    const out = await resetPassword(principal, username, { generate: true });
    // The password itself never enters the audit log.
    await audit({
      action: 'mailbox.password.reset',
      target: out.username,
      domains: [out.domain],
      params: { generated: true, scheme: out.scheme },
      result: { clearpwdErased: out.clearpwdErased },
      ok: true,
    });
    return { ok: true, password: out.password ?? '', clearpwdErased: out.clearpwdErased };
  } catch (err) {
    if (isNotFound(err)) throw err;
    await audit({
      action: 'mailbox.password.reset',
      target: username,
      domains: [domainOf(username)],
      params: { generated: true },
      ok: false,
      error: message(err),
    }).catch(() => undefined);
    return { ok: false, error: message(err) };
  }
}

/**
 * The login's own mail by its filter (confirmed by naming the login, as the
 * queue-actions rule asks), then each chosen IP's remaining mail. A long
 * hold comes back as a job to poll; the IPs then wait for a second call.
 */
async function hold(
  host: string,
  principal: Principal,
  username: string,
  body: Pick<ContainBody, 'ips' | 'previewId'>,
  audit: Audit,
): Promise<NonNullable<ContainResult['hold']>> {
  try {
    const user = await runQueueAction(
      host,
      { action: 'hold', filter: { saslUser: username }, dryRun: false, confirm: username, previewId: body.previewId },
      principal,
      audit,
    );
    const ips: { ip: string; response: ActionResponse | null; error: string | null }[] = [];
    for (const ip of body.ips) {
      if (user.body.kind !== 'result') {
        ips.push({ ip, response: null, error: 'not started: the hold of the login’s own mail is still running' });
        continue;
      }
      try {
        const r = await runQueueAction(host, { action: 'hold', filter: { clientIp: ip }, dryRun: false, confirm: ip }, principal, audit);
        ips.push({ ip, response: r.body, error: null });
      } catch (err) {
        ips.push({ ip, response: null, error: message(err) });
      }
    }
    return { ok: true, user: user.body, ips };
  } catch (err) {
    return { ok: false, error: message(err) };
  }
}

export async function containRun(host: string, principal: Principal, username: string, body: ContainBody, audit: Audit): Promise<ContainResult> {
  const { box, username: login } = await loginOf(principal, username);
  const named = incidentAudit(audit, login);
  const a: Audit = (e) => named({ host, ...e });
  const want = (s: ContainStep) => body.steps.includes(s);
  const out: ContainResult = {};
  // Block first: Postfix refuses the next MAIL FROM at once; the reset stops the thief's next login.
  if (want('block')) out.block = await block(host, principal, login, !!box, a);
  if (want('reset'))
    out.reset = box
      ? await reset(principal, login, a)
      : { ok: false, noMailbox: true, error: 'no mailbox row: this login’s password lives in another auth source, so it cannot be reset here' };
  if (want('hold')) out.hold = await hold(host, principal, login, body, a);
  if (out.block?.ok && out.reset?.ok) {
    out.proof = await liveBlockProof(host, login, out.reset.password).catch((err) => ({
      live: true,
      refused: false,
      note: message(err),
      reply: null,
      source: null,
    }));
  } else if (out.block?.ok && out.block.postfix?.lookupRefuses) {
    out.proof = {
      live: false,
      refused: true,
      note: 'Postfix’s own lookup refuses the login; a live test needs a password it works with (step 4)',
      reply: null,
      source: null,
    };
  }
  const record = await recordContain(host, principal.username, login, out).catch(() => null);
  if (record) out.incidentId = record;
  return out;
}

async function recordContain(host: string, actor: string, login: string, out: ContainResult): Promise<string | null> {
  let id: string | null = null;
  const add = async (step: string, ok: boolean | null, summary: string) => {
    id = (await recordStep(host, login, actor, { step, ok, summary })).id;
  };
  if (out.block)
    await add(
      'block',
      out.block.ok,
      out.block.ok
        ? out.block.postfix
          ? `blocked in Mailwarden's access map${out.block.postfix.installed ? ' (check_sasl_access installed, backup ' + out.block.postfix.backupId + ')' : ''}`
          : 'disablesmtpd set; an administrator must block it in Postfix'
        : out.block.error,
    );
  if (out.reset) await add('reset', out.reset.ok, out.reset.ok ? 'password reset (generated, shown once)' : out.reset.error);
  if (out.hold)
    await add(
      'hold',
      out.hold.ok,
      out.hold.ok
        ? out.hold.user.kind === 'result'
          ? `${out.hold.user.result.acted} messages put on hold`
          : out.hold.user.kind === 'job'
            ? `hold job ${out.hold.user.job.id} started`
            : 'hold previewed'
        : out.hold.error,
    );
  if (out.proof)
    await add(
      'proof',
      out.proof.refused,
      out.proof.live
        ? `live SMTP AUTH from ${out.proof.source ?? '?'}: ${out.proof.refused ? 'refused' : 'NOT refused'}${out.proof.reply ? ` (${out.proof.reply})` : ''}`
        : (out.proof.note ?? ''),
    );
  return id;
}
