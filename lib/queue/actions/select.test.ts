import { describe, expect, it } from 'vitest';
import type { QueueFilter } from '@/lib/queue/schemas';
import type { FakeMessage } from '@/test/queue/test-fixtures';
import { incident, indexOf, NOW } from '@/test/queue/index-fixture';
import { ELIGIBLE, filterRows, selectTargets } from './select';

const admin = { role: 'admin' as const, domains: [] };
const pm = { role: 'postmaster' as const, domains: ['example.com'] };
const MESSAGES = incident(3000, 7);
const ix = indexOf(MESSAGES);

const domainOf = (a: string | null | undefined) => (a && a.includes('@') ? a.split('@')[1]!.toLowerCase() : null);

/** The filter evaluated on the generator's own data, not on the index. */
function truth(f: QueueFilter, who: { role: string; domains: string[] }): FakeMessage[] {
  return MESSAGES.filter((m) => {
    if (who.role !== 'admin' && !who.domains.includes(domainOf(m.saslUser) ?? '') && !who.domains.includes(domainOf(m.sender) ?? '')) return false;
    if (f.saslUser !== undefined && m.saslUser !== f.saslUser) return false;
    if (f.clientIp !== undefined && m.clientIp !== f.clientIp) return false;
    if (f.senderDomain !== undefined && domainOf(m.sender) !== f.senderDomain) return false;
    if (f.queue !== undefined && (m.queue ?? 'deferred') !== f.queue) return false;
    return true;
  });
}

function randomFilter(rnd: () => number): QueueFilter {
  const f: QueueFilter = {};
  const maybe = <T>(values: T[]) => (rnd() < 0.5 ? values[Math.floor(rnd() * values.length)] : undefined);
  f.saslUser = maybe(['info@example.com', 'ceo@corp.test', 'alice@example.com']);
  f.clientIp = maybe(['127.0.0.66', '198.18.0.9', '192.0.2.21']);
  f.senderDomain = maybe(['yahoo.com', 'example.com', '163.com']);
  f.queue = maybe(['deferred', 'hold', 'active'] as const);
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as QueueFilter;
}

describe('filterRows / selectTargets', () => {
  it('matches exactly what the generator says for 60 random filters, admin and postmaster', () => {
    let s = 42;
    const rnd = () => (s = (Math.imul(s, 48271) + 1) >>> 0) / 2 ** 32;
    let checked = 0;
    for (let i = 0; i < 60; i++) {
      const f = randomFilter(rnd);
      for (const who of [admin, pm]) {
        const got = filterRows(ix, f, who, NOW)
          .map((r) => ix.ids[r])
          .sort();
        const want = truth(f, who)
          .map((m) => m.id)
          .sort();
        expect(got, JSON.stringify({ f, who: who.role })).toEqual(want);
        checked += want.length;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('keeps only the queues postsuper handles for each action and counts the rest as skipped', () => {
    const f = { saslUser: 'info@example.com' };
    const all = truth(f, admin);
    for (const action of ['hold', 'release', 'requeue', 'delete', 'flush'] as const) {
      const sel = selectTargets(ix, { action, filter: f }, admin, NOW);
      const want = all
        .filter((m) => ELIGIBLE[action].includes(m.queue ?? 'deferred'))
        .map((m) => m.id)
        .sort();
      expect([...sel.ids].sort(), action).toEqual(want);
      const skipped = Object.values(sel.skippedByQueue).reduce((a, b) => a + (b ?? 0), 0);
      expect(skipped + sel.ids.length).toBe(all.length);
    }
    expect(selectTargets(ix, { action: 'release', filter: f }, admin, NOW).byQueue).toEqual({ hold: all.filter((m) => m.queue === 'hold').length });
  });

  it('counts legitimate-looking mail: a real sender in the login’s own domain, never bounces or forgeries', () => {
    const sel = selectTargets(ix, { action: 'delete', filter: {} }, admin, NOW);
    // Every fixture queue is one delete handles, so this is all messages.
    const want = MESSAGES.filter((m) => m.sender && (!m.saslUser || domainOf(m.saslUser) === domainOf(m.sender))).length;
    expect(sel.legitLooking).toBe(want);
    expect(sel.legitLooking).toBeGreaterThan(0);
  });

  it('looks selections up id by id: unknown ids and (for postmasters) ids outside their domains read the same', () => {
    const info = MESSAGES.find((m) => m.saslUser === 'info@example.com' && m.queue === 'deferred')!;
    const corp = MESSAGES.find((m) => m.saslUser === 'ceo@corp.test' && m.queue === 'deferred')!;
    const ids = [info.id, corp.id, 'FFFFFFFFFFF', info.id];
    const asAdmin = selectTargets(ix, { action: 'hold', ids }, admin, NOW);
    expect(asAdmin.ids).toEqual([info.id, corp.id]);
    expect(asAdmin.unknown).toEqual(['FFFFFFFFFFF']);
    const asPm = selectTargets(ix, { action: 'hold', ids }, pm, NOW);
    expect(asPm.ids).toEqual([info.id]);
    expect(asPm.unknown.sort()).toEqual([corp.id, 'FFFFFFFFFFF'].sort());
  });
});
