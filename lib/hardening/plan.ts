import { parseMainCf, render, setParameter, splitList } from '@/lib/postfix/postconf';
import { tlsConfigured } from './assess';
import { placementIn } from './assess-sender';
import { unifiedDiff } from './diff';
import { mysqlMapsIn, renderMapFile, type MysqlMapRef, type RenderedMap } from './map-file';
import { ParamView } from './params';
import type { FixId } from './types';

// What each fix changes, computed from templates and the host's own
// parameters — never from request text. Pure: the same input gives the same
// `postconf -e` pairs, map files and main.cf diff.

export const SENDER_LOGIN_MAP = 'mailwarden_sender_login_maps.cf';
export const SASL_ACCESS_MAP = 'mailwarden_sasl_access.cf';

// extman's own sender map (mysql_virtual_sender_maps.cf), as one query.
export const SENDER_LOGIN_QUERY = "SELECT username FROM mailbox WHERE username='%s' AND active = '1'";
// extman has a "disable SMTP sending" flag that stock Postfix never reads;
// this makes it (and an inactive account) stop sending at once.
export const SASL_ACCESS_QUERY =
  "SELECT 'REJECT 5.7.1 sending disabled for this account' FROM mailbox WHERE username='%s' AND (active <> 1 OR COALESCE(disablesmtpd,0) = 1)";
// Databases from before extman 0.2.0 have no disablesmtpd column.
export const SASL_ACCESS_QUERY_OLD = "SELECT 'REJECT 5.7.1 sending disabled for this account' FROM mailbox WHERE username='%s' AND active <> 1";

// Only authenticated clients are held to their login: an unauthenticated
// local application (inside mynetworks) may still send as an address that
// has an owner, which reject_sender_login_mismatch would refuse with
// "not logged in". Checked against the lab with real SMTP sessions.
export const MISMATCH_RESTRICTION = 'reject_authenticated_sender_login_mismatch';

// Per client IP and anvil_rate_time_unit (60s). Generous for a person or an
// office behind one NAT (100 messages, 300 recipients a minute) and a hard
// brake for one stolen login pushing 10 messages a second. mynetworks is
// exempt by default (smtpd_client_event_limit_exceptions).
export const RATE_LIMITS: [string, string][] = [
  ['smtpd_client_message_rate_limit', '100'],
  ['smtpd_client_recipient_rate_limit', '300'],
  ['anvil_rate_time_unit', '60s'],
];

const ALLOWED_PARAMS = new Set(['smtpd_sender_login_maps', 'smtpd_sender_restrictions', 'smtpd_tls_auth_only', ...RATE_LIMITS.map(([n]) => n)]);

export type PlanInput = {
  fixes: readonly FixId[];
  postconfN: Map<string, string>;
  effective?: Map<string, string>;
  /** main.cf as it is on the host (mw-config cat-main). */
  mainCf: string;
  /** The host's mysql map the new maps copy their connection settings from. */
  sourceMap?: { ref: MysqlMapRef; settings: Map<string, string> };
  hasDisableSmtpd: boolean;
};

export type Plan = { params: [string, string][]; maps: RenderedMap[]; before: string; after: string; diff: string };

export class PlanError extends Error {}

