import 'server-only';
import { db } from '@/lib/db';
import { execOnHost, type ExecOptions, type ExecResult, type HostCommand } from '@/lib/ssh/host-exec';
import { postfixTools } from '@/lib/ssh/postfix-tools';
import {
  combineEnforcement,
  decideEnforcement,
  lookupTables,
  parsePostconfValues,
  parseServiceOverrides,
  postmapResult,
  RESTRICTION_PARAMS,
  saslAccessUses,
  type LookupResult,
  type RestrictionParam,
} from './enforcement-decision';
import type { Enforcement, EnforcementReport, HostEnforcement } from './schemas';

// Asks each mail host whether Postfix would refuse this SASL login: reads the
// smtpd_*_restrictions (main.cf and master.cf overrides), and looks the
// username up in every check_sasl_access table it finds. The username only
// ever travels on postmap's stdin.

export type Exec = (host: string, cmd: HostCommand, opts?: ExecOptions) => Promise<ExecResult>;

export async function checkSendingEnforcement(username: string, exec: Exec = execOnHost): Promise<EnforcementReport> {
  const hosts = await db().mwHost.findMany({ select: { name: true }, orderBy: { name: 'asc' } });
  if (hosts.length === 0) {
    return { enforced: 'unknown', reason: 'no mail host is registered, so nothing could be checked', hosts: [] };
  }
  const results: HostEnforcement[] = await Promise.all(hosts.map(async ({ name }) => ({ host: name, ...(await checkHost(name, username, exec)) })));
  const overall = combineEnforcement(
    results.map((r) => ({ label: r.host, enforcement: r })),
    results.length > 1,
  );
  return { ...overall, hosts: results };
}

async function checkHost(host: string, username: string, exec: Exec): Promise<Enforcement> {
  try {
    const main = await restrictionLists(host, exec);
    const overrides = await serviceOverrides(host, exec);
    const variants = [
      { label: 'main.cf', lists: main },
      ...[...overrides].map(([service, o]) => ({ label: `master.cf service ${service}`, lists: { ...main, ...o } })),
    ];
    const tables = [...new Set(variants.flatMap((v) => lookupTables(saslAccessUses(v.lists))))];
    const lookups = new Map<string, LookupResult>();
    for (const table of tables) {
      const out = await exec(host, postfixTools.lookup(table), { stdin: `${username}\n`, timeoutMs: 20_000 });
      lookups.set(table, postmapResult(table, username, out));
    }
    const parts = variants.map((v) => {
      const uses = saslAccessUses(v.lists);
      const mine = lookupTables(uses).flatMap((t) => lookups.get(t) ?? []);
      return { label: v.label, enforcement: decideEnforcement(uses, mine) };
    });
    return combineEnforcement(parts, parts.length > 1);
  } catch (err) {
    return { enforced: 'unknown', reason: err instanceof Error ? err.message : String(err) };
  }
}

async function restrictionLists(host: string, exec: Exec): Promise<Partial<Record<RestrictionParam, string>>> {
  // -x expands $name references (Postfix >= 2.10); older postconf refuses the
  // flag, and then the plain values are the best we have.
  const expanded = await exec(host, postfixTools.config(['-x', '-h'], RESTRICTION_PARAMS));
  const out = expanded.exitCode === 0 ? expanded : await exec(host, postfixTools.config(['-h'], RESTRICTION_PARAMS));
  if (out.exitCode !== 0) throw new Error(`postconf failed: ${out.stderr.trim().split('\n')[0] ?? `exit code ${out.exitCode}`}`);
  return parsePostconfValues(out.stdout);
}

async function serviceOverrides(host: string, exec: Exec) {
  for (const expand of [true, false]) {
    const out = await exec(host, postfixTools.serviceParams(expand));
    if (out.exitCode === 0) return parseServiceOverrides(out.stdout);
  }
  // Postfix before 2.11 has no -P: master.cf overrides cannot be listed there.
  return new Map<string, Partial<Record<RestrictionParam, string>>>();
}
