import { EVENT_RULES, type Finding, type RuleId } from './evaluate';
import type { WatchRules } from './rules-schema';

const MIN = 60_000;

// What a tick's findings do to the host's alerts, decided without I/O.
// Same host+rule+key: the open alert counts one more sighting (no new
// notification). Back within the cool-down after resolving: reopened, still
// quiet. Gone for the recovery time: resolved, and that is announced.

export type AlertLite = {
  id: bigint;
  rule: string;
  key: string;
  state: string; // open | acknowledged | resolved
  lastAt: number;
  resolvedAt: number | null;
  mutedUntil: number | null;
};

export type AlertOp =
  | { op: 'open'; finding: Finding }
  | { op: 'update'; id: bigint; finding: Finding }
  | { op: 'reopen'; id: bigint; finding: Finding }
  | { op: 'resolve'; id: bigint; rule: string; notify: boolean };

const groupKey = (rule: string, key: string) => `${rule}\n${key}`;
export const isActive = (state: string) => state === 'open' || state === 'acknowledged';

export function planAlerts(opts: {
  now: number;
  rules: Pick<WatchRules, 'alerting'>;
  findings: Finding[];
  /** The host's active alerts and those resolved within the cool-down. */
  alerts: AlertLite[];
  /** Rules that could not be checked this tick (no queue sample): their alerts stay as they are. */
  unevaluated?: ReadonlySet<RuleId>;
}): AlertOp[] {
  const { now, findings, alerts } = opts;
  const { recoveryMinutes, cooldownMinutes } = opts.rules.alerting;
  const active = new Map<string, AlertLite>();
  const recent = new Map<string, AlertLite>();
  for (const a of alerts) {
    const k = groupKey(a.rule, a.key);
    if (isActive(a.state)) active.set(k, a);
    else if (a.resolvedAt !== null && a.resolvedAt >= now - cooldownMinutes * 60_000) {
      const prev = recent.get(k);
      if (!prev || (prev.resolvedAt ?? 0) < a.resolvedAt) recent.set(k, a);
    }
  }
  const ops: AlertOp[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    const k = groupKey(finding.rule, finding.key);
    if (seen.has(k)) continue;
    seen.add(k);
    const open = active.get(k);
    if (open) ops.push({ op: 'update', id: open.id, finding });
    else if (recent.has(k)) ops.push({ op: 'reopen', id: recent.get(k)!.id, finding });
    else ops.push({ op: 'open', finding });
  }
  for (const [k, a] of active) {
    if (seen.has(k) || opts.unevaluated?.has(a.rule as RuleId)) continue;
    if (a.lastAt > now - recoveryMinutes * 60_000) continue;
    const muted = a.mutedUntil !== null && a.mutedUntil > now;
    ops.push({ op: 'resolve', id: a.id, rule: a.rule, notify: !muted && !EVENT_RULES.has(a.rule as RuleId) });
  }
  return ops;
}

/**
 * Rules this tick cannot judge, so their alerts must not resolve: the queue
 * rules without a fresh sample, and the log rules until the log has been
 * followed for their whole window — a console that just started has seen
 * none of the last hour, which is not the same as a quiet hour.
 */
export function unevaluatedRules(opts: {
  now: number;
  sampled: boolean;
  followingSince: number | null;
  rules: Pick<WatchRules, 'saslFailures' | 'remoteBlocks'>;
}): Set<RuleId> {
  const out = new Set<RuleId>();
  if (!opts.sampled) out.add('queue-size').add('queue-growth');
  const seen = opts.followingSince === null ? 0 : opts.now - opts.followingSince;
  if (seen < 60 * MIN) out.add('sasl-volume').add('sasl-many-ips');
  if (seen < opts.rules.saslFailures.windowMinutes * MIN) out.add('sasl-failures');
  if (seen < opts.rules.remoteBlocks.windowMinutes * MIN) out.add('remote-blocks');
  return out;
}
