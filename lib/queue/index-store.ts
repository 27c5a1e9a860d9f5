// The in-memory queue index of one host: columnar typed arrays, strings
// interned in a pool, so 300,000 messages take tens of MB, not hundreds.
// A row slot freed by a delivered message is reused by the next new one.
import { QUEUE_NAMES, type QueueName } from '@/lib/postfix/envelope';
import { domainOf } from '@/lib/auth/principal';
import { reasonClass } from './reason-class';
import { NONE, StringPool } from './string-pool';

export const FLAG_ALIVE = 1;
export const FLAG_FORGED = 2;
export const FLAG_UNREADABLE = 4;

/** One message as the scan reports it; strings are pool ids (NONE when absent). */
export interface RowInput {
  queue: QueueName;
  id: string;
  mtime: number;
  arrival: number;
  size: number;
  sender: number;
  saslMethod: number;
  saslUser: number;
  clientIp: number;
  clientName: number;
  helo: number;
  rcpts: number;
  /** [domain pool id, recipients] pairs, flattened. */
  domains: number[];
  reason: number;
  unreadable?: boolean;
}

const INT_COLUMNS = ['sender', 'senderDomain', 'saslMethod', 'saslUser', 'saslDomain', 'clientIp', 'clientName', 'helo', 'reason', 'reasonClass'] as const;
type IntColumn = (typeof INT_COLUMNS)[number];

export function queueCode(q: QueueName): number {
  return QUEUE_NAMES.indexOf(q);
}

export function queueName(code: number): QueueName {
  return QUEUE_NAMES[code] ?? 'deferred';
}

function grow<T extends Uint8Array | Uint32Array | Int32Array>(a: T, size: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
}

export class QueueIndex {
  readonly pool = new StringPool();
  /** Slots in use or freed; rows are 0..length-1. */
  length = 0;
  live = 0;
  /** Bumped on every change, so cached sort orders know when to rebuild. */
  version = 0;
  queue: Uint8Array;
  flags: Uint8Array;
  mtime: Uint32Array;
  arrival: Uint32Array;
  size: Uint32Array;
  rcpts: Uint32Array;
  /** Recipient domains: row r owns domData[domStart[r] .. +domLen[r]] as [domain id, count] pairs. */
  domStart: Uint32Array;
  domLen: Uint8Array;
  domData: Int32Array;
  private domUsed = 0;
  private domGarbage = 0;
  readonly cols: Record<IntColumn, Int32Array>;
  ids: (string | undefined)[] = [];
  readonly byId = new Map<string, number>();
  private readonly free: number[] = [];
  private readonly domainCache = new Map<number, number>();
  private readonly classCache = new Map<number, number>();

  /**
   * `expectedRows`: how many messages the first scan will bring (the host's
   * `mw-queue-scan --count`), so the columns are allocated once. Grown
   * column by column instead, a 300,000-row index leaves every smaller copy
   * behind until V8 collects it: about 45 MB more at the peak.
   */
  constructor(expectedRows = 0) {
    const rows = Math.max(1024, Math.ceil(expectedRows * 1.05));
    this.queue = new Uint8Array(rows);
    this.flags = new Uint8Array(rows);
    this.mtime = new Uint32Array(rows);
    this.arrival = new Uint32Array(rows);
    this.size = new Uint32Array(rows);
    this.rcpts = new Uint32Array(rows);
    this.domStart = new Uint32Array(rows);
    this.domLen = new Uint8Array(rows);
    // Four [domain, count] pairs a message on average before it grows.
    this.domData = new Int32Array(Math.max(16384, rows * 8));
    this.cols = Object.fromEntries(INT_COLUMNS.map((c) => [c, new Int32Array(rows).fill(NONE)])) as Record<IntColumn, Int32Array>;
  }

  private ensure(n: number): void {
    if (n <= this.queue.length) return;
    // 1.5x, not 2x: at 300,000 rows doubling leaves up to half the columns empty.
    const size = Math.max(n, Math.ceil(this.queue.length * 1.5));
    this.queue = grow(this.queue, size);
    this.flags = grow(this.flags, size);
    this.mtime = grow(this.mtime, size);
    this.arrival = grow(this.arrival, size);
    this.size = grow(this.size, size);
    this.rcpts = grow(this.rcpts, size);
    this.domStart = grow(this.domStart, size);
    this.domLen = grow(this.domLen, size);
    for (const c of INT_COLUMNS) {
      const next = new Int32Array(size).fill(NONE);
      next.set(this.cols[c]);
      this.cols[c] = next;
    }
  }

  /** Lower-case domain of an address in the pool, cached per address. */
  domainOfId(address: number): number {
    if (address === NONE) return NONE;
    let d = this.domainCache.get(address);
    if (d === undefined) {
      const dom = domainOf(this.pool.get(address) ?? '');
      d = dom ? this.pool.intern(dom) : NONE;
      this.domainCache.set(address, d);
    }
    return d;
  }

  private classOf(reason: number): number {
    if (reason === NONE) return NONE;
    let c = this.classCache.get(reason);
    if (c === undefined) {
      c = this.pool.intern(reasonClass(this.pool.get(reason) ?? ''));
      this.classCache.set(reason, c);
    }
    return c;
  }

