import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeLongQueueId, isLongQueueId, isQueueId, isShortQueueId, queueIdSchema, queueSubdir, safeDecode, safeEncode } from './queue-id';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');
const jsonRows = readFileSync(path.join(CORPORA, 'postqueue-j/rseichter-postqf-tests-qdata.postqueue-j.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { queue_id: string; arrival_time: number });
const mailqIds = readFileSync(path.join(CORPORA, 'mailq/kumina-postfix_exporter-testdata-showq.mailq.txt'), 'utf8')
  .split('\n')
  .map((l) => /^([0-9A-F]+)[*!]?\s/.exec(l)?.[1])
  .filter((x): x is string => Boolean(x));
// From the seed incident's maillog and postcat lines.
const seedIds = ['45C4E130CB', '4728312BBA', '2FDF423FA50'];

describe('validation', () => {
  it('accepts every ID in the corpora', () => {
    expect(mailqIds.length).toBeGreaterThan(20);
    for (const id of [...mailqIds, ...seedIds]) expect(isShortQueueId(id), id).toBe(true);
    for (const { queue_id } of jsonRows) expect(isLongQueueId(queue_id), queue_id).toBe(true);
    for (const id of [...mailqIds, ...seedIds, ...jsonRows.map((r) => r.queue_id)]) expect(isQueueId(id)).toBe(true);
  });

  it('rejects what Postfix would not make', () => {
    for (const bad of [
      '',
      'ABCDE',
      '45c4e130cb',
      '../../etc/passwd',
      '2FDF423FA50 ',
      'A'.repeat(65),
      'NOQUEUE',
      '4Jgt2V6BKNz1xy5;rm',
      '4Jgt2V6BKNz1xA5',
      '4Jgt2V6Bz1xy5',
    ]) {
      expect(isQueueId(bad), bad).toBe(false);
    }
  });

  it('has a zod schema that trims and explains', () => {
    expect(queueIdSchema.parse(' 2FDF423FA50\n')).toBe('2FDF423FA50');
    const r = queueIdSchema.safeParse('x; rm -rf /');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('not a Postfix queue ID');
  });
});

describe('long IDs', () => {
  it('encode the arrival second that showq reports', () => {
    for (const row of jsonRows) expect(decodeLongQueueId(row.queue_id)?.seconds).toBe(row.arrival_time);
  });

  it('round-trip through the safe alphabet', () => {
    for (const { queue_id } of jsonRows) {
      const d = decodeLongQueueId(queue_id)!;
      expect(safeEncode(d.seconds, 52, 6) + safeEncode(d.microseconds, 52, 4) + 'z' + safeEncode(d.inode, 51)).toBe(queue_id);
    }
    expect(safeDecode('z', 51)).toBeNull();
    expect(safeDecode('A', 52)).toBeNull();
  });

  it('treat the last z as the separator', () => {
    // seconds whose base-52 form ends in 'z' (digit 51)
    const id = safeEncode(52 * 31000000 + 51, 52, 6) + safeEncode(5, 52, 4) + 'z' + safeEncode(77, 51);
    expect(id.slice(0, 10)).toContain('z');
    expect(decodeLongQueueId(id)).toEqual({ seconds: 52 * 31000000 + 51, microseconds: 5, inode: 77 });
  });
});

describe('hashed directories', () => {
  it('use the leading hex digits of a short ID', () => {
    expect(queueSubdir('2FDF423FA50')).toBe('2');
    expect(queueSubdir('2FDF423FA50', 2)).toBe('2/F');
  });

  it('put a long ID where the short ID of the same instant goes', () => {
    for (const { queue_id } of jsonRows) {
      const d = decodeLongQueueId(queue_id)!;
      const short = d.microseconds.toString(16).toUpperCase().padStart(5, '0') + d.inode.toString(16).toUpperCase();
      expect(isShortQueueId(short)).toBe(true);
      for (const depth of [1, 2, 3]) expect(queueSubdir(queue_id, depth)).toBe(queueSubdir(short, depth));
    }
  });

  it('refuses bad input instead of building a path from it', () => {
    expect(queueSubdir('../x')).toBeNull();
    expect(queueSubdir('2FDF423FA50', 0)).toBeNull();
  });
});
