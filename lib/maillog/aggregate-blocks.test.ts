import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocksAggregator } from './aggregate-blocks';
import { normaliseReplyText } from './normalise-reply';
import { feed, readCorpus, seedLines } from '@/test/maillog/test-lines';

const LAB = readFileSync(path.join(__dirname, 'fixtures/lab-attack.log'), 'utf8').split('\n').filter(Boolean);

describe('normaliseReplyText', () => {
  it('blanks our IP, addresses, ids and stamps but keeps codes and list names', () => {
    const a = normaliseReplyText(
      '554 5.7.1 Service unavailable; Client host [124.172.224.76] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/124.172.224.76',
    );
    expect(a).toBe('554 5.7.1 Service unavailable; Client host [<ip>] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/<ip>');
    expect(normaliseReplyText('554 fed1rmimpi210 cox 124.172.224.76 blocked.  Error Code: IPBL0100')).toBe(
      '554 fed#rmimpi# cox <ip> blocked. Error Code: IPBL0100',
    );
    expect(normaliseReplyText('451 DT:SPM 163 mx40,WsCowAAnEhlCoEVa5GjcAA--.20089S3 1514512452, please try again')).toBe(
      normaliseReplyText('451 DT:SPM 163 mx9,O8CowEDJVFKCokVaRhz+AA--.26016S3 1514513028, please try again'),
    );
    expect(normaliseReplyText('550 5.1.1 <joe@example.com>: Recipient address rejected')).toBe('550 5.1.1 <addr>: Recipient address rejected');
  });
});

describe('blocksAggregator', () => {
  it('groups the seed incident by provider: Verizon, AT&T, Yahoo TS03, QQ', () => {
    const lines = seedLines();
    const r = feed(blocksAggregator(), lines).result(50);
    const bySite = new Map(r.groups.map((g) => [g.site, g]));
    expect(bySite.get('verizon.net')?.class).toMatchObject({ blocked: true, provider: 'Verizon' });
    expect(bySite.get('att.net')?.class).toMatchObject({ blocked: true, provider: 'AT&T' });
    expect(bySite.get('yahoodns.net')?.class).toMatchObject({ blocked: true, provider: 'Yahoo', code: 'TS03' });
    expect(bySite.get('qq.com')?.class).toMatchObject({ provider: 'QQ', kind: 'content' });
    expect(bySite.get('qq.com')?.bounced).toBe(1);
    const statusLines = lines.filter((l) => /status=(deferred|bounced)/.test(l) && !/postfix\/(local|virtual)\[/.test(l));
    expect(r.deferred + r.bounced).toBe(statusLines.length);
    // Blocked groups come before the rest.
    const firstUnblocked = r.groups.findIndex((g) => !g.class.blocked);
    expect(r.groups.slice(firstUnblocked < 0 ? r.groups.length : firstUnblocked).every((g) => !g.class.blocked)).toBe(true);
  });

  it('puts the lab smtp-sink refusals into one Spamhaus group with all their recipients', () => {
    const refused = LAB.filter((l) => /status=deferred .*refused to talk to me: 554 .*zen\.spamhaus\.org/.test(l));
    const r = feed(blocksAggregator(), LAB, 2026).result(50);
    const g = r.groups.find((x) => x.reply.includes('zen.spamhaus.org'))!;
    expect(g.count).toBe(refused.length);
    expect(g.class).toMatchObject({ blocked: true, provider: 'Spamhaus', listName: 'zen.spamhaus.org' });
    expect(g.class.link).toMatch(/^https:\/\/www\.spamhaus\.org\//);
    expect(g.recipients).toBe(new Set(refused.map((l) => /to=<([^>]+)>/.exec(l)![1]!.toLowerCase())).size);
    expect(g.queueIds.length).toBeGreaterThan(0);
    expect(g.queueIds.every((id) => refused.some((l) => l.includes(`: ${id}: `)))).toBe(true);
    expect(g.first).toBeLessThanOrEqual(g.last);
  });

  it('ignores local bounces (unknown mailbox here is not somebody blocking us)', () => {
    const lines = readCorpus('kumina-postfix_exporter-postfix_exporter_test.extracted.log').split('\n');
    const r = feed(blocksAggregator(), lines, 2020).result(50);
    expect(r.groups.every((g) => g.relays.every((x) => !/^(local|virtual)$/.test(x)))).toBe(true);
  });

  it('shows a postmaster only mail whose envelope sender is in his domains', () => {
    const all = feed(blocksAggregator(), LAB, 2026).result(50);
    const none = feed(blocksAggregator({ scope: (a) => a.endsWith('@nowhere.test') }), LAB, 2026).result(50);
    expect(all.deferred).toBeGreaterThan(0);
    expect(none.deferred + none.bounced).toBe(0);
    // Forged senders in the lab are outside example.com, so a postmaster of a sender's domain sees those.
    const sender = /from=<([^>]+@([^>]+))>/.exec(LAB.find((l) => /from=<[^>]+@/.test(l))!)![2]!;
    const some = feed(blocksAggregator({ scope: (a) => a.endsWith(`@${sender}`) }), LAB, 2026).result(50);
    expect(some.deferred + some.bounced).toBeGreaterThan(0);
    expect(some.deferred + some.bounced).toBeLessThanOrEqual(all.deferred + all.bounced);
  });
});
