import { KIND_OF_SUFFIX, type LimitKind } from './ruleset';

// Reads `postfwd --dumpcache` (mw-policy counters). Pure. The rate cache
// holds one entry per login and rule:
//   %rate_cache -> %sasl_username=info@example.com -> %mw-login-1-mh+3_3600 -> @count    -> '3'
//   ... -> @maxcount -> '3'  ... -> @until -> '1796615503.46672'

export type Counter = { rule: string; kind: LimitKind | null; count: number; max: number; windowSec: number; until: number };
export type LoginCounters = { login: string; counters: Counter[]; refused: boolean };

const LINE = /^%rate_cache -> %sasl_username=(\S+) -> %([a-z0-9-]+)\+(\d+)_(\d+) -> @(\w+)\s+-> '([^']*)'$/;

export function parseCounters(text: string, nowMs = Date.now()): LoginCounters[] {
  const byLogin = new Map<string, Map<string, Counter>>();
  for (const raw of text.split('\n')) {
    const m = LINE.exec(raw.trim());
    if (!m) continue;
    const [, login, rule, max, window, field, value] = m as unknown as string[];
    const rules = byLogin.get(login!) ?? new Map<string, Counter>();
    byLogin.set(login!, rules);
    const suffix = rule!.split('-').at(-1)!;
    const c = rules.get(rule!) ?? { rule: rule!, kind: KIND_OF_SUFFIX[suffix] ?? null, count: 0, max: Number(max), windowSec: Number(window), until: 0 };
    rules.set(rule!, c);
    if (field === 'count') c.count = Number(value);
    else if (field === 'maxcount') c.max = Number(value);
    else if (field === 'until') c.until = Math.round(Number(value) * 1000);
  }
  return [...byLogin]
    .map(([login, rules]) => {
      // A counter past its window restarts with the next message.
      const counters = [...rules.values()].filter((c) => !c.until || c.until > nowMs);
      return { login, counters, refused: counters.some((c) => c.count >= c.max) };
    })
    .filter((l) => l.counters.length > 0)
    .sort((a, b) => a.login.localeCompare(b.login));
}
