import type { RestrictionItem } from '@/lib/postfix/postconf';
import { parseNetworks, widthOf } from '@/lib/postfix/networks';
import type { ParamView } from './params';
import type { Finding } from './types';

// Open-relay risk. Postfix runs smtpd_relay_restrictions, then
// smtpd_recipient_restrictions; a `permit` only ends its own list, so the
// server relays for strangers only when NEITHER list rejects unauthorised
// destinations before an unconditional permit.

const REJECTS = new Set(['reject_unauth_destination', 'defer_unauth_destination', 'check_relay_domains', 'reject', 'defer']);
const RELAY_LISTS = ['smtpd_relay_restrictions', 'smtpd_recipient_restrictions'] as const;

type ListVerdict = { closes: boolean; permitFirst: boolean; senderAccessFirst?: string };

export function relayVerdict(items: RestrictionItem[]): ListVerdict {
  let senderAccess: string | undefined;
  for (const item of items) {
    if (REJECTS.has(item.name)) return { closes: true, permitFirst: false, senderAccessFirst: senderAccess };
    if (item.name === 'permit') return { closes: false, permitFirst: true };
    if (!senderAccess && /^check_sender_(?:\w+_)?access$/.test(item.name)) senderAccess = `${item.name} ${item.arg ?? ''}`.trim();
  }
  return { closes: false, permitFirst: false };
}

export function assessRelay(view: ParamView): Finding {
  const verdicts = RELAY_LISTS.map((l) => ({ list: l, ...relayVerdict(view.restrictions(l).items) }));
  const evidence = RELAY_LISTS.map((l) => view.evidence(l));
  const closing = verdicts.filter((v) => v.closes);
  if (closing.length === 0) {
    const permit = verdicts.find((v) => v.permitFirst);
    return permit
      ? { key: 'relay.permit-first', severity: 'critical', evidence, vars: { list: permit.list } }
      : { key: 'relay.no-reject', severity: 'critical', evidence };
  }
  // Closed, but a sender map that answers OK first lets a forged sender relay.
  if (closing.every((v) => v.senderAccessFirst)) {
    return { key: 'relay.sender-access-first', severity: 'medium', evidence, vars: { restriction: closing[0]!.senderAccessFirst!, list: closing[0]!.list } };
  }
  return { key: 'relay.ok', severity: 'ok', evidence };
}

export function assessMynetworks(view: ParamView): Finding[] {
  const r = view.get('mynetworks');
  if (r.source === 'default' && !r.value) {
    // Not set and the host was not asked: Postfix uses mynetworks_style (host).
    return [{ key: 'mynetworks.ok', severity: 'ok', evidence: [view.evidence('mynetworks_style')] }];
  }
  const networks = parseNetworks(r.value);
  const evidence = [view.evidence('mynetworks')];
  const out: Finding[] = [];
  const open = networks.filter((n) => widthOf(n) === 'open');
  const wide = networks.filter((n) => widthOf(n) === 'wide');
  const other = networks.filter((n) => widthOf(n) === 'unknown');
  if (open.length) out.push({ key: 'mynetworks.open', severity: 'critical', evidence, vars: { value: open.map((n) => n.text).join(' ') } });
  else if (wide.length) out.push({ key: 'mynetworks.wide', severity: 'high', evidence, vars: { value: wide.map((n) => n.text).join(' ') } });
  if (other.length) out.push({ key: 'not-understood.network', severity: 'unknown', evidence, vars: { value: other.map((n) => n.text).join(' ') } });
  if (!out.length) out.push({ key: 'mynetworks.ok', severity: 'ok', evidence });
  return out;
}
