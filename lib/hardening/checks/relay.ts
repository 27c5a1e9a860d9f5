import type { RestrictionItem } from '@/lib/postfix/postconf';
import { defineCheck } from './check';

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

export const relay = defineCheck({
  id: 'relay',
  findings: ['relay.no-reject', 'relay.permit-first', 'relay.sender-access-first', 'relay.ok'],
  reads: RELAY_LISTS,
  overrides: RELAY_LISTS,
  assess(view) {
    const verdicts = RELAY_LISTS.map((l) => ({ list: l, ...relayVerdict(view.restrictions(l).items) }));
    const evidence = RELAY_LISTS.map((l) => view.evidence(l));
    const closing = verdicts.filter((v) => v.closes);
    if (closing.length === 0) {
      const permit = verdicts.find((v) => v.permitFirst);
      return [
        permit
          ? { key: 'relay.permit-first', severity: 'critical', evidence, vars: { list: permit.list } }
          : { key: 'relay.no-reject', severity: 'critical', evidence },
      ];
    }
    // Closed, but a sender map that answers OK first lets a forged sender relay.
    if (closing.every((v) => v.senderAccessFirst)) {
      return [
        { key: 'relay.sender-access-first', severity: 'medium', evidence, vars: { restriction: closing[0]!.senderAccessFirst!, list: closing[0]!.list } },
      ];
    }
    return [{ key: 'relay.ok', severity: 'ok', evidence }];
  },
});
