import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePostqueueJson, parsePostqueueLine } from './postqueue-json';

const FILE = path.resolve(__dirname, '../../../shared/corpora/postqueue-j/rseichter-postqf-tests-qdata.postqueue-j.jsonl');
const text = readFileSync(FILE, 'utf8');
const lines = text.split('\n').filter((l) => l.trim() !== '');

describe('postqueue -j corpus', () => {
  it('parses every line', () => {
    const out = parsePostqueueJson(text);
    expect(out.errors).toEqual([]);
    expect(out.bad).toBe(0);
    expect(out.rows).toHaveLength(lines.length);
  });

  it.each(lines.map((l, i) => [i + 1, l]))('line %i keeps every field of the JSON', (_, line) => {
    const json = JSON.parse(line as string);
    const r = parsePostqueueLine(line as string);
    if (!r?.ok) throw new Error(r ? r.error : 'blank');
    expect(r.row.queueId).toBe(json.queue_id);
    expect(r.row.queueName).toBe(json.queue_name);
    expect(r.row.arrivalTime.getTime()).toBe(json.arrival_time * 1000);
    expect(r.row.messageSize).toBe(json.message_size);
    expect(r.row.forcedExpire).toBe(json.forced_expire);
    expect(r.row.sender).toBe(json.sender);
    expect(r.row.recipients).toHaveLength(json.recipients.length);
    expect(r.row.recipients.map((x) => x.delayReason)).toEqual(json.recipients.map((x: { delay_reason?: string }) => x.delay_reason));
  });
});

describe('bad lines', () => {
  const good = lines[1] as string;

  it('counts them and keeps going', () => {
    const mixed = [good, '{"queue_name": "active"', 'postqueue: fatal: Queue report unavailable - mail system is down', good].join('\n');
    const out = parsePostqueueJson(mixed);
    expect(out.rows).toHaveLength(2);
    expect(out.bad).toBe(2);
    expect(out.errors.map((e) => e.line)).toEqual([2, 3]);
  });

  it('names the field that is wrong', () => {
    const json = JSON.parse(good);
    const r = parsePostqueueLine(JSON.stringify({ ...json, queue_id: '../../etc/passwd' }));
    expect(r).toEqual({ ok: false, error: 'queue_id: not a Postfix queue ID' });
    const r2 = parsePostqueueLine(JSON.stringify({ ...json, queue_name: 'bogus' }));
    expect(r2?.ok).toBe(false);
    const r3 = parsePostqueueLine(JSON.stringify({ ...json, recipients: [{}] }));
    expect(r3?.ok === false && r3.error).toMatch(/^recipients\.0\.address/);
  });

  it('skips blank lines and accepts the force_expired spelling', () => {
    expect(parsePostqueueLine('   ')).toBeNull();
    const json = JSON.parse(good);
    delete json.forced_expire;
    const r = parsePostqueueLine(JSON.stringify({ ...json, force_expired: true }));
    expect(r?.ok && r.row.forcedExpire).toBe(true);
  });
});
