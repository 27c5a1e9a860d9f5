import type { MessageKey } from './catalogue/en';

// The locale machinery without any catalogue: safe to import from client
// components. The catalogue of the active locale arrives as data (the root
// layout hands it to the provider), so a browser bundle never holds both.
//
// Message syntax: `{name}` is replaced by vars.name; a plural is written
// ICU-style, `{count, plural, =0 {none} one {# mailbox} other {# mailboxes}}`:
// `=N` matches exactly, otherwise the Intl.PluralRules category of the
// locale picks the case (`other` is always required), and `#` is the number
// formatted for the locale.

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = 'mw_locale';
export const DEFAULT_LOCALE: Locale = 'en';
/** BCP 47 tags for Intl: Chinese is shown as Simplified Chinese of the mainland. */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };

export type Messages = Record<MessageKey, string>;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** 1234, "1,234" or "1.234" (a count already formatted by the caller) → 1234; no digits → NaN. */
function toNumber(v: string | number | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || !/^-?[\d,.\s\u00a0\u202f']+$/.test(v.trim())) return NaN;
  return Number(v.replace(/[^\d-]/g, ''));
}

/** Index of the brace closing the one at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The cases of a plural body: `one {…} other {…}` → { one: '…', other: '…' }. */
export function pluralCases(body: string): Record<string, string> | null {
  const cases: Record<string, string> = {};
  let i = 0;
  while (i < body.length) {
    const m = /^\s*(=\d+|[a-z]+)\s*\{/.exec(body.slice(i));
    if (!m) return body.slice(i).trim() === '' ? cases : null;
    const open = i + m[0].length - 1;
    const end = closing(body, open);
    if (end < 0) return null;
    cases[m[1]!] = body.slice(open + 1, end);
    i = end + 1;
  }
  return cases;
}

const PLURAL_HEAD = /^\{\s*(\w+)\s*,\s*plural\s*,/;

/** Every plural block of a message: its variable and its cases. */
export function pluralsOf(text: string): { name: string; cases: Record<string, string> }[] {
  const out: { name: string; cases: Record<string, string> }[] = [];
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
    const head = PLURAL_HEAD.exec(text.slice(i));
    if (!head) continue;
    const end = closing(text, i);
    const cases = end > 0 ? pluralCases(text.slice(i + head[0].length, end)) : null;
    if (cases) out.push({ name: head[1]!, cases });
    if (end > 0) i = end;
  }
  return out;
}

/** The variable names a message uses, plain and plural. */
export function variablesOf(text: string): string[] {
  const names = new Set<string>();
  const walk = (t: string) => {
    for (let i = t.indexOf('{'); i >= 0; i = t.indexOf('{', i + 1)) {
      const simple = /^\{(\w+)\}/.exec(t.slice(i));
      if (simple) names.add(simple[1]!);
      const head = PLURAL_HEAD.exec(t.slice(i));
      const end = head ? closing(t, i) : -1;
      if (!head || end < 0) continue;
      names.add(head[1]!);
      for (const body of Object.values(pluralCases(t.slice(i + head[0].length, end)) ?? {})) walk(body);
      i = end;
    }
  };
  walk(text);
  return [...names].sort();
}

const rulesCache = new Map<Locale, Intl.PluralRules>();
const numberCache = new Map<Locale, Intl.NumberFormat>();

export function pluralRules(locale: Locale): Intl.PluralRules {
  let r = rulesCache.get(locale);
  if (!r) rulesCache.set(locale, (r = new Intl.PluralRules(INTL_LOCALE[locale])));
  return r;
}

export function formatNumber(locale: Locale, n: number): string {
  let f = numberCache.get(locale);
  if (!f) numberCache.set(locale, (f = new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 1 })));
  return f.format(n);
}

/** Fills a message's placeholders and plural blocks; unknown placeholders stay visible. */
export function formatMessage(locale: Locale, text: string, vars?: Vars): string {
  if (!vars || !text.includes('{')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    out += text.slice(i, open);
    const simple = /^\{(\w+)\}/.exec(text.slice(open));
    if (simple) {
      const name = simple[1]!;
      out += name in vars ? String(vars[name]) : simple[0];
      i = open + simple[0].length;
      continue;
    }
    const head = PLURAL_HEAD.exec(text.slice(open));
    const end = head ? closing(text, open) : -1;
    const cases = head && end > 0 ? pluralCases(text.slice(open + head[0].length, end)) : null;
    if (!head || !cases) {
      out += '{';
      i = open + 1;
      continue;
    }
    const n = toNumber(vars[head[1]!]);
    if (Number.isNaN(n)) {
      out += text.slice(open, end + 1);
    } else {
      const chosen = cases[`=${n}`] ?? cases[pluralRules(locale).select(n)] ?? cases.other ?? '';
      // A string stays as the caller formatted it; a number is formatted here.
      const shown = typeof vars[head[1]!] === 'string' ? String(vars[head[1]!]) : formatNumber(locale, n);
      out += formatMessage(locale, chosen.replace(/#/g, shown), vars);
    }
    i = end + 1;
  }
  return out + text.slice(i);
}

/** t() over one catalogue; a key missing from it shows as the key itself. */
export function createTranslator(locale: Locale, messages: Partial<Messages>): Translate {
  return (key, vars) => formatMessage(locale, messages[key] ?? key, vars);
}

export type { MessageKey };
