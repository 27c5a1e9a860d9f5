import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runFallbackScan } from './fallback-scan';
import { initialStateForTest } from '@/test/queue/scan-state-fixture';
import { QueueIndex } from './index-store';
import { rowView } from './query';
import { runReaderScan, type RunReader } from './scan-run';
import { scanLines, type FakeMessage } from '@/test/queue/test-fixtures';

const T = 1_790_000_000;
const msg = (id: string, extra: Partial<FakeMessage> = {}): FakeMessage => ({ id, arrival: T, sender: 's@x.org', ...extra });

function fakeReader(output: string[], seen: { args?: string[]; stdin?: string } = {}): RunReader {
  return (args, knownList) => {
    seen.args = args;
    seen.stdin = knownList?.();
    return { stdout: Readable.from([Buffer.from(output.map((l) => `${l}\n`).join(''))]), done: Promise.resolve(), cancel: () => undefined };
  };
}

describe('runReaderScan', () => {
  it('builds the index from a full scan and counts reader errors', async () => {
    const ix = new QueueIndex();
    const state = initialStateForTest();
    const out = [
      '#hello mw-queue-scan 1 full 1 /q',
      ...scanLines([msg('A1B2C3D4E5'), msg('A1B2C3D4E6')]),
      '#error active C0FFEE0001 empty file',
      '#seen 3',
      '#done 3 2 1',
      '#end 1',
    ];
    await runReaderScan(ix, 'full', fakeReader(out), state);
    expect(ix.live).toBe(2);
    expect(state).toMatchObject({ seen: 3, parsed: 2, errors: 1, indexed: 2 });
    expect(state.errorSamples[0]).toEqual({ queue: 'active', id: 'C0FFEE0001', reason: 'empty file' });
    expect(state.reader).toBe('perl');
  });

  it('says when the compiled reader did the scan', async () => {
    const state = initialStateForTest();
    await runReaderScan(new QueueIndex(), 'refresh', fakeReader(['#hello mw-queue-scan 2 since-list-compiled 2 /q', '#done 0 0 0', '#end 2']), state);
    expect(state.reader).toBe('compiled');
  });

  it('fails when the reader output ends before #end', async () => {
    const ix = new QueueIndex();
    await expect(runReaderScan(ix, 'full', fakeReader(scanLines([msg('A1B2C3D4E5')])), initialStateForTest())).rejects.toThrow(/ended early/);
  });

  it('rescans in place: a full scan over the served index updates what it saw and removes the rest', async () => {
    const ix = new QueueIndex();
    await runReaderScan(ix, 'full', fakeReader([...scanLines([msg('A1B2C3D4E5'), msg('A1B2C3D4E6'), msg('A1B2C3D4E7')]), '#end 1']), initialStateForTest());
    const out = [...scanLines([msg('A1B2C3D4E6', { sender: 'changed@x.org' }), msg('A1B2C3D4E8'), msg('A1B2C3D4E9')]), '#end 1'];
    await runReaderScan(ix, 'full', fakeReader(out), initialStateForTest());
    expect([...ix.byId.keys()].sort()).toEqual(['A1B2C3D4E6', 'A1B2C3D4E8', 'A1B2C3D4E9']);
    expect(ix.live).toBe(3);
    expect(rowView(ix, ix.byId.get('A1B2C3D4E6')!).sender).toBe('changed@x.org');
  });

  it('sweeps nothing when a full rescan fails half-way: the index keeps every row it had', async () => {
    const ix = new QueueIndex();
    await runReaderScan(ix, 'full', fakeReader([...scanLines([msg('A1B2C3D4E5'), msg('A1B2C3D4E6')]), '#end 1']), initialStateForTest());
    await expect(runReaderScan(ix, 'full', fakeReader(scanLines([msg('A1B2C3D4E6')])), initialStateForTest())).rejects.toThrow(/ended early/);
    expect([...ix.byId.keys()].sort()).toEqual(['A1B2C3D4E5', 'A1B2C3D4E6']);
  });

  it('refreshes in place: sends what it knows, applies moved, changed and gone', async () => {
    const ix = new QueueIndex();
    await runReaderScan(
      ix,
      'full',
      fakeReader([...scanLines([msg('A1B2C3D4E5'), msg('A1B2C3D4E6'), msg('A1B2C3D4E7', { mtime: T + 5 })]), '#end 1']),
      initialStateForTest(),
    );
    const seen: { args?: string[]; stdin?: string } = {};
    const state = initialStateForTest();
    const out = [
      ...scanLines([msg('A1B2C3D4E7', { mtime: T + 99, sender: 'changed@x.org' }), msg('A1B2C3D4E8')]),
      '#moved hold A1B2C3D4E6 1790000000',
      '#gone A1B2C3D4E5',
      // A message that moved mid-walk: one worker says gone, another found it.
      '#gone A1B2C3D4E8',
      '#end 2',
    ];
    await runReaderScan(ix, 'refresh', fakeReader(out, seen), state);
    expect(seen.args).toEqual(['--since-list']);
    expect(seen.stdin?.split('\n')).toEqual(['#q deferred', 'A1B2C3D4E5', 'A1B2C3D4E6', 'A1B2C3D4E7', '']);
    expect([...ix.byId.keys()].sort()).toEqual(['A1B2C3D4E6', 'A1B2C3D4E7', 'A1B2C3D4E8']);
    expect(rowView(ix, ix.byId.get('A1B2C3D4E6')!).queue).toBe('hold');
    expect(rowView(ix, ix.byId.get('A1B2C3D4E7')!).sender).toBe('changed@x.org');
    expect(state.changes).toEqual({ added: 1, updated: 1, moved: 1, gone: 1 });
  });
});

describe('runFallbackScan', () => {
  it('lists with postqueue -j, adds SASL and client from postcat, and survives a vanished message', async () => {
    const pq = [
      {
        queue_name: 'deferred',
        queue_id: 'AAAA00001',
        arrival_time: T,
        message_size: 10,
        sender: 'f@yahoo.com',
        recipients: [{ address: 'a@qq.com', delay_reason: 'blocked' }],
      },
      { queue_name: 'hold', queue_id: 'AAAA00002', arrival_time: T, message_size: 20, sender: '', recipients: [{ address: 'b@aol.com' }] },
    ].map((o) => JSON.stringify(o));
    const calls: string[][] = [];
    const ix = new QueueIndex();
    const state = initialStateForTest();
    await runFallbackScan(
      ix,
      {
        streamPostqueue: () => ({ stdout: Readable.from([`${pq.join('\n')}\n`]), done: Promise.resolve(), cancel: () => undefined }),
        postcatEnvelopes: async (ids) => {
          calls.push(ids);
          if (ids.includes('AAAA00002')) return { exitCode: 1, stdout: '', stderr: 'postcat: fatal: open queue file AAAA00002: No such file or directory' };
          return {
            exitCode: 0,
            stderr: '',
            stdout:
              '*** ENVELOPE RECORDS deferred/A/AAAA00001 ***\nsender: f@yahoo.com\nnamed_attribute: sasl_username=info@example.com\nnamed_attribute: client_address=127.0.0.66\nrecipient: a@qq.com\n',
          };
        },
      },
      state,
    );
    expect(calls).toEqual([['AAAA00001', 'AAAA00002'], ['AAAA00001']]);
    expect(ix.live).toBe(1);
    expect(rowView(ix, ix.byId.get('AAAA00001')!)).toMatchObject({ saslUser: 'info@example.com', clientIp: '127.0.0.66', forged: true, reason: 'blocked' });
  });
});
