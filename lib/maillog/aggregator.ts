import type { KnownEvent } from '@/lib/postfix/maillog';

// The shape every maillog view shares: events go in one at a time (already
// inside the time range, already parsed), a snapshot comes out. Pure and
// resumable: the scanner keeps an aggregator in its cache and feeds it only
// the lines written since.

export interface LogAggregator<R> {
  add(ev: KnownEvent, raw: string): void;
  /**
   * Optional shortcut for the commonest line of a login scan: the three
   * fields a login count needs, read straight from the line (see
   * fast-login.ts). Must count exactly what add() counts for that event.
   */
  addLogin?(time: number, user: string, ip: string): void;
  /** Optional cheap test on the raw line: true when add() would ignore its event anyway, so it need not be parsed. */
  ignores?(raw: string): boolean;
  result(limit: number): R;
}

/** Whether the viewer may see a SASL user / sender; undefined = everything (admins). */
export type AddressScope = ((address: string) => boolean) | undefined;

export const lower = (s: string) => s.toLowerCase();
