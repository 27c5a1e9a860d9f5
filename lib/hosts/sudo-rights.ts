import { MW_CONFIG, MW_MAILDIR, MW_POLICY, MW_POSTFIX, MW_QUEUE_SCAN } from '@/lib/ssh/command';

// Reads `sudo -n -l`: whether the SSH user may start Mailwarden's helpers
// without a password as the users they need (what the enroll script's
// sudoers grants), and whether it holds rights it must not have: a Postfix
// tool with free arguments as root is root for whoever holds the key.
//
//   User mailwarden may run the following commands on mx1:
//       (root) NOPASSWD: /usr/local/lib/mailwarden/mw-postfix, /usr/local/lib/mailwarden/mw-config, /usr/local/lib/mailwarden/mw-policy
//       (postfix) NOPASSWD: /usr/local/lib/mailwarden/mw-queue-scan
export type SudoRule = { runAs: string[]; nopasswd: boolean; commands: string[] };
export type SudoRights = {
  rules: SudoRule[];
  /** Helper paths the console needs and may not start (each as its own user). */
  missing: string[];
  asPostfix: boolean;
  /** Postfix tools (or ALL) the user may run as root with free arguments. */
  unsafe: string[];
};

// Each helper and the user sudo must let it run as.
export const NEEDED_HELPERS: readonly [string, string][] = [
  [MW_POSTFIX, 'root'],
  [MW_CONFIG, 'root'],
  [MW_POLICY, 'root'],
  [MW_QUEUE_SCAN, 'postfix'],
  [MW_MAILDIR, 'vmail'],
];

const POSTFIX_TOOLS = ['postqueue', 'postcat', 'postsuper', 'postconf', 'postfix', 'postmap', 'postmulti', 'postdrop', 'postlog', 'sendmail'].map(
  (t) => `/usr/sbin/${t}`,
);

export function parseSudoList(text: string): SudoRule[] {
  const rules: SudoRule[] = [];
  const start = text.search(/may run the following commands/);
  if (start < 0) return rules;
  for (const raw of text.slice(start).split('\n').slice(1)) {
    const m = /^\s+\(([^)]*)\)\s*(.*)$/.exec(raw);
    if (!m) {
      // A wrapped command list continues on an indented line.
      const last = rules.at(-1);
      if (last && /^\s+\S/.test(raw)) last.commands.push(...splitCommands(raw));
      continue;
    }
    let rest = m[2] ?? '';
    let nopasswd = false;
    // Tags such as NOPASSWD:, SETENV:, NOEXEC: precede the commands.
    for (let tag = /^([A-Z_]+):\s*/.exec(rest); tag; tag = /^([A-Z_]+):\s*/.exec(rest)) {
      if (tag[1] === 'NOPASSWD') nopasswd = true;
      if (tag[1] === 'PASSWD') nopasswd = false;
      rest = rest.slice(tag[0].length);
    }
    const runAs = (m[1] ?? '')
      .split(/\s*:\s*/)[0]!
      .split(/\s*,\s*/)
      .filter(Boolean);
    rules.push({ runAs, nopasswd, commands: splitCommands(rest) });
  }
  return rules;
}

const splitCommands = (s: string) =>
  s
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);

const allows = (rule: SudoRule, user: string, path: string) =>
  rule.nopasswd &&
  (rule.runAs.includes(user) || rule.runAs.includes('ALL')) &&
  rule.commands.some((c) => c === 'ALL' || c === path || c.startsWith(`${path} `));

// A rule that names a tool without arguments, or with a wildcard, leaves
// them free; "/usr/sbin/postfix reload" fixes them. Only rules sudo -n can
// use (NOPASSWD) matter to whoever holds the key.
const asRoot = (rule: SudoRule) => rule.nopasswd && (rule.runAs.includes('root') || rule.runAs.includes('ALL'));
const freeArgs = (rule: SudoRule, tool: string) => asRoot(rule) && rule.commands.some((c) => c === tool || (c.startsWith(`${tool} `) && c.includes('*')));

export function sudoRights(text: string): SudoRights {
  const rules = parseSudoList(text);
  const unsafe = rules.some((r) => asRoot(r) && r.commands.includes('ALL')) ? ['ALL'] : POSTFIX_TOOLS.filter((tool) => rules.some((r) => freeArgs(r, tool)));
  return {
    rules,
    missing: NEEDED_HELPERS.filter(([path, user]) => !rules.some((r) => allows(r, user, path))).map(([path]) => path),
    asPostfix: rules.some((r) => r.nopasswd && (r.runAs.includes('postfix') || r.runAs.includes('ALL'))),
    unsafe,
  };
}
