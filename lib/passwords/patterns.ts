// Passwords built from a mailbox's own name, the way an attacker with a list
// of addresses guesses them: info123, Info@2024, example123, infoinfo. Pure:
// the login in, candidates out, each with the pattern it came from so a
// finding can name the pattern and never the password.

export const PATTERN_IDS = [
  'login',
  'login-repeated',
  'login+domain',
  'login+digits',
  'login+year',
  'login+symbol+digits',
  'login+symbol+year',
  'domain',
  'domain+digits',
  'domain+year',
  'domain+symbol+digits',
  'domain+symbol+year',
] as const;
export type PatternId = (typeof PATTERN_IDS)[number];
export type PatternCandidate = { password: string; pattern: PatternId };

// What people append: counting runs, lucky numbers (888, 666, 520 "I love
// you", 1314 "for life"), years around the account's life.
const DIGITS = ['123', '1', '12', '1234', '12345', '123456', '111', '888', '666', '000', '520', '1314'];
const SEPARATORS = ['@', '#', '.', '_', '-'];
const FIRST_YEAR = 2000;
// Labels of a domain that say nothing about whose it is.
const GENERIC_LABELS = new Set(['www', 'mail', 'smtp', 'mx', 'com', 'net', 'org', 'cn', 'edu', 'gov', 'co', 'test']);

const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** The words of an address: the local part (also without dots/dashes) and the domain's telling label(s). */
export function wordsOf(username: string): { login: string[]; domain: string[] } {
  const at = username.lastIndexOf('@');
  const local = (at < 0 ? username : username.slice(0, at)).toLowerCase();
  const domain = at < 0 ? '' : username.slice(at + 1).toLowerCase();
  const login = [...new Set([local, local.replace(/[._-]/g, '')])].filter((w) => w.length >= 2);
  const labels = domain.split('.').filter(Boolean);
  // "example.com" → example; "mail.corp.com.cn" → corp; a single label is kept.
  const telling = labels.slice(0, -1).filter((l) => !GENERIC_LABELS.has(l));
  const domainWords = [...new Set(telling.length ? telling : labels.slice(0, 1))].filter((w) => w.length >= 2 && !login.includes(w));
  return { login: login.slice(0, 2), domain: domainWords.slice(0, 2) };
}

function* suffixed(word: string, kind: 'login' | 'domain', years: string[]): Generator<PatternCandidate> {
  for (const w of [word, capitalise(word)]) {
    for (const d of DIGITS) yield { password: w + d, pattern: `${kind}+digits` };
    for (const y of years) yield { password: w + y, pattern: `${kind}+year` };
    for (const sep of SEPARATORS) {
      for (const d of DIGITS) yield { password: w + sep + d, pattern: `${kind}+symbol+digits` };
      for (const y of years) yield { password: w + sep + y, pattern: `${kind}+symbol+year` };
    }
  }
  // The capital-and-bang rule of many password policies: Info123!, Info@2024!
  const cap = capitalise(word);
  for (const d of DIGITS.slice(0, 6)) yield { password: `${cap}${d}!`, pattern: `${kind}+digits` };
  for (const y of years) {
    yield { password: `${cap}${y}!`, pattern: `${kind}+year` };
    yield { password: `${cap}@${y}!`, pattern: `${kind}+symbol+year` };
  }
}

/**
 * Every pattern candidate for one mailbox, most likely first, without
 * duplicates. `year` is the current year: years from 2000 to the next one.
 */
export function patternCandidates(username: string, year = new Date().getUTCFullYear()): PatternCandidate[] {
  const { login, domain } = wordsOf(username);
  const years = Array.from({ length: Math.max(0, year + 2 - FIRST_YEAR) }, (_, i) => String(FIRST_YEAR + i));
  const out: PatternCandidate[] = [];
  const seen = new Set<string>();
  const add = (c: PatternCandidate) => {
    if (c.password.length === 0 || seen.has(c.password)) return;
    seen.add(c.password);
    out.push(c);
  };
  const full = username.toLowerCase();
  for (const l of login) {
    for (const w of [l, capitalise(l), l.toUpperCase()]) add({ password: w, pattern: 'login' });
    add({ password: l + l, pattern: 'login-repeated' });
    add({ password: capitalise(l) + l, pattern: 'login-repeated' });
    for (const d of domain) for (const sep of ['', '@', '.', '_', '-']) add({ password: l + sep + d, pattern: 'login+domain' });
  }
  add({ password: full, pattern: 'login+domain' });
  for (const d of domain) {
    for (const w of [d, capitalise(d), d.toUpperCase()]) add({ password: w, pattern: 'domain' });
  }
  for (const l of login) for (const c of suffixed(l, 'login', years)) add(c);
  for (const d of domain) for (const c of suffixed(d, 'domain', years)) add(c);
  return out;
}
