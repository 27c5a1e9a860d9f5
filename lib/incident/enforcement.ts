import 'server-only';
import { db } from '@/lib/db';
import type { Step } from '@/lib/hardening/apply-types';
import { restoreAndReload } from '@/lib/hardening/apply';
import { backup, postconfEffective, postconfN, postconfSet, postfixCommand, writeMap } from '@/lib/hardening/host-io';
import { withHostLock } from '@/lib/hardening/lock';
import { execOnHost } from '@/lib/ssh/host-exec';
import { postfixTools } from '@/lib/ssh/postfix-tools';
import { blockMapTable, hookedSenderRestrictions, lookupRefuses, renderBlockMap } from './block-map';

// Blocking a SASL login so Postfix refuses it at once, whether or not extman
// has a mailbox row for it: the login goes into mw_sasl_block, the host's
// mailwarden_sasl_block.cf is rewritten from those rows, and — once, where it
// is missing — check_sasl_access on it goes first in smtpd_sender_restrictions.
// The hardening safe path throughout: the host's config lock, a backup,
// postfix check, reload, Postfix's own lookup of the login, and the backup
// put back (and the row change undone) when any of it fails.

export type EnforceOutcome = {
  ok: boolean;
  /** check_sasl_access on our map was added to main.cf by this call. */
  installed: boolean;
  /** Postfix's own lookup (postmap -q on the map smtpd reads) refuses the login. */
  lookupRefuses: boolean | null;
  backupId: string | null;
  steps: Step[];
  rolledBack: boolean;
  error: string | null;
};

// Idle smtpd processes from before the reload take a moment to go.
const SETTLE_MS = 1500;

export async function blockedOn(host: string): Promise<string[]> {
  return (await db().mwSaslBlock.findMany({ where: { host }, select: { username: true }, orderBy: { username: 'asc' } })).map((r) => r.username);
}

export async function isBlockedOn(host: string, login: string): Promise<boolean> {
  return (await db().mwSaslBlock.findUnique({ where: { host_username: { host, username: login.toLowerCase() } }, select: { host: true } })) !== null;
}

export async function lookupLogin(host: string, table: string, login: string): Promise<boolean> {
  const out = await execOnHost(host, postfixTools.lookup(table), { stdin: `${login.toLowerCase()}\n`, timeoutMs: 20_000 });
  // postmap exits 1 when the key is not found; only a failure to run says nothing.
  if (out.exitCode === null || out.exitCode > 1)
    throw new Error(`postmap -q ${table} failed: ${out.stderr.trim().split('\n')[0] ?? `exit code ${out.exitCode}`}`);
  return lookupRefuses(out.stdout, login);
}

type Change = { block: boolean; login: string; actor: string; incidentId?: bigint | null };

/** Adds (block) or removes one login and makes the host enforce the new list. */
export async function enforceBlock(host: string, change: Change): Promise<EnforceOutcome> {
  const login = change.login.toLowerCase();
  return withHostLock(host, async () => {
    const out: EnforceOutcome = { ok: false, installed: false, lookupRefuses: null, backupId: null, steps: [], rolledBack: false, error: null };
    const step = (s: Step) => {
      out.steps.push(s);
      if (!s.ok) out.error ??= `${s.step}${s.target ? ` ${s.target}` : ''}: ${s.detail ?? 'failed'}`;
      return s.ok;
    };
    const where = { host_username: { host, username: login } };
    const before = await db().mwSaslBlock.findUnique({ where });
    if (change.block) {
      await db().mwSaslBlock.upsert({
        where,
        create: { host, username: login, blockedBy: change.actor, blockedAt: new Date(), incidentId: change.incidentId ?? null },
        update: {},
      });
    } else if (before) {
      await db().mwSaslBlock.delete({ where });
    }
    const undoRow = async () => {
      if (change.block && !before)
        await db()
          .mwSaslBlock.delete({ where })
          .catch(() => undefined);
      if (!change.block && before)
        await db()
          .mwSaslBlock.create({ data: before })
          .catch(() => undefined);
    };
    try {
      out.backupId = await backup(host);
      step({ step: 'backup', ok: true, target: out.backupId });
    } catch (err) {
      await undoRow();
      step({ step: 'backup', ok: false, detail: (err as Error).message });
      return out;
    }
    let applied = false;
    try {
      applied = await writeAndReload(host, login, change.block, out, step);
    } catch (err) {
      step({ step: 'host', ok: false, detail: (err as Error).message });
    }
    if (applied) {
      out.ok = true;
      return out;
    }
    await undoRow();
    out.rolledBack = await restoreAndReload(host, out.backupId, step);
    return out;
  });
}

async function writeAndReload(host: string, login: string, block: boolean, out: EnforceOutcome, step: (s: Step) => boolean): Promise<boolean> {
  const n = await postconfN(host);
  const dir = ((await postconfEffective(host, ['config_directory'])).get('config_directory') ?? '/etc/postfix').replace(/\/+$/, '');
  const table = blockMapTable(dir);
  const content = renderBlockMap(await blockedOn(host));
  try {
    await writeMap(host, table.slice(table.lastIndexOf('/') + 1), content);
    step({ step: 'write-map', ok: true, target: table });
  } catch (err) {
    return step({ step: 'write-map', ok: false, target: table, detail: (err as Error).message });
  }
  // Lifting a block never changes main.cf: the map just has one login fewer.
  const hooked = block ? hookedSenderRestrictions(n.get('smtpd_sender_restrictions') ?? '', table) : null;
  if (hooked !== null) {
    try {
      await postconfSet(host, [['smtpd_sender_restrictions', hooked]]);
      out.installed = true;
      step({ step: 'postconf', ok: true, target: 'smtpd_sender_restrictions' });
    } catch (err) {
      return step({ step: 'postconf', ok: false, target: 'smtpd_sender_restrictions', detail: (err as Error).message });
    }
  }
  for (const verb of ['check', 'reload'] as const) {
    const r = await postfixCommand(host, verb);
    if (!step({ step: verb, ok: r.ok, detail: r.output || undefined })) return false;
  }
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  // The table smtpd now reads, looked up by Postfix's own code: a table it cannot open fails here, not on the next customer.
  out.lookupRefuses = await lookupLogin(host, table, login);
  return step({
    step: 'probe',
    ok: out.lookupRefuses === block,
    target: 'lookup',
    detail: out.lookupRefuses === block ? undefined : `postmap -q ${login} ${table} ${out.lookupRefuses ? 'still refuses' : 'does not refuse'} the login`,
  });
}

/** Whether main.cf already consults our map first (then a block needs no main.cf change). */
export async function enforcementInstalled(host: string): Promise<boolean> {
  const n = await postconfN(host);
  const dir = ((await postconfEffective(host, ['config_directory'])).get('config_directory') ?? '/etc/postfix').replace(/\/+$/, '');
  return hookedSenderRestrictions(n.get('smtpd_sender_restrictions') ?? '', blockMapTable(dir)) === null;
}
