// main.cf and `postconf -n` text: parse, edit one parameter, render back.
// Rules checked against Postfix 3.7's own postconf on this machine:
// - a line starting with whitespace continues the previous parameter; the
//   line break plus the indentation become one space;
// - comment lines (`#`, also indented) and blank lines inside a continued
//   value are skipped and do not end it;
// - `#` after a value is part of the value; trailing whitespace is dropped;
// - the last definition of a name wins.
// Untouched lines render byte-for-byte, so an edit shows as a one-line diff.

export type MainCfLineKind = 'param' | 'continuation' | 'comment' | 'blank' | 'invalid';

export interface MainCfLine {
  /** 1-based line number. */
  n: number;
  /** The physical line without its '\n' (a '\r' of CRLF files stays). */
  text: string;
  kind: MainCfLineKind;
  /** Index into `entries` for param and continuation lines. */
  entry?: number;
}

export interface MainCfEntry {
  name: string;
  /** The logical value, continuation lines joined with one space. */
  value: string;
  line: number;
  /** Last line (inclusive) that belongs to this entry; comments after it are not part of it. */
  endLine: number;
}

export interface MainCfDoc {
  readonly lines: readonly MainCfLine[];
  readonly entries: readonly MainCfEntry[];
}

const NAME = /^[A-Za-z0-9_.-]+$/;

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

export function parseMainCf(text: string): MainCfDoc {
  const raw = text.split('\n');
  const lines: MainCfLine[] = [];
  const entries: MainCfEntry[] = [];
  let open: MainCfEntry | undefined;
  let parts: string[] = [];
  const close = () => {
    if (open) open.value = parts.join(' ');
    open = undefined;
    parts = [];
  };
  raw.forEach((t, i) => {
    const n = i + 1;
    const body = t.endsWith('\r') ? t.slice(0, -1) : t;
    const trimmed = body.trim();
    if (trimmed === '') return void lines.push({ n, text: t, kind: 'blank' });
    if (trimmed.startsWith('#')) return void lines.push({ n, text: t, kind: 'comment' });
    if (isSpace(body[0])) {
      if (!open) return void lines.push({ n, text: t, kind: 'invalid' });
      parts.push(trimmed);
      open.endLine = n;
      return void lines.push({ n, text: t, kind: 'continuation', entry: entries.length - 1 });
    }
    close();
    const eq = body.indexOf('=');
    const name = eq < 0 ? '' : body.slice(0, eq).trim();
    if (!NAME.test(name)) return void lines.push({ n, text: t, kind: 'invalid' });
    open = { name, value: '', line: n, endLine: n };
    const first = body.slice(eq + 1).trim();
    if (first) parts.push(first);
    entries.push(open);
    lines.push({ n, text: t, kind: 'param', entry: entries.length - 1 });
  });
  close();
  return { lines, entries };
}

/** name → value, last definition winning (what Postfix uses). */
export function parametersOf(doc: MainCfDoc): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of doc.entries) out.set(e.name, e.value);
  return out;
}

/** `postconf -n` (or `-nf`, or a raw main.cf) → name → value. */
export function parsePostconf(text: string): Map<string, string> {
  return parametersOf(parseMainCf(text));
}

export function getParameter(doc: MainCfDoc, name: string): string | undefined {
  for (let i = doc.entries.length - 1; i >= 0; i--) if (doc.entries[i]!.name === name) return doc.entries[i]!.value;
  return undefined;
}

export function render(doc: MainCfDoc): string {
  return doc.lines.map((l) => l.text).join('\n');
}

function checkEdit(name: string, value: string): string {
  if (!NAME.test(name)) throw new Error(`invalid parameter name: ${JSON.stringify(name)}`);
  if (/[\r\n]/.test(value)) throw new Error('parameter value must be one line');
  return value.trim();
}

/**
 * Set `name = value` and return a new document. The effective (last)
 * definition is replaced in place; comment lines that sat inside its
 * continued value are kept right after it. A new name is appended at the end.
 */
export function setParameter(doc: MainCfDoc, name: string, value: string): MainCfDoc {
  const v = checkEdit(name, value);
  const newLine = v ? `${name} = ${v}` : `${name} =`;
  const texts = doc.lines.map((l) => l.text);
  let idx = -1;
  for (let i = doc.entries.length - 1; i >= 0; i--) {
    if (doc.entries[i]!.name === name) {
      idx = i;
      break;
    }
  }
  if (idx >= 0) {
    const e = doc.entries[idx]!;
    const crlf = texts[e.line - 1]!.endsWith('\r') ? '\r' : '';
    const keptComments = doc.lines
      .slice(e.line, e.endLine)
      .filter((l) => l.kind === 'comment')
      .map((l) => l.text);
    texts.splice(e.line - 1, e.endLine - e.line + 1, newLine + crlf, ...keptComments);
  } else {
    const crlf = texts.some((t) => t.endsWith('\r')) ? '\r' : '';
    // Keep the file's final newline: insert before the empty last element.
    const at = texts.length > 0 && texts[texts.length - 1] === '' ? texts.length - 1 : texts.length;
    texts.splice(at, 0, newLine + crlf);
  }
  return parseMainCf(texts.join('\n'));
}

