import { RESTRICTION_LISTS } from '../params';
import { isSleepArgument, KNOWN_RESTRICTIONS } from '../restriction-names';
import { defineCheck, type CheckFinding } from './check';

// What the console cannot judge is said, never guessed: a main.cf line it
// cannot parse, a $reference to nothing, a restriction it does not know.

const FINDINGS = ['not-understood.line', 'not-understood.reference', 'not-understood.restriction'] as const;

export const notUnderstood = defineCheck({
  id: 'not-understood',
  findings: FINDINGS,
  reads: [...RESTRICTION_LISTS, 'smtpd_restriction_classes'],
  overrides: [...RESTRICTION_LISTS, 'smtpd_restriction_classes'],
  assess(view, doc) {
    const out: CheckFinding<(typeof FINDINGS)[number], never>[] = [];
    for (const line of doc?.lines ?? []) {
      if (line.kind === 'invalid')
        out.push({ key: 'not-understood.line', severity: 'unknown', evidence: [`main.cf line ${line.n}: ${line.text}`], vars: { line: String(line.n) } });
    }
    const classes = new Set(
      view
        .value('smtpd_restriction_classes')
        .split(/[\s,]+/)
        .filter(Boolean),
    );
    for (const list of RESTRICTION_LISTS) {
      const { items, unresolved } = view.restrictions(list);
      if (unresolved.length)
        out.push({
          key: 'not-understood.reference',
          severity: 'unknown',
          evidence: [view.evidence(list)],
          vars: { value: unresolved.map((r) => `$${r}`).join(' ') },
        });
      const unknown = items.filter((it, i) => !KNOWN_RESTRICTIONS.has(it.name) && !classes.has(it.name) && !isSleepArgument(items[i - 1]?.name, it.name));
      if (unknown.length)
        out.push({
          key: 'not-understood.restriction',
          severity: 'unknown',
          evidence: [view.evidence(list)],
          vars: { value: unknown.map((u) => u.name).join(' ') },
        });
    }
    return out;
  },
});
