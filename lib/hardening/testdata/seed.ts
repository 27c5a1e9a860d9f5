import { readFileSync } from 'node:fs';
import path from 'node:path';

// The incident's main.cf, read from the real forum post (shared/seed): lines
// 38-125 are `cat main.cf | grep -v #`, lines 507-533 the fix it applied.
// The post indents continuation lines with no-break spaces; a real main.cf
// has plain ones.
const SEED = path.resolve(__dirname, '../../../../shared/seed/postfix-spam-incident.zh.txt');

function lines(from: number, to: number): string {
  const all = readFileSync(SEED, 'utf8').split('\n');
  return (
    all
      .slice(from - 1, to)
      .map((l) => l.replace(/\u00a0/g, ' ').replace(/^ {2}(?=\s)/, ''))
      .join('\n') + '\n'
  );
}

export const seedMainCf = () => lines(38, 125);
export const seedFixLines = () => lines(507, 533);