  /** Appends a row's domain pairs; space of replaced rows is reclaimed when it outweighs the live data. */
  private setDomains(row: number, pairs: number[]): void {
    const n = Math.min(pairs.length, 254);
    const had = this.domLen[row]!;
    // A rescanned message (most often with the same recipients) fits where it was: no garbage.
    if (n <= had) {
      for (let i = 0; i < n; i++) this.domData[this.domStart[row]! + i] = pairs[i]!;
      this.domLen[row] = n;
      this.domGarbage += had - n;
      return;
    }
    this.domGarbage += had;
    if (this.domUsed + n > this.domData.length) {
      if (this.domGarbage > this.domUsed / 2) this.compactDomains();
      if (this.domUsed + n > this.domData.length) this.domData = grow(this.domData, Math.max(Math.ceil(this.domData.length * 1.5), this.domUsed + n));
    }
    for (let i = 0; i < n; i++) this.domData[this.domUsed + i] = pairs[i]!;
    this.domStart[row] = this.domUsed;
    this.domLen[row] = n;
    this.domUsed += n;
  }

  private compactDomains(): void {
    const next = new Int32Array(Math.max(16384, (this.domUsed - this.domGarbage) * 2));
    let at = 0;
    for (let r = 0; r < this.length; r++) {
      const len = this.flags[r]! & FLAG_ALIVE ? this.domLen[r]! : 0;
      next.set(this.domData.subarray(this.domStart[r]!, this.domStart[r]! + len), at);
      this.domStart[r] = at;
      this.domLen[r] = len;
      at += len;
    }
    this.domData = next;
    this.domUsed = at;
    this.domGarbage = 0;
  }

  /** [domain id, count, ...] of a row (a view: copy it to keep it). */
  domainPairs(row: number): Int32Array {
    return this.domData.subarray(this.domStart[row]!, this.domStart[row]! + this.domLen[row]!);
  }

  upsert(r: RowInput): number {
    let row = this.byId.get(r.id);
    if (row === undefined) {
      row = this.free.pop() ?? this.length++;
      this.ensure(row + 1);
      this.ids[row] = r.id;
      this.byId.set(r.id, row);
      this.domLen[row] = 0;
      this.live++;
    }
    const c = this.cols;
    const senderDomain = this.pool.get(r.sender) ? this.domainOfId(r.sender) : NONE;
    const saslDomain = this.domainOfId(r.saslUser);
    // A login sending as another domain's address; bounces (null sender) never are.
    const forged = senderDomain !== NONE && saslDomain !== NONE && senderDomain !== saslDomain;
    this.queue[row] = queueCode(r.queue);
    this.flags[row] = FLAG_ALIVE | (forged ? FLAG_FORGED : 0) | (r.unreadable ? FLAG_UNREADABLE : 0);
    this.mtime[row] = r.mtime;
    this.arrival[row] = r.arrival;
    this.size[row] = Math.min(r.size, 0xffffffff);
    this.rcpts[row] = r.rcpts;
    c.sender[row] = r.sender;
    c.senderDomain[row] = senderDomain;
    c.saslMethod[row] = r.saslMethod;
    c.saslUser[row] = r.saslUser;
    c.saslDomain[row] = saslDomain;
    c.clientIp[row] = r.clientIp;
    c.clientName[row] = r.clientName;
    c.helo[row] = r.helo;
    c.reason[row] = r.reason;
    c.reasonClass[row] = this.classOf(r.reason);
    this.setDomains(row, r.domains);
    this.version++;
    return row;
  }

  move(id: string, queue: QueueName, mtime: number): boolean {
    const row = this.byId.get(id);
    if (row === undefined) return false;
    this.queue[row] = queueCode(queue);
    this.mtime[row] = mtime;
    this.version++;
    return true;
  }

  remove(id: string): boolean {
    const row = this.byId.get(id);
    if (row === undefined) return false;
    this.byId.delete(id);
    this.ids[row] = undefined;
    this.flags[row] = 0;
    this.domGarbage += this.domLen[row]!;
    this.domLen[row] = 0;
    this.free.push(row);
    this.live--;
    this.version++;
    return true;
  }

  /**
   * What `mw-queue-scan --since-list` reads: per queue a "#q <queue>" line,
   * then its ids one per line (12 bytes a message: a 300k refresh sends
   * 3.6 MB, not the 9.6 MB "id queue mtime" lines of version 1).
   */
  knownList(): string {
    const byQueue: string[][] = QUEUE_NAMES.map(() => []);
    for (let row = 0; row < this.length; row++) {
      if (this.flags[row]! & FLAG_ALIVE) byQueue[this.queue[row]!]!.push(this.ids[row]!);
    }
    return QUEUE_NAMES.map((q, i) => (byQueue[i]!.length ? `#q ${q}\n${byQueue[i]!.join('\n')}\n` : '')).join('');
  }

  str(col: IntColumn, row: number): string | null {
    return this.pool.get(this.cols[col][row] ?? NONE);
  }
}
