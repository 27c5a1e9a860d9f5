import { splitList } from '@/lib/postfix/postconf';
import { mysqlMapsIn, renderMapFile } from '../map-file';
import { defineCheck, mapHeader } from './check';
import { placementIn, placements, SENDER_LISTS, type Placement } from './placement';

// Who may send as whom after SMTP AUTH: the seed's hole. The fix maps each
// login to the addresses it owns (extman's mailbox table plus the aliases)
// and refuses a sender address the login does not own.

const FULL = new Set(['reject_sender_login_mismatch', 'reject_authenticated_sender_login_mismatch']);
const KNOWN = 'reject_known_sender_login_mismatch';

export const SENDER_LOGIN_MAP = 'mailwarden_sender_login_maps.cf';
// extman's own sender map (mysql_virtual_sender_maps.cf), as one query.
export const SENDER_LOGIN_QUERY = "SELECT username FROM mailbox WHERE username='%s' AND active = '1'";

// Only authenticated clients are held to their login: an unauthenticated
// local application (inside mynetworks) may still send as an address that
// has an owner, which reject_sender_login_mismatch would refuse with
// "not logged in". Checked against the lab with real SMTP sessions.
export const MISMATCH_RESTRICTION = 'reject_authenticated_sender_login_mismatch';

const unique = (xs: string[]) => [...new Set(xs.filter(Boolean))];

export const senderLogin = defineCheck({
  id: 'sender-login',
  findings: ['sender-login.missing', 'sender-login.no-maps', 'sender-login.known-only', 'sender-login.shadowed', 'sender-login.ok'],
  reads: [...SENDER_LISTS, 'smtpd_sender_login_maps', 'virtual_alias_maps'],
  overrides: [...SENDER_LISTS, 'smtpd_sender_login_maps'],
  needsSasl: true,
  assess(view) {
    const full = placements(view, SENDER_LISTS, (n) => FULL.has(n));
    const known = placements(view, SENDER_LISTS, (n) => n === KNOWN);
    const maps = view.value('smtpd_sender_login_maps').trim();
    const effective = full.find((p) => !p.shadowedBy);
    const listEvidence = (ps: Placement[]) => (ps.length ? ps.map((p) => view.evidence(p.list)) : SENDER_LISTS.map((l) => view.evidence(l)));
    const mapsLine = view.evidence('smtpd_sender_login_maps');
    const fix = 'sender-login-maps' as const;
    if (effective && maps) return [{ key: 'sender-login.ok', severity: 'ok', evidence: [view.evidence(effective.list), mapsLine] }];
    if (effective) return [{ key: 'sender-login.no-maps', severity: 'critical', evidence: [view.evidence(effective.list), mapsLine], fix }];
    if (full.length) {
      const p = full[0]!;
      return [{ key: 'sender-login.shadowed', severity: 'critical', evidence: listEvidence(full), vars: { before: p.shadowedBy ?? '', list: p.list }, fix }];
    }
    if (known.some((p) => !p.shadowedBy) && maps) {
      return [{ key: 'sender-login.known-only', severity: 'high', evidence: [...listEvidence(known), mapsLine], fix }];
    }
    return [{ key: 'sender-login.missing', severity: 'critical', evidence: [...listEvidence([]), mapsLine], fix }];
  },
  fix: {
    id: 'sender-login-maps',
    sets: ['smtpd_sender_login_maps'],
    needsMaps: true,
    stage: 'sender',
    order: 20,
    plan(ctx) {
      const source = ctx.source!;
      ctx.maps.push(renderMapFile(SENDER_LOGIN_MAP, source.settings, mapHeader('sender-login-maps', source.ref), SENDER_LOGIN_QUERY));
      const ours = `${ctx.prefix}${ctx.dir}/${SENDER_LOGIN_MAP}`;
      const existing = splitList(ctx.postconfN.get('smtpd_sender_login_maps') ?? '');
      const aliases = mysqlMapsIn(ctx.view.value('virtual_alias_maps')).map((r) => r.prefix + r.path);
      ctx.params.push(['smtpd_sender_login_maps', unique([ours, ...existing, ...aliases]).join(', ')]);
      const p = placementIn(ctx.senderItems, (n) => n === 'reject_sender_login_mismatch' || n === MISMATCH_RESTRICTION);
      if (!p.found || p.shadowedBy) ctx.front.push(MISMATCH_RESTRICTION);
    },
  },
});
