import type { RestrictionItem } from '@/lib/postfix/postconf';
import type { ParamView } from '../params';

// A restriction only counts where no earlier `permit`/`permit_sasl_authenticated`
// in the same list ends the list for authenticated clients first.

const SHADOWS = new Set(['permit', 'permit_sasl_authenticated']);

export type Placement = { list: string; shadowedBy?: string };

/** Where `wanted` appears in a list, and which earlier item (if any) makes it unreachable for AUTH clients. */
export function placementIn(items: RestrictionItem[], wanted: (name: string) => boolean): { found: boolean; shadowedBy?: string } {
  let shadow: string | undefined;
  for (const item of items) {
    if (wanted(item.name)) return { found: true, shadowedBy: shadow };
    if (!shadow && SHADOWS.has(item.name)) shadow = item.name;
  }
  return { found: false };
}

export function placements(view: ParamView, lists: readonly string[], wanted: (name: string) => boolean): Placement[] {
  const out: Placement[] = [];
  for (const list of lists) {
    const p = placementIn(view.restrictions(list).items, wanted);
    if (p.found) out.push({ list, shadowedBy: p.shadowedBy });
  }
  return out;
}

export const SENDER_LISTS = ['smtpd_sender_restrictions', 'smtpd_relay_restrictions', 'smtpd_recipient_restrictions'] as const;
