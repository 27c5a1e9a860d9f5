import type { RestrictionItem } from '@/lib/postfix/postconf';
import type { ParamView } from './params';
import type { Finding } from './types';

// Who may send as whom after SMTP AUTH: the seed's hole. A mismatch
// restriction only counts where no earlier `permit`/`permit_sasl_authenticated`
// in the same list ends the list for authenticated clients first.

const FULL = new Set(['reject_sender_login_mismatch', 'reject_authenticated_sender_login_mismatch']);
const KNOWN = 'reject_known_sender_login_mismatch';
const SHADOWS = new Set(['permit', 'permit_sasl_authenticated']);
export const SENDER_LISTS = ['smtpd_sender_restrictions', 'smtpd_relay_restrictions', 'smtpd_recipient_restrictions'] as const;
export const ALL_LISTS_FOR_SASL = [
  'smtpd_client_restrictions',
  'smtpd_helo_restrictions',
  ...SENDER_LISTS,
  'smtpd_data_restrictions',
  'smtpd_end_of_data_restrictions',
] as const;

type Placement = { list: string; shadowedBy?: string };

/** Where `wanted` appears in a list, and which earlier item (if any) makes it unreachable for AUTH clients. */
export function placementIn(items: RestrictionItem[], wanted: (name: string) => boolean): { found: boolean; shadowedBy?: string } {
  let shadow: string | undefined;
  for (const item of items) {
    if (wanted(item.name)) return { found: true, shadowedBy: shadow };
    if (!shadow && SHADOWS.has(item.name)) shadow = item.name;
  }
  return { found: false };
}

function placements(view: ParamView, lists: readonly string[], wanted: (name: string) => boolean): Placement[] {
  const out: Placement[] = [];
  for (const list of lists) {
    const p = placementIn(view.restrictions(list).items, wanted);
    if (p.found) out.push({ list, shadowedBy: p.shadowedBy });
  }
  return out;
}

export function assessSenderLogin(view: ParamView): Finding {
  const full = placements(view, SENDER_LISTS, (n) => FULL.has(n));
  const known = placements(view, SENDER_LISTS, (n) => n === KNOWN);
  const maps = view.value('smtpd_sender_login_maps').trim();
  const effective = full.find((p) => !p.shadowedBy);
  const listEvidence = (ps: Placement[]) => (ps.length ? ps.map((p) => view.evidence(p.list)) : SENDER_LISTS.map((l) => view.evidence(l)));
  const mapsLine = view.evidence('smtpd_sender_login_maps');
  const fix = 'sender-login-maps' as const;
  if (effective && maps) return { key: 'sender-login.ok', severity: 'ok', evidence: [view.evidence(effective.list), mapsLine] };
  if (effective) return { key: 'sender-login.no-maps', severity: 'critical', evidence: [view.evidence(effective.list), mapsLine], fix };
  if (full.length) {
    const p = full[0]!;
    return { key: 'sender-login.shadowed', severity: 'critical', evidence: listEvidence(full), vars: { before: p.shadowedBy ?? '', list: p.list }, fix };
  }
  if (known.some((p) => !p.shadowedBy) && maps) {
    return { key: 'sender-login.known-only', severity: 'high', evidence: [...listEvidence(known), mapsLine], fix };
  }
  return { key: 'sender-login.missing', severity: 'critical', evidence: [...listEvidence([]), mapsLine], fix };
}

export function assessSaslAccess(view: ParamView): Finding {
  const found = placements(view, ALL_LISTS_FOR_SASL, (n) => n === 'check_sasl_access').filter((p) => !p.shadowedBy);
  if (found.length) return { key: 'sasl-access.ok', severity: 'ok', evidence: found.map((p) => view.evidence(p.list)) };
  return { key: 'sasl-access.missing', severity: 'high', evidence: [view.evidence('smtpd_sender_restrictions')], fix: 'sasl-access' };
}
