// Test helper: writes Postfix queue files into a private queue directory
// with the record encoder of test/postfix/queue-file.ts, laid out like a
// real spool (deferred/ and defer/ hashed by the id's first character).
import { chmodSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeRecord, formatPointer, formatSizeRecord } from '@/test/postfix/queue-file';
import { queueSubdir } from '@/lib/postfix/queue-id';

export interface FixtureMessage {
  arrival: number;
  sender: string;
  attrs?: Record<string, string>;
  recipients: string[];
  /** Recipients stored after the content (sendmail -t). */
  extracted?: string[];
  /** Recipients added later through a pointer record, as milters do. */
  viaPointer?: string[];
  body?: string[];
}

export function queueFileBytes(m: FixtureMessage): Buffer {
  const head = [
    encodeRecord('T', `${m.arrival} 0`),
    ...Object.entries(m.attrs ?? {}).map(([k, v]) => encodeRecord('A', `${k}=${v}`)),
    encodeRecord('S', m.sender),
    ...m.recipients.flatMap((r) => [encodeRecord('O', r), encodeRecord('R', r)]),
  ];
  const sizeLen = encodeRecord('C', formatSizeRecord([0, 0, 0, 0, 0, 0])).length;
  const ptrLen = m.viaPointer ? encodeRecord('p', formatPointer(0)).length : 0;
  const headLen = sizeLen + head.reduce((a, b) => a + b.length, 0);
  const mesg = encodeRecord('M');
  const dataOffset = headLen + ptrLen + mesg.length;
  const content = Buffer.concat((m.body ?? ['Subject: test', '', 'hello']).map((l) => encodeRecord('N', l)));
  const tail = Buffer.concat([encodeRecord('X'), ...(m.extracted ?? []).map((r) => encodeRecord('R', r)), encodeRecord('E')]);
  const appendedAt = dataOffset + content.length + tail.length;
  const pointer = m.viaPointer ? encodeRecord('p', formatPointer(appendedAt)) : Buffer.alloc(0);
  const appended = m.viaPointer
    ? Buffer.concat([...m.viaPointer.map((r) => encodeRecord('R', r)), encodeRecord('p', formatPointer(headLen + ptrLen))])
    : Buffer.alloc(0);
  const rcptCount = m.recipients.length + (m.extracted?.length ?? 0) + (m.viaPointer?.length ?? 0);
  const size = encodeRecord('C', formatSizeRecord([content.length, dataOffset, rcptCount, 0, content.length, 0]));
  return Buffer.concat([size, ...head, pointer, mesg, content, tail, appended]);
}

export class QueueDirFixture {
  constructor(readonly root: string) {
    for (const q of ['incoming', 'active', 'deferred', 'hold', 'maildrop', 'defer']) mkdirSync(join(root, q), { recursive: true });
  }

  /** Writes a file into a queue (hashed for deferred) and returns its path. */
  put(queue: string, id: string, bytes: Buffer, opts: { mode?: number; mtime?: number } = {}): string {
    const dir = queue === 'deferred' ? join(this.root, queue, queueSubdir(id) ?? '') : join(this.root, queue);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, id);
    writeFileSync(path, bytes);
    chmodSync(path, opts.mode ?? 0o700);
    if (opts.mtime) utimesSync(path, opts.mtime, opts.mtime);
    return path;
  }

  deferLog(id: string, text: string): void {
    const dir = join(this.root, 'defer', queueSubdir(id) ?? '');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, id), text);
  }
}
