import { splitRestrictions } from '@/lib/postfix/postconf';
import type { Enforcement } from './schemas';

// Is extman's disablesmtpd real on this Postfix? Stock Postfix + Dovecot
// ignore it; only a check_sasl_access table that answers REJECT for the
// blocked login makes it so. Pure: postconf/postmap text in, a verdict out.
// The rule throughout: say "enforced" only when a lookup proved it.

export const RESTRICTION_PARAMS = [
  'smtpd_client_restrictions',
  'smtpd_helo_restrictions',
  'smtpd_sender_restrictions',
  'smtpd_relay_restrictions',
  'smtpd_recipient_restrictions',
  'smtpd_data_restrictions',
] as const;
export type RestrictionParam = (typeof RESTRICTION_PARAMS)[number];

export const NO_LOOKUP_REASON = 'no check_sasl_access lookup on disablesmtpd in smtpd_*_restrictions';

/** `postconf -h a b c` prints one value per line, in the order asked. */
export function parsePostconfValues(stdout: string, names: readonly RestrictionParam[] = RESTRICTION_PARAMS): Partial<Record<RestrictionParam, string>> {
  const lines = stdout.replace(/\r/g, '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const out: Partial<Record<RestrictionParam, string>> = {};
  names.forEach((name, i) => {
    out[name] = (lines[i] ?? '').trim();
  });
  return out;
}

/** `postconf -P`: "submission/inet/smtpd_recipient_restrictions = ..." → per-service overrides of the restriction lists. */
export function parseServiceOverrides(stdout: string): Map<string, Partial<Record<RestrictionParam, string>>> {
  const services = new Map<string, Partial<Record<RestrictionParam, string>>>();
  for (const line of stdout.split('\n')) {
    const m = /^(\S+\/\S+)\/(\S+)\s*=\s*(.*)$/.exec(line.trim());
    if (!m || !(RESTRICTION_PARAMS as readonly string[]).includes(m[2]!)) continue;
    const entry = services.get(m[1]!) ?? {};
    entry[m[2] as RestrictionParam] = m[3]!.trim();
    services.set(m[1]!, entry);
  }
  return services;
}

// Table types postmap can query in place. Others (tcp:, socketmap:, regexp: on
// a login name) are left out: a lookup there proves nothing we can read.
const TABLE = /^(?:proxy:)?(?:mysql|pgsql|sqlite|hash|btree|lmdb|cdb|texthash|ldap):\/?[\w./@:-]+$/;

export type SaslAccessUse = { param: RestrictionParam; table: string; usable: boolean; shadowedBy?: string };

/**
 * Every check_sasl_access in the lists. One that comes after
 * permit_sasl_authenticated (or a bare permit) in its list never runs for an
 * authenticated client, so it cannot block one.
 */
export function saslAccessUses(lists: Partial<Record<RestrictionParam, string>>): SaslAccessUse[] {
  const uses: SaslAccessUse[] = [];
  for (const param of RESTRICTION_PARAMS) {
    let shadow: string | undefined;
    for (const item of splitRestrictions(lists[param] ?? '')) {
      if (item.name === 'permit_sasl_authenticated' || item.name === 'permit') shadow ??= item.name;
      if (item.name !== 'check_sasl_access' || !item.arg) continue;
      uses.push({ param, table: item.arg, usable: TABLE.test(item.arg), ...(shadow ? { shadowedBy: shadow } : {}) });
    }
  }
  return uses;
}

/** The tables worth a lookup: reachable for an authenticated client and queryable. */
export const lookupTables = (uses: SaslAccessUse[]): string[] => [...new Set(uses.filter((u) => u.usable && !u.shadowedBy).map((u) => u.table))];

export type LookupResult = { table: string } & ({ value: string | null } | { error: string });

/** `postmap -q - table` with keys on stdin prints "key<TAB>value" for each key found. */
export function parsePostmapOutput(stdout: string, username: string): string | null {
  const want = username.toLowerCase();
  for (const line of stdout.split('\n')) {
    const m = /^(\S+)\s+(.*)$/.exec(line.replace(/\r$/, ''));
    if (m && m[1]!.toLowerCase() === want) return m[2]!.trim();
  }
  return null;
}

/** Exit 1 with no diagnostic is "not found"; a fatal/error line or any other exit is a failed lookup. */
export function postmapResult(table: string, username: string, out: { exitCode: number | null; stdout: string; stderr: string }): LookupResult {
  const trouble = /(?:fatal|error):/i.exec(out.stderr);
  if (trouble || (out.exitCode !== 0 && out.exitCode !== 1)) {
    const line = out.stderr.split('\n').find((l) => l.trim()) ?? `exit code ${out.exitCode}`;
    return { table, error: line.trim().slice(0, 300) };
  }
  return { table, value: parsePostmapOutput(out.stdout, username) };
}

/** An access(5) action that refuses the login: REJECT, DEFER or an explicit 4xx/5xx reply. */
export function isBlockingAction(value: string): boolean {
  return /^(?:REJECT|DEFER)(?:\s|$)/i.test(value) || /^[45]\d\d(?:\s|$)/.test(value);
}

export function decideEnforcement(uses: SaslAccessUse[], lookups: LookupResult[]): Enforcement {
  const blocking = lookups.find((l): l is { table: string; value: string } => 'value' in l && l.value !== null && isBlockingAction(l.value));
  if (blocking) {
    const where = uses.find((u) => u.table === blocking.table && !u.shadowedBy)?.param;
    return { enforced: true, evidence: `check_sasl_access ${blocking.table} returned "${blocking.value}"${where ? ` (${where})` : ''}` };
  }
  const failed = lookups.find((l): l is { table: string; error: string } => 'error' in l);
  if (failed) return { enforced: 'unknown', reason: `check_sasl_access ${failed.table} could not be queried: ${failed.error}` };
  if (lookups.length === 0) {
    const shadowed = uses.find((u) => u.shadowedBy);
    if (shadowed) {
      return {
        enforced: false,
        reason: `check_sasl_access ${shadowed.table} in ${shadowed.param} comes after ${shadowed.shadowedBy}, so authenticated clients never reach it`,
      };
    }
    const odd = uses.find((u) => !u.usable);
    if (odd) return { enforced: 'unknown', reason: `check_sasl_access ${odd.table} is a table type this console cannot query` };
    return { enforced: false, reason: NO_LOOKUP_REASON };
  }
  const tables = lookups.map((l) => l.table).join(', ');
  const answers = lookups.map((l) => ('value' in l && l.value ? `"${l.value}"` : 'nothing')).join(', ');
  return { enforced: false, reason: `check_sasl_access ${tables} returned ${answers} for this login: the table does not look at disablesmtpd` };
}

/**
 * Several places must all block (each smtpd service of master.cf, each mail
 * host): enforced only when every one proved it; one that does not is the
 * answer; otherwise the first we could not tell about.
 */
export function combineEnforcement(parts: { label: string; enforcement: Enforcement }[], labelled: boolean): Enforcement {
  const prefix = (label: string) => (labelled ? `${label}: ` : '');
  const open = parts.find((p) => p.enforcement.enforced === false);
  if (open && open.enforcement.enforced === false) return { enforced: false, reason: prefix(open.label) + open.enforcement.reason };
  const unsure = parts.find((p) => p.enforcement.enforced === 'unknown');
  if (unsure && unsure.enforcement.enforced === 'unknown') return { enforced: 'unknown', reason: prefix(unsure.label) + unsure.enforcement.reason };
  const first = parts[0];
  if (!first || first.enforcement.enforced !== true) return { enforced: 'unknown', reason: 'nothing was checked' };
  return { enforced: true, evidence: prefix(first.label) + first.enforcement.evidence };
}
