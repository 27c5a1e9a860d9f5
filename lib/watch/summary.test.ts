import { describe, expect, it } from 'vitest';
import { translator } from '@/lib/i18n/translate';
import { evaluate } from './evaluate';
import { defaultRules } from './rules-schema';
import { renderSummary, ruleName } from './summary';

const f = evaluate({
  host: 'lab',
  now: 0,
  rules: defaultRules(),
  baselines: new Map(),
  newIps: [],
  failures: [],
  blocks: [],
  users: [{ user: 'info@example.com', messages: 1234, recipients: 20000, ips: [['127.0.0.66', 1100]], ipCount: 3 }],
})[0]!;
const details = { vars: f.vars, reasons: f.reasons };

describe('renderSummary', () => {
  it('says why, with the numbers, in English', () => {
    const s = renderSummary(translator('en'), f.rule, details);
    expect(s).toBe(
      'info@example.com submitted 1,234 messages to 20,000 recipients in the last hour, from 3 IPs: 127.0.0.66 (1100) — more than 100 messages an hour; more than 1,000 recipients an hour.',
    );
  });

  it('says the same in Chinese, leaving no placeholder behind', () => {
    const s = renderSummary(translator('zh'), f.rule, details);
    expect(s).toContain('info@example.com');
    expect(s).toContain('1,234');
    expect(s).toContain('每小时超过 100 封');
    expect(s).not.toMatch(/\{\w+\}/);
    expect(ruleName(translator('zh'), 'sasl-volume')).toBe('SASL 用户发信量异常');
  });

  it('marks a capped queue count as a lower bound', () => {
    const en = translator('en');
    expect(renderSummary(en, 'queue-size', { vars: { total: 5000, atLeast: 1, limit: 1000 } })).toContain('at least 5,000');
    expect(renderSummary(en, 'queue-size', { vars: { total: 5000, atLeast: 0, limit: 1000 } })).toBe('The queue holds 5,000 messages (limit 1,000).');
  });
});
