// Alert severities, lowest first. Watch rules are set to one of these and a
// channel hears alerts from its minimum up; notify owns the scale so the
// sending side never needs the deciding side.

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

const RANK = { info: 0, warning: 1, critical: 2 } as const;

/** A channel set to `min` hears about alerts at least that severe. */
export function severityReaches(severity: string, min: string): boolean {
  return (RANK[severity as keyof typeof RANK] ?? 1) >= (RANK[min as keyof typeof RANK] ?? 1);
}
