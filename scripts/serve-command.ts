// The serving process exactly as `npm start` (and the systemd unit) runs
// it: the environment and node options of package.json's "start" script.
// Benchmarks and tests that start a console of their own take it from here,
// so what they measure is the process an admin runs, flags included.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ServeCommand {
  /** Variables the script sets before `node` (NODE_ENV, MALLOC_ARENA_MAX...). */
  env: Record<string, string>;
  /** node's arguments: its options, then server.ts. */
  args: string[];
}

/** Parses `VAR=value ... node <args>`; anything else is refused rather than guessed. */
export function parseStartScript(script: string): ServeCommand {
  const m = /^((?:[A-Z_][A-Z0-9_]*=\S+\s+)*)node\s+(.+)$/.exec(script.trim());
  if (!m) throw new Error(`package.json "start" is not "VAR=value ... node <args>": ${script}`);
  const env = Object.fromEntries(
    m[1]!
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
  return { env, args: m[2]!.trim().split(/\s+/) };
}

export function serveCommand(root = path.join(__dirname, '..')): ServeCommand {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return parseStartScript(pkg.scripts.start);
}
