import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addCounts, idBatches, movedIds, parsePostsuperStderr, type PostsuperFlag } from './postsuper';

// The grok-pattern corpus holds postsuper's own log lines (the same text it
// writes to stderr after "postsuper: ").
const CORPUS = join(__dirname, '../../../shared/corpora/maillog/whyscream-postfix-grok-patterns/test');
const samples = readdirSync(CORPUS)
  .filter((f) => f.startsWith('postsuper_'))
  .map((f) => {
    const text = readFileSync(join(CORPUS, f), 'utf8');
    const field = (name: string) => new RegExp(`^\\s*${name}: (.*)$`, 'm').exec(text)?.[1]?.replace(/^"|"$/g, '');
    return {
      data: field('data')!,
      id: field('postfix_queueid'),
      verb: field('postfix_postsuper_action'),
      summary: field('postfix_postsuper_summary_action'),
      count: field('postfix_postsuper_summary_count'),
    };
  });

const FLAG_BY_VERB: Record<string, PostsuperFlag> = { removed: '-d', requeued: '-r', 'placed on hold': '-h', 'released from hold': '-H' };
const KEY_BY_SUMMARY: Record<string, string> = { Deleted: 'deleted', Requeued: 'requeued', 'Placed on hold': 'held', 'Released from hold': 'released' };

describe('parsePostsuperStderr on the corpus', () => {
  it('has per-id and summary samples to check', () => {
    expect(samples.filter((s) => s.verb).length).toBeGreaterThanOrEqual(4);
    expect(samples.filter((s) => s.summary).length).toBeGreaterThanOrEqual(4);
  });

  it.each(samples.filter((s) => s.verb))('reads the id of "$data"', (s) => {
    const flag = FLAG_BY_VERB[s.verb!]!;
    expect(parsePostsuperStderr(`postsuper: ${s.data}\n`, flag).acted).toEqual([s.id]);
    // The same line under another action's flag is not that action's confirmation.
    const other = (['-d', '-h', '-H', '-r'] as const).find((f) => f !== flag)!;
    expect(parsePostsuperStderr(`postsuper: ${s.data}\n`, other).acted).toEqual([]);
  });

  it.each(samples.filter((s) => s.summary))('reads the count of "$data"', (s) => {
    const out = parsePostsuperStderr(`postsuper: ${s.data}\n`, '-d');
    expect(out.counts).toEqual({ [KEY_BY_SUMMARY[s.summary!]!]: Number(s.count) });
  });
});

describe('parsePostsuperStderr', () => {
  it('reads what the lab printed for a hold over SSH, with problems apart', () => {
    const stderr = [
      'postsuper: 49F4B1D0008: placed on hold',
      'postsuper: 0780E1D000A: placed on hold',
      'postsuper: warning: bad queue id: ../x',
      'postsuper: Placed on hold: 2 messages',
      '',
    ].join('\n');
    expect(parsePostsuperStderr(stderr, '-h')).toEqual({
      acted: ['49F4B1D0008', '0780E1D000A'],
      counts: { held: 2 },
      problems: ['warning: bad queue id: ../x'],
    });
  });

  it('ignores lines that are not postsuper per-id lines with a valid id', () => {
    const out = parsePostsuperStderr('sudo: something\npostsuper: not-an-id!: removed\npostsuper: abc: removed\n', '-d');
    expect(out.acted).toEqual([]);
  });

  it('sums counts over runs', () => {
    expect(addCounts({ deleted: 3 }, { deleted: 4, held: 1 })).toEqual({ deleted: 7, held: 1 });
  });
});

// As the lab's postsuper 3.7 wrote it (ids it did not find are not mentioned).
const HOLD = 'postsuper: 300521BAE25: placed on hold\npostsuper: 4Jgt2V6BKNz1xy5: placed on hold\npostsuper: Placed on hold: 2 messages\n';
const RELEASE = 'postsuper: 300521BAE25: released from hold\npostsuper: Released from hold: 1 message\n';

describe('postsuper output (watch containment)', () => {
  it('lists the ids postsuper says it moved, per verb', () => {
    expect(movedIds(HOLD, 'placed on hold')).toEqual(['300521BAE25', '4Jgt2V6BKNz1xy5']);
    expect(movedIds(HOLD, 'released from hold')).toEqual([]);
    expect(movedIds(RELEASE, 'released from hold')).toEqual(['300521BAE25']);
    expect(movedIds('postsuper: warning: whatever\n', 'placed on hold')).toEqual([]);
  });

  it('batches distinct, valid queue ids only', () => {
    expect(idBatches(['ABCDEF1', 'ABCDEF1', 'not an id', '$(rm -rf)', '300521BAE25'], 1)).toEqual([['ABCDEF1'], ['300521BAE25']]);
  });
});
