// Checks the build output: no browser chunk may hold messages of both locales
// (the catalogue of the active locale reaches the browser as data from the
// root layout, never as code). Run after `next build`:
//   npx tsx scripts/check-locale-bundles.ts
// e2e/locale.spec.ts runs the same check on every e2e run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { en } from '../lib/i18n/catalogue/en';
import { zh } from '../lib/i18n/catalogue/zh';

export type ChunkReport = { file: string; en: number; zh: number };

/** Messages long and distinctive enough to mean "the catalogue is in here" when found in a chunk. */
function markers(catalogue: Record<string, string>, other: Record<string, string>): string[][] {
  const escaped = (v: string) => v.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return (
    Object.entries(catalogue)
      .filter(([k, v]) => v.length >= 24 && v !== other[k] && !/[{}"\\]/.test(v))
      // As written, and as a minifier that escapes non-ASCII would write it.
      .map(([, v]) => [v, escaped(v)])
  );
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.js') ? [full] : [];
  });
}

/** Every JS chunk under .next/static with how many messages of each locale it holds. */
export function scanChunks(root = path.resolve(__dirname, '..', '.next', 'static')): ChunkReport[] {
  const enMarkers = markers(en, zh);
  const zhMarkers = markers(zh, en);
  return files(root).map((file) => {
    const text = readFileSync(file, 'utf8');
    const count = (list: string[][]) => list.reduce((n, forms) => n + (forms.some((m) => text.includes(m)) ? 1 : 0), 0);
    return { file: path.relative(root, file), en: count(enMarkers), zh: count(zhMarkers) };
  });
}

/** Chunks that hold both locales (more than a stray string of each). */
export function mixedChunks(reports: ChunkReport[], threshold = 3): ChunkReport[] {
  return reports.filter((r) => r.en >= threshold && r.zh >= threshold);
}

if (require.main === module) {
  const reports = scanChunks();
  const mixed = mixedChunks(reports);
  const worst = [...reports].sort((a, b) => b.en + b.zh - (a.en + a.zh)).slice(0, 3);
  console.log(`${reports.length} chunks; most messages: ${worst.map((r) => `${r.file} (en ${r.en}, zh ${r.zh})`).join(', ')}`);
  if (mixed.length) {
    console.error(`chunks holding both locales: ${mixed.map((r) => `${r.file} (en ${r.en}, zh ${r.zh})`).join(', ')}`);
    process.exit(1);
  }
  console.log('no chunk holds both locales');
}