export function planFixes(input: PlanInput): Plan {
  const doc = parseMainCf(input.mainCf);
  const invalid = doc.lines.find((l) => l.kind === 'invalid');
  if (invalid) throw new PlanError(`main.cf line ${invalid.n} is not understood ("${invalid.text.trim()}"); it is never rewritten — correct it by hand first.`);
  const view = new ParamView(input.postconfN, input.effective);
  const fixes = new Set(input.fixes);
  const dir = (input.effective?.get('config_directory') ?? input.postconfN.get('config_directory') ?? '/etc/postfix').replace(/\/+$/, '');
  const params: [string, string][] = [];
  const maps: RenderedMap[] = [];
  const needMaps = fixes.has('sender-login-maps') || fixes.has('sasl-access');
  const source = needMaps ? requireSource(input, dir) : undefined;
  const prefix = source?.ref.prefix ?? 'mysql:';

  const senderItems = view.restrictions('smtpd_sender_restrictions').items;
  const front: string[] = [];
  if (fixes.has('sasl-access')) {
    const query = input.hasDisableSmtpd ? SASL_ACCESS_QUERY : SASL_ACCESS_QUERY_OLD;
    maps.push(renderMapFile(SASL_ACCESS_MAP, source!.settings, header('sasl-access', source!.ref), query));
    const p = placementIn(senderItems, (n) => n === 'check_sasl_access');
    if (!p.found || p.shadowedBy) front.push(`check_sasl_access ${prefix}${dir}/${SASL_ACCESS_MAP}`);
  }
  if (fixes.has('sender-login-maps')) {
    maps.push(renderMapFile(SENDER_LOGIN_MAP, source!.settings, header('sender-login-maps', source!.ref), SENDER_LOGIN_QUERY));
    const ours = `${prefix}${dir}/${SENDER_LOGIN_MAP}`;
    const existing = splitList(input.postconfN.get('smtpd_sender_login_maps') ?? '');
    const aliases = mysqlMapsIn(view.value('virtual_alias_maps')).map((r) => r.prefix + r.path);
    params.push(['smtpd_sender_login_maps', unique([ours, ...existing, ...aliases]).join(', ')]);
    const p = placementIn(senderItems, (n) => n === 'reject_sender_login_mismatch' || n === MISMATCH_RESTRICTION);
    if (!p.found || p.shadowedBy) front.push(MISMATCH_RESTRICTION);
  }
  if (front.length) {
    const current = (input.postconfN.get('smtpd_sender_restrictions') ?? '').trim();
    params.push(['smtpd_sender_restrictions', [...front, ...(current ? [current] : [])].join(', ')]);
  }
  if (fixes.has('rate-limits')) {
    for (const [name, value] of RATE_LIMITS) {
      const unset = name === 'anvil_rate_time_unit' ? !input.postconfN.has(name) : !(Number(view.value(name)) > 0);
      if (unset) params.push([name, value]);
    }
  }
  if (fixes.has('tls-auth-only')) {
    if (!tlsConfigured(view)) throw new PlanError('smtpd_tls_auth_only needs TLS first: smtpd_tls_cert_file is not set (or STARTTLS is off).');
    params.push(['smtpd_tls_auth_only', 'yes']);
  }

  let after = doc;
  for (const [name, value] of params) {
    if (!ALLOWED_PARAMS.has(name)) throw new PlanError(`refusing to set ${name}`);
    if (/[\r\n\0]/.test(value) || value.length > 4000) throw new PlanError(`the computed value of ${name} is not one short line`);
    after = setParameter(after, name, value);
  }
  const afterText = render(after);
  return { params, maps, before: input.mainCf, after: afterText, diff: unifiedDiff(input.mainCf, afterText, { from: `${dir}/main.cf`, to: `${dir}/main.cf (after)` }) };
}

function requireSource(input: PlanInput, dir: string) {
  const s = input.sourceMap;
  if (!s) throw new PlanError('virtual_mailbox_maps names no mysql: map, so there are no database settings to reuse for the new maps.');
  if (s.ref.dir !== dir) throw new PlanError(`${s.ref.path} is outside ${dir}; the console only reads maps in the config directory.`);
  return s;
}

const header = (fix: FixId, ref: MysqlMapRef) => [
  `Managed by Mailwarden (hardening fix "${fix}"). Rewritten when the fix is applied again.`,
  `Connection settings copied from ${ref.path}.`,
];

const unique = (xs: string[]) => [...new Set(xs.filter(Boolean))];

/** Which mysql map to copy connection settings from: the mailbox map, else any in the alias/domain maps. */
export function sourceMapRef(postconfN: Map<string, string>): MysqlMapRef | undefined {
  for (const name of ['virtual_mailbox_maps', 'virtual_alias_maps', 'virtual_mailbox_domains']) {
    const ref = mysqlMapsIn(postconfN.get(name) ?? '')[0];
    if (ref) return ref;
  }
  return undefined;
}
