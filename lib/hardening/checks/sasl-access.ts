import { renderMapFile } from '../map-file';
import { defineCheck, mapHeader } from './check';
import { placementIn, placements, SENDER_LISTS } from './placement';

// extman has a "disable SMTP sending" flag that stock Postfix never reads;
// the fix makes it (and an inactive account) stop sending at once.

const ALL_LISTS_FOR_SASL = [
  'smtpd_client_restrictions',
  'smtpd_helo_restrictions',
  ...SENDER_LISTS,
  'smtpd_data_restrictions',
  'smtpd_end_of_data_restrictions',
] as const;

export const SASL_ACCESS_MAP = 'mailwarden_sasl_access.cf';
export const SASL_ACCESS_QUERY =
  "SELECT 'REJECT 5.7.1 sending disabled for this account' FROM mailbox WHERE username='%s' AND (active <> 1 OR COALESCE(disablesmtpd,0) = 1)";
// Databases from before extman 0.2.0 have no disablesmtpd column.
export const SASL_ACCESS_QUERY_OLD = "SELECT 'REJECT 5.7.1 sending disabled for this account' FROM mailbox WHERE username='%s' AND active <> 1";

export const saslAccess = defineCheck({
  id: 'sasl-access',
  findings: ['sasl-access.missing', 'sasl-access.ok'],
  reads: ALL_LISTS_FOR_SASL,
  overrides: ALL_LISTS_FOR_SASL,
  needsSasl: true,
  assess(view) {
    const found = placements(view, ALL_LISTS_FOR_SASL, (n) => n === 'check_sasl_access').filter((p) => !p.shadowedBy);
    if (found.length) return [{ key: 'sasl-access.ok', severity: 'ok', evidence: found.map((p) => view.evidence(p.list)) }];
    return [{ key: 'sasl-access.missing', severity: 'high', evidence: [view.evidence('smtpd_sender_restrictions')], fix: 'sasl-access' }];
  },
  fix: {
    id: 'sasl-access',
    sets: [],
    needsMaps: true,
    stage: 'sender',
    // check_sasl_access goes in front of the login mismatch check.
    order: 10,
    plan(ctx) {
      const source = ctx.source!;
      const query = ctx.hasDisableSmtpd ? SASL_ACCESS_QUERY : SASL_ACCESS_QUERY_OLD;
      ctx.maps.push(renderMapFile(SASL_ACCESS_MAP, source.settings, mapHeader('sasl-access', source.ref), query));
      const p = placementIn(ctx.senderItems, (n) => n === 'check_sasl_access');
      if (!p.found || p.shadowedBy) ctx.front.push(`check_sasl_access ${ctx.prefix}${ctx.dir}/${SASL_ACCESS_MAP}`);
    },
  },
});
