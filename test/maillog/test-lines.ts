import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMaillogLine, type KnownEvent } from '@/lib/postfix/maillog';
import type { LogAggregator } from '@/lib/maillog/aggregator';

// Shared by the aggregation tests: real lines from ../shared (the corpora and
// the seed incident), parsed the way the scanner parses them.

export const SHARED = path.resolve(__dirname, '../../../shared');
export const readCorpus = (name: string) => readFileSync(path.join(SHARED, 'corpora/maillog', name), 'utf8');

/** The syslog lines quoted in the seed report (indented or not), in file order. */
export function seedLines(): string[] {
  const text = readFileSync(path.join(SHARED, 'seed/postfix-spam-incident.zh.txt'), 'utf8');
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[A-Z][a-z]{2} +\d{1,2} \d\d:\d\d:\d\d \S+ postfix\//.test(l));
}

export function feed<R>(agg: LogAggregator<R>, lines: Iterable<string>, year = 2012): LogAggregator<R> {
  for (const raw of lines) {
    const ev = parseMaillogLine(raw, { year });
    if (ev.kind !== 'unknown') agg.add(ev as KnownEvent, raw);
  }
  return agg;
}
