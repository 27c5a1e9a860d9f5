import { parseMainCf, render, setParameter } from '@/lib/postfix/postconf';
import { ALLOWED_PARAMS, FIXES } from './checks';
import { PlanError, type PlanContext } from './checks/check';
import { unifiedDiff } from './diff';
import { mysqlMapsIn, type MysqlMapRef, type RenderedMap } from './map-file';
import { ParamView } from './params';
import type { FixId } from './types';

// What the chosen fixes change, computed from templates and the host's own
// parameters — never from request text. Pure: the same input gives the same
// `postconf -e` pairs, map files and main.cf diff. Each fix's part is in its
// check's file (checks/); this runs them in order and guards the result.

export { PlanError } from './checks/check';
export { MISMATCH_RESTRICTION, SENDER_LOGIN_MAP, SENDER_LOGIN_QUERY } from './checks/sender-login';
export { SASL_ACCESS_MAP, SASL_ACCESS_QUERY, SASL_ACCESS_QUERY_OLD } from './checks/sasl-access';
export { RATE_LIMITS } from './checks/rate-limits';

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

export function planFixes(input: PlanInput): Plan {
  const doc = parseMainCf(input.mainCf);
  const invalid = doc.lines.find((l) => l.kind === 'invalid');
  if (invalid) throw new PlanError(`main.cf line ${invalid.n} is not understood ("${invalid.text.trim()}"); it is never rewritten — correct it by hand first.`);
  const view = new ParamView(input.postconfN, input.effective);
  const chosen = FIXES.filter((f) => input.fixes.includes(f.id));
  const dir = (input.effective?.get('config_directory') ?? input.postconfN.get('config_directory') ?? '/etc/postfix').replace(/\/+$/, '');
  const source = chosen.some((f) => f.needsMaps) ? requireSource(input, dir) : undefined;
  const ctx: PlanContext = {
    view,
    postconfN: input.postconfN,
    hasDisableSmtpd: input.hasDisableSmtpd,
    dir,
    source,
    prefix: source?.ref.prefix ?? 'mysql:',
    senderItems: view.restrictions('smtpd_sender_restrictions').items,
    params: [],
    maps: [],
    front: [],
  };
  for (const fix of chosen.filter((f) => f.stage === 'sender')) fix.plan(ctx);
  if (ctx.front.length) {
    const current = (input.postconfN.get('smtpd_sender_restrictions') ?? '').trim();
    ctx.params.push(['smtpd_sender_restrictions', [...ctx.front, ...(current ? [current] : [])].join(', ')]);
  }
  for (const fix of chosen.filter((f) => f.stage === 'params')) fix.plan(ctx);

  let after = doc;
  for (const [name, value] of ctx.params) {
    if (!ALLOWED_PARAMS.has(name)) throw new PlanError(`refusing to set ${name}`);
    if (/[\r\n\0]/.test(value) || value.length > 4000) throw new PlanError(`the computed value of ${name} is not one short line`);
    after = setParameter(after, name, value);
  }
  const afterText = render(after);
  return {
    params: ctx.params,
    maps: ctx.maps,
    before: input.mainCf,
    after: afterText,
    diff: unifiedDiff(input.mainCf, afterText, { from: `${dir}/main.cf`, to: `${dir}/main.cf (after)` }),
  };
}

function requireSource(input: PlanInput, dir: string) {
  const s = input.sourceMap;
  if (!s) throw new PlanError('virtual_mailbox_maps names no mysql: map, so there are no database settings to reuse for the new maps.');
  if (s.ref.dir !== dir) throw new PlanError(`${s.ref.path} is outside ${dir}; the console only reads maps in the config directory.`);
  return s;
}

/** Which mysql map to copy connection settings from: the mailbox map, else any in the alias/domain maps. */
export function sourceMapRef(postconfN: Map<string, string>): MysqlMapRef | undefined {
  for (const name of ['virtual_mailbox_maps', 'virtual_alias_maps', 'virtual_mailbox_domains']) {
    const ref = mysqlMapsIn(postconfN.get(name) ?? '')[0];
    if (ref) return ref;
  }
  return undefined;
}
