import { describe, expect, it } from 'vitest';
import { evaluate, type EvalInput } from './evaluate';
import { defaultRules, type WatchRules } from './rules-schema';

const NOW = Date.UTC(2026, 0, 5, 10, 30);
const base = (over: Partial<EvalInput> = {}, rules: WatchRules = defaultRules()): EvalInput => ({
  host: 'lab',
  now: NOW,
  rules,
  users: [],
  baselines: new Map(),
  newIps: [],
  failures: [],
  blocks: [],
  ...over,
});
const user = (u: string, messages: number, recipients = messages, ips: [string, number][] = [['10.0.0.1', messages]]) => ({
  user: u,
  messages,
  recipients,
  ips,
  ipCount: ips.length,
});

describe('evaluate', () => {
  it('is quiet on a quiet host', () => {
    expect(evaluate(base({ users: [user('a@example.com', 12)], latest: { at: NOW, total: 40, complete: true } }))).toEqual([]);
  });

  it('names the account, its numbers and its IPs when it sends too much, and links to its queue', () => {
    const [f, ...rest] = evaluate(
      base({
        users: [
          user('info@example.com', 190, 2400, [
            ['127.0.0.66', 150],
            ['127.0.1.10', 8],
          ]),
        ],
      }),
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'sasl-volume', key: 'info@example.com', domain: 'example.com', severity: 'warning' });
    expect(f!.vars).toMatchObject({ user: 'info@example.com', messages: 190, recipients: 2400, ips: '127.0.0.66 (150), 127.0.1.10 (8)' });
    expect(f!.reasons!.map((r) => r.id)).toEqual(['messages', 'recipients']);
    expect(f!.link).toBe('/queue?host=lab&saslUser=info%40example.com');
    expect(f!.contain).toBeUndefined();
  });

  it('asks for containment only when it is on and the hard threshold is crossed', () => {
    const rules = defaultRules();
    rules.containment = { enabled: true, messagesPerHour: 150 };
    expect(evaluate(base({ users: [user('x@example.com', 149)] }, rules))[0]!.contain).toBeUndefined();
    const hit = evaluate(base({ users: [user('x@example.com', 150)] }, rules))[0]!;
    expect(hit).toMatchObject({ contain: true, severity: 'critical' });
    expect(hit.reasons!.map((r) => r.id)).toEqual(['messages', 'containment']);
    rules.containment.messagesPerHour = 40;
    const early = evaluate(base({ users: [user('x@example.com', 45)] }, rules))[0]!;
    expect(early).toMatchObject({ rule: 'sasl-volume', contain: true, reasons: [{ id: 'containment', vars: { limit: 40 } }] });
  });

  it('compares a user with its own baseline, above a floor', () => {
    const rules = defaultRules();
    const quiet = base({ users: [user('old@example.com', 30)], baselines: new Map([['old@example.com', 0.5]]) }, rules);
    expect(evaluate(quiet)[0]).toMatchObject({ rule: 'sasl-volume', reasons: [{ id: 'baseline', vars: { factor: 10, baseline: 0.5 } }] });
    expect(evaluate({ ...quiet, users: [user('old@example.com', 19)] })).toEqual([]);
    expect(evaluate({ ...quiet, baselines: new Map([['old@example.com', 4]]) })).toEqual([]);
  });

  it('flags logins from many IPs and from a new IP', () => {
    const ips: [string, number][] = ['1', '2', '3', '4', '5'].map((n) => [`10.0.0.${n}`, 1]);
    const out = evaluate(base({ users: [user('a@example.com', 5, 5, ips)], newIps: [{ user: 'a@example.com', ip: '10.0.0.5', knownIps: 2 }] }));
    expect(out.map((f) => f.rule).sort()).toEqual(['sasl-many-ips', 'sasl-new-ip']);
    expect(out.find((f) => f.rule === 'sasl-new-ip')).toMatchObject({
      key: 'a@example.com 10.0.0.5',
      severity: 'info',
      link: '/logs?host=lab&tab=logins&user=a%40example.com',
    });
  });

  it('flags brute force and remote blocking at the thresholds', () => {
    const out = evaluate(
      base({
        failures: [
          { ip: '127.0.0.99', count: 20, users: [['info@example.com', 12]] },
          { ip: '10.9.9.9', count: 19, users: [] },
        ],
        blocks: [
          { site: 'qq.com', count: 5, sample: { reply: '550 Mail content denied', provider: 'QQ' } },
          { site: 'x.test', count: 4 },
        ],
      }),
    );
    expect(out.map((f) => `${f.rule} ${f.key}`)).toEqual(['sasl-failures 127.0.0.99', 'remote-blocks qq.com']);
    expect(out[1]!.vars).toMatchObject({ provider: 'QQ', count: 5 });
  });

  it('checks queue size and growth from complete samples only', () => {
    const latest = { at: NOW, total: 5000, complete: true };
    const previous = { at: NOW - 2 * 60_000, total: 3000, complete: true };
    const out = evaluate(base({ latest, previous }));
    expect(out.map((f) => f.rule)).toEqual(['queue-size', 'queue-growth']);
    expect(out[1]!.vars).toMatchObject({ rate: 1000, minutes: 2 });
    expect(evaluate(base({ latest: { ...latest, complete: false }, previous })).map((f) => f.rule)).toEqual(['queue-size']);
    expect(evaluate(base({ latest: { at: NOW, total: 4999, complete: true } }))[0]!.severity).toBe('warning');
    expect(evaluate(base({ latest: { at: NOW, total: 5000, complete: false } }))[0]!.severity).toBe('critical');
  });

  it('turns a rule off with a zero threshold', () => {
    const rules = defaultRules();
    rules.saslUser.messagesPerHour = 0;
    rules.saslUser.recipientsPerHour = 0;
    rules.queue.totalAbove = 0;
    expect(evaluate(base({ users: [user('a@example.com', 5000)], latest: { at: NOW, total: 99_999, complete: true } }, rules))).toEqual([]);
  });

  it('raises one unreachable finding per host', () => {
    const out = evaluate(base({ unreachable: 'cannot reach 10.0.0.1:22' }));
    expect(out).toEqual([expect.objectContaining({ rule: 'host-unreachable', key: '', severity: 'critical', link: '/hosts' })]);
  });
});
