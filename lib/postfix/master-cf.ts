// master.cf: one service per logical line,
//   service type private unpriv chroot wakeup maxproc command [args...]
// continued on lines that start with whitespace (comment and blank lines
// inside are skipped, as in main.cf), with `-o name=value` overrides and
// Postfix 3's `{ ... }` grouping for arguments that contain spaces.

export interface MasterService {
  /** `smtp`, `submission`, `127.0.0.1:10025`, `[::1]:25`, ... */
  service: string;
  /** inet, unix, unix-dgram, fifo, pass. */
  type: string;
  /** The five flag columns as written; `-` means the built-in default. */
  private: string;
  unpriv: string;
  chroot: string;
  wakeup: string;
  maxproc: string;
  command: string;
  /** Every argument after the command, `{ }` groups unwrapped. */
  args: string[];
  /** `-o name=value` pairs in order; a later one for the same name wins. */
  overrides: Record<string, string>;
  /** 1-based first and last line of the entry. */
  line: number;
  endLine: number;
}

export interface MasterCfProblem {
  line: number;
  text: string;
  reason: string;
}

export interface MasterCf {
  services: MasterService[];
  problems: MasterCfProblem[];
}

/** Split on whitespace; `{ a b }` becomes one token `a b`. Returns undefined on an unbalanced brace. */
export function tokenizeMasterLine(s: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '{') {
      let depth = 1;
      let j = i + 1;
      for (; j < s.length && depth > 0; j++) depth += s[j] === '{' ? 1 : s[j] === '}' ? -1 : 0;
      if (depth !== 0) return undefined;
      out.push(s.slice(i + 1, j - 1).trim());
      i = j;
      continue;
    }
    let j = i;
    while (j < s.length && s[j] !== ' ' && s[j] !== '\t') j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

// Options of Postfix daemons that take a value (master(5) / daemon command line).
const OPTS_WITH_ARG = 'imnost';

function overridePair(token: string): [string, string] | undefined {
  const eq = token.indexOf('=');
  if (eq <= 0) return undefined;
  return [token.slice(0, eq).trim(), token.slice(eq + 1).trim()];
}

function toService(tokens: string[], line: number, endLine: number): MasterService | string {
  if (tokens.length < 8) return `expected at least 8 fields, found ${tokens.length}`;
  const [service, type, priv, unpriv, chroot, wakeup, maxproc, command] = tokens as [string, string, string, string, string, string, string, string];
  const args = tokens.slice(8);
  const pairs: [string, string][] = [];
  // Daemons read options getopt-style with "+": parsing stops at the first
  // non-option, so a pipe's `argv=... -o x` belongs to the command, not to us.
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.length < 2 || a[0] !== '-') break;
    const letter = a[1]!;
    if (!OPTS_WITH_ARG.includes(letter)) continue;
    const value = a.length > 2 ? a.slice(2) : args[++i];
    if (letter !== 'o') continue;
    const pair = value === undefined ? undefined : overridePair(value);
    if (!pair) return `bad -o argument near ${JSON.stringify(a)}`;
    pairs.push(pair);
  }
  // fromEntries defines own properties, so a name like __proto__ cannot reach the prototype.
  const overrides = Object.fromEntries(pairs) as Record<string, string>;
  return { service, type, private: priv, unpriv, chroot, wakeup, maxproc, command, args, overrides, line, endLine };
}

export function parseMasterCf(text: string): MasterCf {
  const services: MasterService[] = [];
  const problems: MasterCfProblem[] = [];
  let cur: { parts: string[]; line: number; endLine: number; first: string } | undefined;
  const flush = () => {
    if (!cur) return;
    const tokens = tokenizeMasterLine(cur.parts.join(' '));
    const s = tokens ? toService(tokens, cur.line, cur.endLine) : 'unbalanced { }';
    if (typeof s === 'string') problems.push({ line: cur.line, text: cur.first, reason: s });
    else services.push(s);
    cur = undefined;
  };
  text.split('\n').forEach((raw, i) => {
    const n = i + 1;
    const t = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trimmed = t.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (t[0] === ' ' || t[0] === '\t') {
      if (!cur) problems.push({ line: n, text: t, reason: 'continuation line without a service' });
      else {
        cur.parts.push(trimmed);
        cur.endLine = n;
      }
      return;
    }
    flush();
    cur = { parts: [trimmed], line: n, endLine: n, first: t };
  });
  flush();
  return { services, problems };
}

/** The entries for one service name (inet and unix entries may share a name, e.g. `smtp`). */
export function findService(cf: MasterCf, service: string, type?: string): MasterService | undefined {
  return cf.services.find((s) => s.service === service && (type === undefined || s.type === type));
}
