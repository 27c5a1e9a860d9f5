import type { Severity } from '@/lib/notify/severity';
import type { AlertDetails } from './summary';

// An alert as the API, the page and the notifications see it (ids as strings:
// they are BIGINTs). Pure: the row mapping lives here so tests can pin it.

export type ContainmentView = {
  state: 'active' | 'released' | 'failed';
  user: string;
  at: string;
  held: number;
  holdErrors: number;
  blocked: boolean;
  /** Whether Postfix refuses the account now: yes | no | unknown (from the mailbox module's check). */
  enforced: string;
  enforcementReason: string | null;
  releasedAt?: string;
  releasedBy?: string;
  error?: string;
};

export type AlertView = {
  id: string;
  host: string;
  rule: string;
  key: string;
  domain: string | null;
  severity: Severity;
  state: 'open' | 'acknowledged' | 'resolved';
  mutedUntil: string | null;
  /** Muted at the time of the answer (the page must not read the clock while rendering). */
  muted: boolean;
  firstAt: string;
  lastAt: string;
  resolvedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  count: number;
  summary: string;
  details: AlertDetails;
  link: string;
  containment: ContainmentView | null;
};

export type AlertRowLike = {
  id: bigint;
  host: string;
  rule: string;
  key: string;
  domain: string | null;
  severity: string;
  state: string;
  mutedUntil: Date | null;
  firstAt: Date;
  lastAt: Date;
  resolvedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  count: number;
  summary: string;
  details: unknown;
  link: string;
  containment: unknown;
};

/** What the stored containment record holds; held queue ids stay on the server. */
export type ContainmentRecord = Omit<ContainmentView, 'held' | 'holdErrors'> & { heldIds: string[]; holdErrors: number };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function containmentView(c: unknown): ContainmentView | null {
  if (!c || typeof c !== 'object') return null;
  const { heldIds, ...rest } = c as ContainmentRecord;
  return { ...rest, held: Array.isArray(heldIds) ? heldIds.length : 0 };
}

export function alertView(r: AlertRowLike, now = Date.now()): AlertView {
  return {
    id: r.id.toString(),
    host: r.host,
    rule: r.rule,
    key: r.key,
    domain: r.domain,
    severity: (['info', 'warning', 'critical'].includes(r.severity) ? r.severity : 'warning') as Severity,
    state: (['open', 'acknowledged', 'resolved'].includes(r.state) ? r.state : 'open') as AlertView['state'],
    mutedUntil: iso(r.mutedUntil),
    muted: r.mutedUntil !== null && r.mutedUntil.getTime() > now,
    firstAt: r.firstAt.toISOString(),
    lastAt: r.lastAt.toISOString(),
    resolvedAt: iso(r.resolvedAt),
    acknowledgedAt: iso(r.acknowledgedAt),
    acknowledgedBy: r.acknowledgedBy,
    count: r.count,
    summary: r.summary,
    details: (r.details && typeof r.details === 'object' ? r.details : { vars: {} }) as AlertDetails,
    link: r.link,
    containment: containmentView(r.containment),
  };
}
