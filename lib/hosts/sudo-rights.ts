import { POSTFIX_PROGRAMS, type PostfixProgram } from '@/lib/ssh/command';

// Reads `sudo -n -l`: which Postfix tools the SSH user may run as root
// without a password, which is exactly what the console needs.
//
//   User mailwarden may run the following commands on mx1:
//       (root) NOPASSWD: /usr/sbin/postqueue, /usr/sbin/postcat

export type SudoRule = { runAs: string[]; nopasswd: boolean; commands: string[] };
export type SudoRights = { rules: SudoRule[]; postfixTools: Record<PostfixProgram, boolean>; missing: PostfixProgram[]; asPostfix: boolean };

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
    const runAs = (m[1] ?? '').split(/\s*:\s*/)[0]!.split(/\s*,\s*/).filter(Boolean);
    rules.push({ runAs, nopasswd, commands: splitCommands(rest) });
  }
  return rules;
}

const splitCommands = (s: string) => s.split(',').map((c) => c.trim()).filter(Boolean);

const allows = (rule: SudoRule, user: string, path: string) =>
  rule.nopasswd &&
  (rule.runAs.includes(user) || rule.runAs.includes('ALL')) &&
  rule.commands.some((c) => c === 'ALL' || c === path || c.startsWith(`${path} `));

export function sudoRights(text: string): SudoRights {
  const rules = parseSudoList(text);
  const postfixTools = Object.fromEntries(POSTFIX_PROGRAMS.map((p) => [p, rules.some((r) => allows(r, 'root', `/usr/sbin/${p}`))])) as Record<PostfixProgram, boolean>;
  return {
    rules,
    postfixTools,
    missing: POSTFIX_PROGRAMS.filter((p) => !postfixTools[p]),
    asPostfix: rules.some((r) => r.nopasswd && (r.runAs.includes('postfix') || r.runAs.includes('ALL'))),
  };
}