/** Remove every definition of `name` (and the comment lines inside its value are kept). */
export function removeParameter(doc: MainCfDoc, name: string): MainCfDoc {
  const drop = new Set<number>();
  doc.entries.forEach((e, i) => {
    if (e.name === name) drop.add(i);
  });
  if (drop.size === 0) return doc;
  const texts = doc.lines.filter((l) => l.entry === undefined || !drop.has(l.entry)).map((l) => l.text);
  return parseMainCf(texts.join('\n'));
}

// ---- restriction lists -------------------------------------------------

export interface RestrictionItem {
  name: string;
  arg?: string;
}

// Restrictions whose next list element is their argument (a table or a DNS zone).
const TAKES_ARG = new Set([
  'check_policy_service',
  'reject_rbl_client',
  'reject_rhsbl_client',
  'reject_rhsbl_sender',
  'reject_rhsbl_recipient',
  'reject_rhsbl_helo',
  'reject_rhsbl_reverse_client',
  'permit_dnswl_client',
  'permit_rhswl_client',
]);

export function takesArgument(name: string): boolean {
  return TAKES_ARG.has(name) || /^check_[a-z_]+_access$/.test(name);
}

/** Split a Postfix list on commas and/or whitespace; `{ ... }` stays one element (braces removed). */
export function splitList(value: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = value.length;
  while (i < n) {
    const c = value[i]!;
    if (c === ',' || c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
      continue;
    }
    if (c === '{') {
      let depth = 1;
      let j = i + 1;
      while (j < n && depth > 0) {
        if (value[j] === '{') depth++;
        else if (value[j] === '}') depth--;
        j++;
      }
      out.push(value.slice(i + 1, depth === 0 ? j - 1 : j).trim());
      i = j;
      continue;
    }
    let j = i;
    while (j < n && !', \t\r\n'.includes(value[j]!)) j++;
    out.push(value.slice(i, j));
    i = j;
  }
  return out;
}

/** `permit_mynetworks, check_sender_access hash:/etc/postfix/x, reject` → items with their arguments. */
export function splitRestrictions(value: string): RestrictionItem[] {
  const tokens = splitList(value);
  const out: RestrictionItem[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const name = tokens[i]!;
    if (takesArgument(name) && i + 1 < tokens.length) out.push({ name, arg: tokens[++i]! });
    else out.push({ name });
  }
  return out;
}

// ---- $name expansion -----------------------------------------------------

export interface ExpandOptions {
  /** What an undefined name becomes: kept as written (default, since `postconf -n` omits defaults) or ''. */
  undefinedAs?: 'keep' | 'empty';
}

/**
 * Expand `$name`, `${name}`, `$(name)`, `${name?text}` (text when name is
 * non-empty), `${name:text}` (text when empty) and `$$`, recursively, as
 * Postfix does. Throws on a reference cycle.
 */
export function expandValue(value: string, params: ReadonlyMap<string, string>, opts: ExpandOptions = {}): string {
  const active: string[] = [];
  const exp = (s: string): string => {
    let out = '';
    let i = 0;
    while (i < s.length) {
      const d = s.indexOf('$', i);
      if (d < 0) return out + s.slice(i);
      out += s.slice(i, d);
      const c = s[d + 1];
      if (c === '$') {
        out += '$';
        i = d + 2;
        continue;
      }
      let name: string;
      let op: string | undefined;
      let arg = '';
      let end: number;
      if (c === '{' || c === '(') {
        const [o, cl] = c === '{' ? ['{', '}'] : ['(', ')'];
        let depth = 1;
        let j = d + 2;
        for (; j < s.length && depth > 0; j++) depth += s[j] === o ? 1 : s[j] === cl ? -1 : 0;
        const m = depth === 0 ? /^([A-Za-z0-9_]+)(?:([?:])([\s\S]*))?$/.exec(s.slice(d + 2, j - 1)) : null;
        if (!m) {
          out += s.slice(d, j);
          i = j;
          continue;
        }
        [, name, op, arg = ''] = m as unknown as [string, string, string | undefined, string | undefined];
        end = j;
      } else {
        const m = /^[A-Za-z0-9_]+/.exec(s.slice(d + 1, d + 101));
        if (!m) {
          out += '$';
          i = d + 1;
          continue;
        }
        name = m[0];
        end = d + 1 + name.length;
      }
      const v = params.get(name);
      if (op) {
        // Postfix 3 also allows ${name?{then}:{else}}.
        const both = /^\{([\s\S]*)\}:\{([\s\S]*)\}$/.exec(arg);
        const [then, otherwise] = both ? [both[1]!, both[2]!] : op === '?' ? [arg, ''] : ['', arg];
        out += exp(v ? then : otherwise);
      } else if (v === undefined) {
        out += opts.undefinedAs === 'empty' ? '' : s.slice(d, end);
      } else {
        if (active.includes(name)) throw new Error(`parameter ${name} refers to itself`);
        active.push(name);
        out += exp(v);
        active.pop();
      }
      i = end;
    }
    return out;
  };
  return exp(value);
}
