import { describe, expect, it } from 'vitest';
import { planAlerts, unevaluatedRules, type AlertLite } from './alert-plan';
import type { Finding } from './evaluate';
import { defaultRules } from './rules-schema';

const NOW = Date.UTC(2026, 0, 5, 10, 30);
const MIN = 60_000;
const rules = defaultRules(); // recovery 10 min, cool-down 60 min
const finding = (rule: Finding['rule'], key = ''): Finding => ({ rule, key, severity: 'warning', domain: null, vars: {}, link: '/' });
const alert = (id: number, rule: string, key: string, over: Partial<AlertLite> = {}): AlertLite => ({
  id: BigInt(id),
  rule,
  key,
  state: 'open',
  lastAt: NOW - MIN,
  resolvedAt: null,
  mutedUntil: null,
  ...over,
});

describe('planAlerts', () => {
  it('opens a new alert for a new condition', () => {
    expect(planAlerts({ now: NOW, rules, findings: [finding('queue-size')], alerts: [] })).toEqual([{ op: 'open', finding: finding('queue-size') }]);
  });

  it('groups a repeat into the open (or acknowledged) alert', () => {
    const ops = planAlerts({
      now: NOW,
      rules,
      findings: [finding('sasl-volume', 'a@x'), finding('sasl-volume', 'b@x')],
      alerts: [alert(1, 'sasl-volume', 'a@x'), alert(2, 'sasl-volume', 'b@x', { state: 'acknowledged' })],
    });
    expect(ops.map((o) => [o.op, 'id' in o ? Number(o.id) : null])).toEqual([
      ['update', 1],
      ['update', 2],
    ]);
  });

  it('reopens quietly within the cool-down, opens anew after it', () => {
    const recent = alert(3, 'queue-size', '', { state: 'resolved', resolvedAt: NOW - 30 * MIN });
    expect(planAlerts({ now: NOW, rules, findings: [finding('queue-size')], alerts: [recent] })[0]).toMatchObject({ op: 'reopen', id: 3n });
    const old = { ...recent, resolvedAt: NOW - 61 * MIN };
    expect(planAlerts({ now: NOW, rules, findings: [finding('queue-size')], alerts: [old] })[0]).toMatchObject({ op: 'open' });
  });

  it('resolves after the recovery time, and announces it unless muted or a one-off event', () => {
    const gone = [
      alert(1, 'queue-size', '', { lastAt: NOW - 11 * MIN }),
      alert(2, 'sasl-failures', '1.2.3.4', { lastAt: NOW - 11 * MIN, mutedUntil: NOW + MIN }),
      alert(3, 'sasl-new-ip', 'a@x 1.2.3.4', { lastAt: NOW - 11 * MIN }),
      alert(4, 'remote-blocks', 'qq.com', { lastAt: NOW - 5 * MIN }),
    ];
    const ops = planAlerts({ now: NOW, rules, findings: [], alerts: gone });
    expect(ops).toEqual([
      { op: 'resolve', id: 1n, rule: 'queue-size', notify: true },
      { op: 'resolve', id: 2n, rule: 'sasl-failures', notify: false },
      { op: 'resolve', id: 3n, rule: 'sasl-new-ip', notify: false },
    ]);
  });

  it('leaves alerts of rules it could not check this tick alone', () => {
    const ops = planAlerts({
      now: NOW,
      rules,
      findings: [],
      alerts: [alert(1, 'queue-size', '', { lastAt: NOW - 60 * MIN })],
      unevaluated: new Set(['queue-size']),
    });
    expect(ops).toEqual([]);
  });
});

describe('unevaluatedRules', () => {
  it('keeps log alerts until the log has been followed for their whole window, queue alerts without a sample', () => {
    const fresh = unevaluatedRules({ now: NOW, sampled: true, followingSince: NOW - 5 * MIN, rules });
    expect([...fresh].sort()).toEqual(['remote-blocks', 'sasl-failures', 'sasl-many-ips', 'sasl-volume']);
    expect([...unevaluatedRules({ now: NOW, sampled: true, followingSince: NOW - 30 * MIN, rules })].sort()).toEqual(['sasl-many-ips', 'sasl-volume']);
    expect([...unevaluatedRules({ now: NOW, sampled: true, followingSince: NOW - 61 * MIN, rules })]).toEqual([]);
    expect([...unevaluatedRules({ now: NOW, sampled: false, followingSince: null, rules })]).toContain('queue-size');
  });

  it('does not let a restarted watcher resolve an alert it simply has not seen yet', () => {
    const open = alert(1, 'sasl-volume', 'info@example.com', { lastAt: NOW - 20 * MIN });
    const unevaluated = unevaluatedRules({ now: NOW, sampled: true, followingSince: NOW - 2 * MIN, rules });
    expect(planAlerts({ now: NOW, rules, findings: [], alerts: [open], unevaluated })).toEqual([]);
  });
});
