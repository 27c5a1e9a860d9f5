import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMailq } from './mailq';

const FILE = path.resolve(__dirname, '../../../shared/corpora/mailq/kumina-postfix_exporter-testdata-showq.mailq.txt');
const text = readFileSync(FILE, 'utf8');
const rawLines = text.split('\n');
// A second, cruder reading of the same text to check the parser against.
const idLines = rawLines.filter((l) => /^[0-9A-F]{10}/.test(l));
const rcptLines = rawLines.filter((l) => /^\s+[^\s(]\S*@\S+$/.test(l));
const sizeSum = idLines.reduce((n, l) => n + Number(l.split(/\s+/)[1]), 0);

describe('mailq corpus', () => {
  const out = parseMailq(text);

  it('reads every message and recipient', () => {
    expect(out.warnings).toEqual([]);
    expect(out.entries).toHaveLength(idLines.length);
    expect(out.entries.flatMap((e) => e.recipients)).toHaveLength(rcptLines.length);
    expect(out.entries.filter((e) => e.queue === 'active')).toHaveLength(idLines.filter((l) => l[10] === '*').length);
    expect(out.entries.every((e) => e.sender === 'sender@example.com')).toBe(true);
  });

  it('gives each deferred recipient the reason printed above it', () => {
    const byId = new Map(out.entries.map((e) => [e.queueId, e]));
    expect(byId.get('0572820D64')?.recipients).toEqual([
      {
        address: 'recipient@stahlstierna.se',
        delayReason: 'host mail.wekudata.com[37.208.0.7] said: 452 4.2.2 Quota exceeded (rehanna@stahlstierna.se) (in reply to RCPT TO command)',
      },
    ]);
    expect(byId.get('00C33202B6')?.recipients[0]?.delayReason).toBe('connect to gafe.se[151.252.30.111]:25: Connection refused');
    expect(byId.get('C420820802')?.recipients[0]?.delayReason).toBeUndefined();
  });

  it('has no trailer, so nothing to check it against', () => {
    expect(out.summary).toBeNull();
    expect(out.summaryMatches).toBeNull();
    expect(out.totals).toEqual({ kbytes: Math.floor(sizeSum / 1024), requests: idLines.length });
  });

  it('checks a trailer against the messages read', () => {
    const right = `${text}\n-- ${Math.floor(sizeSum / 1024)} Kbytes in ${idLines.length} Requests.\n`;
    expect(parseMailq(right).summaryMatches).toBe(true);
    const wrong = `${text}\n-- ${Math.floor(sizeSum / 1024)} Kbytes in ${idLines.length + 1} Requests.\n`;
    expect(parseMailq(wrong).summaryMatches).toBe(false);
    // A queue truncated in transfer no longer matches its trailer.
    const cut = rawLines.slice(0, 10).join('\n') + `\n\n-- ${Math.floor(sizeSum / 1024)} Kbytes in ${idLines.length} Requests.\n`;
    expect(parseMailq(cut).summaryMatches).toBe(false);
  });

  it('recovers the year from the weekday', () => {
    const at = (now: string) => parseMailq(text, { now: new Date(now), timeZone: 'Europe/Stockholm' }).entries[0]?.arrivalTime?.toISOString();
    // Mon Feb 24 13:35:18 Stockholm (UTC+1): 2020 and 2025 both have a Monday 24 Feb.
    expect(at('2020-03-01T00:00:00Z')).toBe('2020-02-24T12:35:18.000Z');
    expect(at('2024-01-10T00:00:00Z')).toBe('2020-02-24T12:35:18.000Z');
    expect(at('2025-06-01T00:00:00Z')).toBe('2025-02-24T12:35:18.000Z');
    expect(parseMailq(text).entries[0]?.arrivalTime).toBeNull();
  });
});

describe('other shapes', () => {
  it('reads an empty queue', () => {
    const out = parseMailq('Mail queue is empty\n');
    expect(out).toMatchObject({ empty: true, entries: [], summaryMatches: true });
  });

  it('reads long IDs with hold and expiry markers', () => {
    const out = parseMailq(
      [
        '----Queue ID----- --Size-- ---Arrival Time---- --Sender/Recipient------',
        `${'4Jgt2V6BKNz1xy5!#'.padEnd(17)} ${'2272'.padStart(8)} Sat Jan 22 11:36:18 fummo@example.org`,
        `${' '.repeat(50)}(reason unavailable)`,
        `${' '.repeat(46)}a@example.com`,
        '',
        '-- 2 Kbytes in 1 Request.',
      ].join('\n'),
    );
    expect(out.warnings).toEqual([]);
    expect(out.entries[0]).toMatchObject({ queueId: '4Jgt2V6BKNz1xy5', queue: 'hold', forcedExpire: true, size: 2272, sender: 'fummo@example.org' });
    expect(out.entries[0]?.recipients).toEqual([{ address: 'a@example.com' }]);
    expect(out.summaryMatches).toBe(true);
  });

  it('turns stray lines into warnings', () => {
    const out = parseMailq('postqueue: fatal: Queue report unavailable - mail system is down\n');
    expect(out.warnings).toEqual(['postqueue: fatal: Queue report unavailable - mail system is down']);
    expect(() => parseMailq('\u0000(((\n   \n)')).not.toThrow();
  });
});
