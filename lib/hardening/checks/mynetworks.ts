import { parseNetworks, widthOf } from '@/lib/postfix/networks';
import { defineCheck, type CheckFinding } from './check';

// Who is trusted without logging in: an open or very wide mynetworks relays for strangers.

const FINDINGS = ['mynetworks.open', 'mynetworks.wide', 'mynetworks.ok', 'not-understood.network'] as const;

export const mynetworks = defineCheck({
  id: 'mynetworks',
  findings: FINDINGS,
  reads: ['mynetworks', 'mynetworks_style'],
  overrides: ['mynetworks'],
  assess(view) {
    const r = view.get('mynetworks');
    if (r.source === 'default' && !r.value) {
      // Not set and the host was not asked: Postfix uses mynetworks_style (host).
      return [{ key: 'mynetworks.ok', severity: 'ok', evidence: [view.evidence('mynetworks_style')] }];
    }
    const networks = parseNetworks(r.value);
    const evidence = [view.evidence('mynetworks')];
    const out: CheckFinding<(typeof FINDINGS)[number], never>[] = [];
    const open = networks.filter((n) => widthOf(n) === 'open');
    const wide = networks.filter((n) => widthOf(n) === 'wide');
    const other = networks.filter((n) => widthOf(n) === 'unknown');
    if (open.length) out.push({ key: 'mynetworks.open', severity: 'critical', evidence, vars: { value: open.map((n) => n.text).join(' ') } });
    else if (wide.length) out.push({ key: 'mynetworks.wide', severity: 'high', evidence, vars: { value: wide.map((n) => n.text).join(' ') } });
    if (other.length) out.push({ key: 'not-understood.network', severity: 'unknown', evidence, vars: { value: other.map((n) => n.text).join(' ') } });
    if (!out.length) out.push({ key: 'mynetworks.ok', severity: 'ok', evidence });
    return out;
  },
});
