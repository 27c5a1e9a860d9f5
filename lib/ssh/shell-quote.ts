// POSIX single quoting: inside '...' nothing is special, so the only thing to
// escape is the quote itself, closed, escaped and reopened ('\''). This is the
// one way a value reaches a remote shell.
export function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}
