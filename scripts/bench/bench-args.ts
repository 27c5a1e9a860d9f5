// Command-line options of the benchmarks: what each one takes, checked before
// any work starts (a mistyped option would otherwise fall back to its default
// after minutes of lab work), and the split of a bench that runs another one
// after itself: `--sweep-mailboxes 1000` is the sweep's `--mailboxes 1000`.

/** valued: `--name value`; flags: `--name` alone. */
export type OptionSpec = { valued: readonly string[]; flags: readonly string[] };

/**
 * Throws on an option the bench does not take or a valued one without its
 * value. `shownPrefix`: the options came through splitPrefixed, so the error
 * names them as they were typed.
 */
export function checkOptions(args: string[], spec: OptionSpec, usage: string, shownPrefix = ''): void {
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const name = word.startsWith('--') ? word.slice(2) : null;
    const shown = name === null ? word : `--${shownPrefix}${name}`;
    if (name !== null && spec.flags.includes(name)) continue;
    if (name !== null && spec.valued.includes(name)) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${shown} needs a value\n${usage}`);
      i++;
      continue;
    }
    throw new Error(`unknown option ${shown}\n${usage}`);
  }
}

/**
 * Splits off the options meant for a second bench: `--<prefix>name [value]`
 * becomes `--name [value]` in `prefixed`; the rest stays in `own`. A value is
 * the next word when it is not itself an option.
 */
export function splitPrefixed(args: string[], prefix: string): { own: string[]; prefixed: string[] } {
  const own: string[] = [];
  const prefixed: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const target = a.startsWith(`--${prefix}`) && a.length > prefix.length + 2 ? prefixed : own;
    target.push(target === prefixed ? `--${a.slice(prefix.length + 2)}` : a);
    const next = args[i + 1];
    if (a.startsWith('--') && next !== undefined && !next.startsWith('--')) {
      target.push(next);
      i++;
    }
  }
  return { own, prefixed };
}
