import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDuration, formatQueue, formatRelative, formatSize, toDate } from './format';
import { translator } from './translate';

// Local time: the test builds its dates from local components.
const d = new Date(2026, 11, 7, 0, 51, 9);

describe('one date format per locale', () => {
  it('writes zh as 2026-12-07 00:51 and en as 7 Dec 2026, 00:51, both 24-hour', () => {
    expect(formatDateTime('zh', d)).toBe('2026-12-07 00:51');
    expect(formatDateTime('en', d)).toBe('7 Dec 2026, 00:51');
    expect(formatDateTime('en', new Date(2026, 0, 2, 23, 5))).toBe('2 Jan 2026, 23:05');
    expect(formatDate('zh', d)).toBe('2026-12-07');
  });

  it('takes ISO strings, epoch ms and extman text dates; none is a dash', () => {
    expect(formatDateTime('zh', d.getTime())).toBe('2026-12-07 00:51');
    expect(formatDateTime('zh', d.toISOString())).toBe('2026-12-07 00:51');
    expect(toDate('2026-12-07 00:51:00')?.getHours()).toBe(0);
    expect(formatDateTime('en', null)).toBe('—');
    expect(formatDateTime('en', 'not a date')).toBe('—');
  });
});

describe('durations, relative times, sizes, queues', () => {
  const en = translator('en');
  const zh = translator('zh');

  it('uses the one unit a person would: 42 s, 17 min, 21 h, 3 days', () => {
    expect(formatDuration(en, 42)).toBe('42 s');
    expect(formatDuration(en, 17 * 60 + 5)).toBe('17 min');
    expect(formatDuration(en, 1280 * 60)).toBe('21 h');
    expect(formatDuration(en, 86400)).toBe('1 day');
    expect(formatDuration(en, 3 * 86400)).toBe('3 days');
    expect(formatDuration(zh, 27)).toBe('27 秒');
    expect(formatDuration(zh, 17 * 60)).toBe('17 分钟');
  });

  it('translates relative times', () => {
    const now = d.getTime();
    expect(formatRelative('en', now - 27_000, now)).toBe('27 seconds ago');
    expect(formatRelative('zh', now - 17 * 60_000, now)).toMatch(/^17\s*分钟前$/);
  });

  it('writes sizes with the locale’s digits and translates queue names', () => {
    expect(formatSize('en', 512)).toBe('512 B');
    expect(formatSize('en', 1536)).toBe('1.5 KB');
    expect(formatSize('en', 524288000)).toBe('500 MB');
    expect(formatQueue(zh, 'deferred')).toBe('延迟');
    expect(formatQueue(en, 'hold')).toBe('hold');
    expect(formatQueue(en, 'strange')).toBe('strange');
  });
});
