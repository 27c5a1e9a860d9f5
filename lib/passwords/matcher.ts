import { detectScheme, verifyPassword, type Scheme } from '@/lib/auth/crypto';
import { md5CryptVerifier } from './md5-crypt-fast';
import { patternCandidates, type PatternId } from './patterns';

// Tests one stored password value against the candidates with the console's
// own verifier (every scheme lib/auth/crypto knows, md5-crypt first in
// extmail databases); md5-crypt goes through the sweep's own engine
// (md5-crypt-fast.ts, same answers, ~10x less CPU). Pure apart from the CPU
// it burns; the caller paces it.

export type Finding = { source: 'pattern'; pattern: PatternId } | { source: 'common'; rank: number } | { source: 'console-list' };
export type Candidate = { password: string; finding: Finding };

export type CandidateSources = {
  common: readonly { password: string; rank: number }[];
  extras?: readonly string[];
  /** false: the shipped list only (the benchmark's "1,000 candidates each"). */
  patterns?: boolean;
  year?: number;
};

/** The list's top 100, then this login's patterns (they caught the seed's account), then the rest in rank order; no duplicates. */
export function candidatesFor(username: string, src: CandidateSources): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (password: string, finding: Finding) => {
    if (!password || seen.has(password)) return;
    seen.add(password);
    out.push({ password, finding });
  };
  for (const c of src.common.slice(0, 100)) add(c.password, { source: 'common', rank: c.rank });
  if (src.patterns !== false) for (const p of patternCandidates(username, src.year)) add(p.password, { source: 'pattern', pattern: p.pattern });
  for (const c of src.common) add(c.password, { source: 'common', rank: c.rank });
  for (const p of src.extras ?? []) add(p, { source: 'console-list' });
  return out;
}

export type TestOutcome =
  | { outcome: 'guessable'; finding: Finding; scheme: Scheme; tried: number; plainStored: boolean }
  | { outcome: 'not-found'; scheme: Scheme; tried: number; plainStored: boolean }
  | { outcome: 'untestable'; scheme: Scheme; tried: 0; plainStored: false };

type Verify = (plain: string, stored: string) => Promise<{ ok: boolean }>;

export type TestOptions = {
  verify?: Verify;
  pace?: () => Promise<void>;
  /** false: md5-crypt through verifyPassword too (the benchmark's "before"). */
  fastMd5?: boolean;
};

/** Stops at the first candidate that verifies. `pace` runs after every candidate (throttling, cancellation). */
export async function testStored(stored: string, candidates: readonly Candidate[], opts: TestOptions = {}): Promise<TestOutcome> {
  const { scheme, payload } = detectScheme(stored);
  if (scheme === 'empty' || scheme === 'unknown') return { outcome: 'untestable', scheme, tried: 0, plainStored: false };
  const fast = !opts.verify && opts.fastMd5 !== false && scheme === 'md5-crypt' ? md5CryptVerifier(payload) : null;
  const verify = opts.verify ?? verifyPassword;
  const plainStored = scheme === 'plain';
  let tried = 0;
  if (fast) {
    // Two at a time through the engine; the answer is the same as one by one, first match first.
    for (let i = 0; i < candidates.length; i += 2) {
      const c = candidates[i]!;
      const d = candidates[i + 1];
      const hit = d ? fast.pair(c.password, d.password) : fast(c.password) ? 1 : 0;
      if (hit & 1) return { outcome: 'guessable', finding: c.finding, scheme, tried: i + 1, plainStored };
      if (hit & 2) return { outcome: 'guessable', finding: d!.finding, scheme, tried: i + 2, plainStored };
      tried = Math.min(candidates.length, i + 2);
      if (opts.pace) {
        await opts.pace();
        if (d) await opts.pace();
      }
    }
    return { outcome: 'not-found', scheme, tried, plainStored };
  }
  for (const c of candidates) {
    tried++;
    if ((await verify(c.password, stored)).ok) return { outcome: 'guessable', finding: c.finding, scheme, tried, plainStored };
    if (opts.pace) await opts.pace();
  }
  return { outcome: 'not-found', scheme, tried, plainStored };
}

/** How a finding is named in the list, the audit and the API (never the password): "common list #37", "login+digits". */
export function findingLabel(f: Finding): string {
  if (f.source === 'common') return `common list #${f.rank}`;
  if (f.source === 'console-list') return 'console list';
  return f.pattern;
}
