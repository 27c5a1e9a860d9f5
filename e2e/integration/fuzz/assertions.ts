import type { Outcome } from './run';

// What must hold for every answer. Each returns the offending outcomes, described.

const describe = (o: Outcome) =>
  `${o.identity}: ${o.req.method} ${o.req.path.slice(0, 160)}${o.req.body ? ` body=${o.req.body.text.slice(0, 80)}` : ''} → ${o.status || o.error}`;

/** No 5xx, and every request answered. */
export const serverErrors = (all: Outcome[]) => all.filter((o) => o.status >= 500 || o.status === 0).map(describe);

/** A hostile body or path never succeeds on a route that changes something. */
export const acceptedMutations = (all: Outcome[]) => all.filter((o) => o.req.method !== 'GET' && o.status >= 200 && o.status < 300).map(describe);

/** Methods no route implements: 405 in the JSON error shape. */
export const wrongMethodAnswers = (all: Outcome[]) => all.filter((o) => o.status !== 405).map(describe);

/** A postmaster's answers never hold another domain's mailboxes. */
export function foreignData(all: Outcome[], foreign: string[]): string[] {
  return all
    .filter((o) => o.text && foreign.some((f) => o.text!.toLowerCase().includes(f)))
    .map((o) => `${describe(o)} shows ${foreign.find((f) => o.text!.toLowerCase().includes(f))}`);
}
