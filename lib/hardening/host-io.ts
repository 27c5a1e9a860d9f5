import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { parsePostconf } from '@/lib/postfix/postconf';
import { MW_CONFIG } from '@/lib/ssh/command';
import { execOnHost, HostError, type ExecResult, type HostCommand } from '@/lib/ssh/host-exec';
import { postfixTools } from '@/lib/ssh/postfix-tools';
import { parseMapFile } from './map-file';
import { smtpdServices } from './services';

// Everything the hardening feature does on a mail host, as named verbs over
// the SSH layer: Postfix's tools through mw-postfix, and mw-config
// (scripts/host/mw-config) for the files only root may touch. Arguments are fixed here or validated
// against strict patterns; file contents travel on stdin only.

export const BACKUP_ID = /^\d{8}T\d{6}Z(?:-\d{1,3})?$/;
const MAP_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\.cf$/;
const OUR_MAP = /^mailwarden_[a-z_]+\.cf$/;

export type HostFacts = { name: string; address: string; probeSourceIp: string | null; postfixConfigDir: string | null };

export async function hostFacts(name: string): Promise<HostFacts> {
  const row = await db().mwHost.findUnique({ where: { name }, select: { name: true, address: true, probeSourceIp: true, postfixConfigDir: true } });
  if (!row) throw new AppError('not_found', `Host "${name}" not found.`);
  return row;
}

function firstLine(text: string) {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? ''
  );
}

async function run(host: string, cmd: HostCommand, opts: { stdin?: string; timeoutMs?: number } = {}): Promise<ExecResult> {
  return execOnHost(host, cmd, { timeoutMs: opts.timeoutMs ?? 30_000, stdin: opts.stdin, maxOutputBytes: 4 * 1024 * 1024 });
}

async function mustSucceed(host: string, cmd: HostCommand, opts: { stdin?: string; timeoutMs?: number } = {}): Promise<string> {
  const r = await run(host, cmd, opts);
  if (r.exitCode !== 0) {
    const what = [cmd.program.split('/').pop(), ...cmd.args].join(' ').slice(0, 200);
    throw new HostError('command_failed', `"${what}" failed on ${host}: ${firstLine(r.stderr) || `exit code ${r.exitCode}`}`);
  }
  return r.stdout;
}

async function mwConfig(host: string, args: string[], opts: { stdin?: string } = {}): Promise<string> {
  // The SSH layer adds `-c <dir>` for a second Postfix instance.
  return mustSucceed(host, { program: MW_CONFIG, args, sudo: true }, opts);
}

export const postconfN = async (host: string) => parsePostconf(await mustSucceed(host, postfixTools.config(['-n'])));

/** Effective values (defaults included, $names expanded) of the given parameters. */
export async function postconfEffective(host: string, names: readonly string[]) {
  const expanded = await run(host, postfixTools.config(['-x'], names));
  // Postfix before 2.10 has no -x: the unexpanded values are the best there is.
  if (expanded.exitCode === 0) return parsePostconf(expanded.stdout);
  return parsePostconf(await mustSucceed(host, postfixTools.config([], names)));
}

export async function smtpdServicesOf(host: string) {
  // Postfix before 2.9 has no -M, before 2.11 no -P: then no overrides can be listed.
  const optional = (cmd: HostCommand) => run(host, cmd).then((r) => (r.exitCode === 0 ? r.stdout : ''));
  const [m, p] = await Promise.all([optional(postfixTools.services()), optional(postfixTools.serviceParams(false))]);
  return smtpdServices(m, p);
}

export const catMain = (host: string) => mwConfig(host, ['cat-main']);

/** A map's settings (password included): for building new maps on the server only. */
export async function readMap(host: string, file: string): Promise<Map<string, string>> {
  if (!MAP_NAME.test(file)) throw new AppError('invalid', `Map file name ${JSON.stringify(file)} is not allowed.`);
  return parseMapFile(await mwConfig(host, ['read-map', file]));
}

export async function writeMap(host: string, file: string, content: string): Promise<void> {
  if (!OUR_MAP.test(file)) throw new AppError('invalid', `Map file name ${JSON.stringify(file)} is not one of ours.`);
  await mwConfig(host, ['write-map', file], { stdin: content });
}

export async function backup(host: string): Promise<string> {
  const id = (await mwConfig(host, ['backup'])).trim();
  if (!BACKUP_ID.test(id)) throw new HostError('command_failed', `mw-config backup answered ${JSON.stringify(id.slice(0, 60))} instead of a backup id.`);
  return id;
}

export type BackupEntry = { id: string; mainSha256: string; masterSha256: string };

export async function listBackups(host: string): Promise<BackupEntry[]> {
  const out = await mwConfig(host, ['list-backups']);
  return out
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((f) => f.length === 3 && BACKUP_ID.test(f[0]!))
    .map(([id, mainSha256, masterSha256]) => ({ id: id!, mainSha256: mainSha256!, masterSha256: masterSha256! }));
}

export async function restore(host: string, id: string): Promise<void> {
  if (!BACKUP_ID.test(id)) throw new AppError('invalid', 'Not a backup id.');
  await mwConfig(host, ['restore', id]);
}

/** `postconf -e name=value ...` (mw-postfix set, the pairs on stdin): names and values come from planFixes, never from a request. */
export async function postconfSet(host: string, pairs: readonly [string, string][]): Promise<void> {
  for (const [name, value] of pairs) {
    if (!/^[a-z0-9_]+$/.test(name) || /[\r\n\0]/.test(value)) throw new AppError('invalid', `Refusing to set ${name}.`);
  }
  await mustSucceed(host, postfixTools.set(), { stdin: pairs.map(([n, v]) => `${n}=${v}\n`).join('') });
}

/** `postconf -X name ...` (mw-postfix unset, the names on stdin): back to Postfix's defaults. */
export async function postconfUnset(host: string, names: readonly string[]): Promise<void> {
  for (const name of names) if (!/^[a-z0-9_]+$/.test(name)) throw new AppError('invalid', `Refusing to unset ${name}.`);
  await mustSucceed(host, postfixTools.unset(), { stdin: names.map((n) => `${n}\n`).join('') });
}

export type ToolOutcome = { ok: boolean; output: string };

/** `postfix check` / `postfix reload`: success is exit code 0; the output says why not. */
export async function postfixCommand(host: string, verb: 'check' | 'reload'): Promise<ToolOutcome> {
  const r = await run(host, postfixTools.postfix(verb), { timeoutMs: 60_000 });
  return { ok: r.exitCode === 0, output: (r.stderr + r.stdout).trim().slice(0, 2000) };
}
