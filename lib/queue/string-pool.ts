// Interned strings for the queue index: 300,000 messages share a few
// thousand senders, logins, IPs, domains and reasons, so rows hold small
// integers and each distinct string is stored once.

export const NONE = -1;

export class StringPool {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /** The id of a string already in the pool, or NONE; never adds. */
  find(value: string): number {
    return this.ids.get(value) ?? NONE;
  }

  get(id: number): string | null {
    return id < 0 ? null : (this.values[id] ?? null);
  }

  get size(): number {
    return this.values.length;
  }
}
