import { describe, expect, it } from 'vitest';
import { contentLines } from './content';
import { ATTACKER_IP, createCast, kindsFor, planMessage, SECOND_LOGIN, STOLEN_LOGIN, type Kind } from './population';
import { createRng } from './random';

const NOW = 1_800_000_000;

describe('kindsFor', () => {
  it('gives the seed-shaped shares of a 300,000-message queue exactly', () => {
    const kinds = kindsFor(300_000, createRng(1));
    const count = (k: Kind): number => kinds.filter((x) => x === k).length;
    expect(kinds).toHaveLength(300_000);
    expect(count('attacker')).toBe(6000);
    expect(count('backscatter')).toBe(24_000);
    expect(count('legit')).toBe(15_000);
    expect(count('second')).toBe(15_000);
    expect(count('botnet')).toBe(240_000);
  });

  it('shuffles the kinds instead of writing them in blocks', () => {
    const head = kindsFor(10_000, createRng(2)).slice(0, 500);
    expect(new Set(head).size).toBeGreaterThan(3);
  });
});

describe('planMessage', () => {
  const rng = createRng(7);
  const cast = createCast(rng, 300_000);
  const plans = Array.from({ length: 4000 }, (_, i) =>
    planMessage((['attacker', 'botnet', 'backscatter', 'legit', 'second'] as const)[i % 5] as Kind, cast, rng, NOW),
  );
  const of = (k: Kind) => plans.filter((p) => p.kind === k);
  const forged = new Set(cast.forgedSenders);
  const bots = new Set(cast.botnetIps);

  it('builds a botnet of about 2,000 addresses and a few thousand forged senders', () => {
    expect(cast.botnetIps.length).toBeGreaterThan(1900);
    expect(new Set(cast.botnetIps).size).toBe(cast.botnetIps.length);
    expect(cast.forgedSenders.length).toBeGreaterThan(3000);
  });

  it('sends the attacker and the botnet through the stolen login with forged senders', () => {
    for (const p of of('attacker')) {
      expect(p.client?.address).toBe(ATTACKER_IP);
      expect(p.sasl?.username).toBe(STOLEN_LOGIN);
      expect(forged.has(p.sender)).toBe(true);
    }
    for (const p of of('botnet')) {
      expect(p.sasl?.username).toBe(STOLEN_LOGIN);
      expect(bots.has(p.client?.address ?? '')).toBe(true);
    }
    expect(of('second').every((p) => p.sasl?.username === SECOND_LOGIN)).toBe(true);
  });

  it('lets real users send as themselves only', () => {
    for (const p of of('legit')) expect(p.sender).toBe(p.sasl?.username);
  });

  it('makes backscatter a null-sender bounce to a forged sender, with no client', () => {
    for (const p of of('backscatter')) {
      expect(p.sender).toBe('');
      expect(p.client).toBeNull();
      expect(p.sasl).toBeNull();
      expect(p.recipients).toHaveLength(1);
      expect(forged.has(p.recipients[0] ?? '')).toBe(true);
    }
  });

  it('keeps 1-50 distinct recipients, sizes of 1-20 KB and arrivals in the last 72 h', () => {
    for (const p of plans) {
      expect(p.recipients.length).toBeGreaterThanOrEqual(1);
      expect(p.recipients.length).toBeLessThanOrEqual(50);
      expect(new Set(p.recipients).size).toBe(p.recipients.length);
      expect(p.targetSize).toBeGreaterThanOrEqual(1000);
      expect(p.targetSize).toBeLessThanOrEqual(20_000);
      expect(NOW - p.arrival.sec).toBeGreaterThan(0);
      expect(NOW - p.arrival.sec).toBeLessThanOrEqual(72 * 3600);
    }
    const held = plans.filter((p) => p.queue === 'hold').length;
    expect(held).toBeGreaterThan(10);
    expect(held).toBeLessThan(100);
  });

  it('is reproducible from the seed', () => {
    const again = (seed: number) => planMessage('botnet', createCast(createRng(seed), 1000), createRng(seed + 1), NOW);
    expect(again(5)).toEqual(again(5));
    expect(again(5)).not.toEqual(again(6));
  });
});

describe('contentLines', () => {
  const rng = createRng(3);
  const cast = createCast(rng, 1000);

  it('lands near the planned size and names the queue id in Received and Message-Id', () => {
    for (const kind of ['attacker', 'legit', 'backscatter'] as const) {
      const plan = planMessage(kind, cast, rng, NOW);
      const lines = contentLines(plan, 'ABCDE123', 'mail.example.com', rng);
      const size = lines.reduce((n, l) => n + l.length + 1, 0);
      expect(size).toBeGreaterThanOrEqual(plan.targetSize - 200);
      expect(size).toBeLessThan(plan.targetSize + 1000);
      expect(lines.join('\n')).toMatch(/id ABCDE123[;\s]/);
      expect(lines.some((l) => /^Message-Id: <\d{14}\.ABCDE123@mail\.example\.com>$/.test(l))).toBe(true);
    }
  });

  it('writes bounces as multipart/report from MAILER-DAEMON', () => {
    const text = contentLines(planMessage('backscatter', cast, rng, NOW), 'ABCDE123', 'mail.example.com', rng).join('\n');
    expect(text).toContain('Content-Type: multipart/report; report-type=delivery-status;');
    expect(text).toContain('From: Mail Delivery System <MAILER-DAEMON@example.com>');
  });
});
