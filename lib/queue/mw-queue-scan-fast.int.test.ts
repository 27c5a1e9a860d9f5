import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueDirFixture, queueFileBytes } from '@/test/queue/queue-dir-fixture';

// The compiled queue reader (scripts/host/mw-queue-scan-fast.c) parses files
// whose contents senders control. Built here with AddressSanitizer and
// UBSan, it reads mutated copies of real and generated queue files -- bytes
// changed, files cut short, lengths made multi-byte, pointer records aimed
// anywhere, defer logs scrambled -- and must account for every file, as a
// row or an "#error", without one sanitizer report.

const SOURCE = join(process.cwd(), 'scripts/host/mw-queue-scan-fast.c');
const BUILD = join(process.cwd(), 'scripts/host/build-queue-scan-fast.sh');
const READER = join(process.cwd(), 'scripts/host/mw-queue-scan');
const CORPUS = join(process.cwd(), '../shared/corpora/queue-files/postfix-src-cleanup-testdata');
const MUTANTS = 3000;
const SEED = 20261128;

// Only what the reader needs, typed as a whole environment.
const env = (extra: Record<string, string>) => ({ PATH: '/usr/bin:/bin', ...extra }) as unknown as NodeJS.ProcessEnv;

let work: string;
let binary: string;

/** xorshift32: the same mutants on every run, so a failure can be replayed. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

/** Rows (string ids resolved, domains sorted) and errors, one line per file, sorted. */
function canonicalLines(out: string): string[] {
  const strings = new Map<string, string>();
  const lines: string[] = [];
  for (const l of out.split('\n')) {
    const s = /^#s (\d+) (.*)$/.exec(l);
    if (s) strings.set(s[1]!, s[2]!);
    else if (l.startsWith('#error ')) lines.push(l);
    else if (/^(deferred|hold)\t/.test(l)) {
      const f = l.split('\t');
      for (const i of [5, 6, 7, 8, 9, 10, 13]) f[i] = f[i] ? `=${strings.get(f[i]!)}` : '';
      f[12] = f[12]!
        .split(',')
        .filter(Boolean)
        .map((p) => `${strings.get(p.split('=')[0]!)}=${p.split('=')[1]}`)
        .sort()
        .join(',');
      lines.push(f.join('\t'));
    }
  }
  return lines.sort();
}

function bases(): Buffer[] {
  const corpus = readdirSync(CORPUS)
    .filter((f) => /^(test-queue-file\w*|bug\d\.file)$/.test(f))
    .map((f) => readFileSync(join(CORPUS, f)));
  const made = [
    queueFileBytes({
      arrival: 1_790_000_000,
      sender: 'a@b.test',
      attrs: { sasl_username: 'info@example.com', client_address: '127.0.0.66' },
      recipients: ['x@qq.com', 'y@aol.com'],
    }),
    queueFileBytes({ arrival: 1_790_000_000, sender: '', recipients: [`${'l'.repeat(300)}@long.test`], viaPointer: ['p@ptr.test'] }),
    queueFileBytes({ arrival: 1_790_000_000, sender: 's@x.test', recipients: ['e@x.test'], extracted: ['h@x.test'], body: ['x'.repeat(5000)] }),
  ];
  return [...corpus, ...made];
}

function mutate(base: Buffer, next: (n: number) => number): Buffer {
  const b = Buffer.from(base);
  switch (next(6)) {
    case 0: // a few random bytes
      for (let i = next(4) + 1; i > 0; i--) b[next(b.length)] = next(256);
      return b;
    case 1: // cut short
      return b.subarray(0, next(b.length));
    case 2: // a record length turned multi-byte or huge
      b[Math.min(b.length - 1, 1 + next(Math.min(64, b.length)))] = 0x80 | next(128);
      return b;
    case 3: // a pointer or size record's digits changed
      return Buffer.from(
        b.toString('latin1').replace(/\d{2,}/, () => String(next(1_000_000) * (next(2) ? 1 : 9973))),
        'latin1',
      );
    case 4: // bytes inserted
      return Buffer.concat([b.subarray(0, next(b.length)), Buffer.from(Array.from({ length: next(40) + 1 }, () => next(256))), b.subarray(next(b.length))]);
    default: // the tail (X, E) damaged
      b[b.length - 1 - next(Math.min(8, b.length))] = next(256);
      return b;
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mw-qscan-fuzz-'));
  binary = join(work, 'mw-queue-scan-fast');
  // The hosts' build (hardening flags, -Wall -Wextra) plus the sanitizers;
  // without _FORTIFY_SOURCE, whose checked copies would hide accesses from
  // AddressSanitizer.
  const sanitizers = ['-U_FORTIFY_SOURCE', '-O1', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=all', '-fno-omit-frame-pointer'];
  const cc = spawnSync('bash', [BUILD, SOURCE, binary, ...sanitizers, '-Werror']);
  expect(cc.stderr.toString()).toBe('');
  expect(cc.status).toBe(0);
  const fx = new QueueDirFixture(join(work, 'spool'));
  const next = rng(SEED);
  const all = bases();
  for (let i = 0; i < MUTANTS; i++) {
    const id = `F${i.toString(16).toUpperCase().padStart(10, '0')}`;
    const queue = next(2) ? 'deferred' : 'hold';
    fx.put(queue, id, mutate(all[next(all.length)]!, next));
    if (queue === 'deferred' && next(2)) {
      const log = Buffer.from('recipient=x@qq.com\nreason=host said: 550 blocked\n<x@qq.com>: old style\n');
      fx.deferLog(id, mutate(log, next).toString('latin1'));
    }
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('mw-queue-scan-fast under AddressSanitizer and UBSan', () => {
  it.each([1, 2])(`accounts for each of ${MUTANTS} mutated queue files with %i worker(s), without a sanitizer report`, (workers) => {
    const r = spawnSync(binary, [String(workers), '1'], {
      cwd: join(work, 'spool'),
      env: env({ ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=0', UBSAN_OPTIONS: 'print_stacktrace=1' }),
      maxBuffer: 64 * 1024 * 1024,
      timeout: 60_000,
    });
    const stderr = r.stderr.toString();
    expect(stderr).not.toMatch(/AddressSanitizer|runtime error|LeakSanitizer/);
    expect(r.status).toBe(0);
    const lines = r.stdout.toString('latin1').split('\n');
    const rows = lines.filter((l) => /^(deferred|hold)\t/.test(l)).length;
    const errors = lines.filter((l) => l.startsWith('#error ')).length;
    expect(rows + errors).toBe(MUTANTS);
    // Both kinds occur: the mutants are neither all harmless nor all fatal.
    expect(rows).toBeGreaterThan(MUTANTS / 10);
    expect(errors).toBeGreaterThan(MUTANTS / 10);
    expect(lines.filter((l) => l.startsWith('#done ')).length).toBe(workers);
    expect(lines.at(-2)).toBe(`#end ${workers}`);
  });

  it('and the Perl reader, the fallback where there is no compiler, reads the same mutants to the same rows and errors', () => {
    const run = (cmd: string, args: string[], extra: Record<string, string>) => {
      const r = spawnSync(cmd, args, { cwd: join(work, 'spool'), env: env(extra), maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
      expect(r.status).toBe(0);
      return canonicalLines(r.stdout.toString('latin1'));
    };
    const perl = run('perl', [READER], { MW_QUEUE_DIR: join(work, 'spool') });
    const fast = run(binary, ['2', '1'], { ASAN_OPTIONS: 'detect_leaks=0' });
    expect(perl.length).toBe(MUTANTS);
    expect(fast).toEqual(perl);
  });

  it('reads a refresh list that is not what the console sends without a sanitizer report', () => {
    const next = rng(SEED + 1);
    const junk = Buffer.from(Array.from({ length: 200_000 }, () => (next(8) ? '0123456789ABCDEFz\n#q deferred\nhold 1'.charCodeAt(next(30)) : next(256))));
    for (const stdin of [junk, Buffer.from('#q deferred\nF0000000001\n#q\n\n#q hold'), Buffer.from('F0000000001 hold\nF0000000002 deferred x\n')]) {
      const r = spawnSync(binary, ['2', '1', '--since-list'], {
        cwd: join(work, 'spool'),
        input: stdin,
        timeout: 60_000,
        env: env({ ASAN_OPTIONS: 'detect_leaks=0' }),
      });
      expect(r.stderr.toString()).not.toMatch(/AddressSanitizer|runtime error/);
      expect(r.status).toBe(0);
      expect(r.stdout.toString('latin1')).toMatch(/#end 2\n$/);
    }
  });
});

// What the postfix user could plant in a queue directory: FIFOs named like
// queue files (a blocking open would hang a worker for ever; one held open
// by a writer would read), links to files elsewhere, links in place of a
// queue, of a hash directory and of a defer hash directory. Both readers go
// on, read none of what the links point to, and report each non-file as an
// "#error", the way they report a file they cannot open.
describe('both readers, with non-files planted in the queue', () => {
  let spool: string;
  let writerFd: number;
  const msg = queueFileBytes({ arrival: 1_790_000_000, sender: 'a@b.test', recipients: ['x@qq.com'] });
  const fifo = (fx: QueueDirFixture, queue: string, id: string) => {
    const path = fx.put(queue, id, Buffer.alloc(0));
    rmSync(path);
    execFileSync('mkfifo', [path]);
    return path;
  };
  beforeAll(() => {
    spool = join(work, 'planted');
    const fx = new QueueDirFixture(spool);
    fx.put('deferred', 'A0000000001', msg);
    fx.put('hold', 'A0000000002', msg);
    fifo(fx, 'deferred', 'B0000000003');
    // Held open for writing (O_RDWR does not wait for a reader): a reader
    // that opened it without O_NONBLOCK would block on it until the writer
    // wrote, one that did not look at the type would get no end of file.
    writerFd = openSync(fifo(fx, 'hold', 'B0000000006'), 'r+');
    symlinkSync('/etc/passwd', join(spool, 'hold', 'C0000000004'));
    const elsewhere = join(work, 'elsewhere');
    mkdirSync(elsewhere);
    const other = new QueueDirFixture(elsewhere);
    other.put('hold', 'D0000000005', msg);
    other.put('incoming', 'D0000000007', msg);
    symlinkSync(join(elsewhere, 'hold'), join(spool, 'deferred', 'Z'));
    rmSync(join(spool, 'incoming'), { recursive: true });
    symlinkSync(join(elsewhere, 'incoming'), join(spool, 'incoming'));
    // A0000000001's defer log, behind a link in place of defer/A.
    other.deferLog('A0000000001', 'recipient=x@qq.com\nreason=read through a link\n');
    rmSync(join(spool, 'defer', 'A'), { recursive: true, force: true });
    symlinkSync(join(elsewhere, 'defer', 'A'), join(spool, 'defer', 'A'));
  });
  afterAll(() => closeSync(writerFd));

  const readers = [
    ['compiled', () => [binary, ['2', '1']] as const, { ASAN_OPTIONS: 'detect_leaks=0' }],
    ['Perl', () => ['perl', [READER]] as const, {} as Record<string, string>],
  ] as const;
  const run = (cmd: () => readonly [string, readonly string[]], extra: Record<string, string>, more: string[] = []) => {
    const [program, args] = cmd();
    // The timeout is the test: a reader that waits on a FIFO is killed after it.
    const r = spawnSync(program, [...args, ...more], {
      cwd: spool,
      env: env({ ...extra, MW_QUEUE_DIR: spool }),
      input: '',
      timeout: 20_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(r.error, 'the reader hung').toBeUndefined();
    expect(r.status, r.stderr.toString()).toBe(0);
    return r.stdout.toString('latin1');
  };

  describe.each(readers)('the %s reader', (_name, cmd, extra) => {
    it.each([
      ['a full scan', []],
      ['a refresh', ['--since-list']],
    ])('in %s finishes, follows no link and reports every non-file', (_mode, more) => {
      const out = run(cmd, extra, more);
      const rows = out
        .split('\n')
        .filter((l) => /^[a-z]+\t/.test(l))
        .map((l) => l.split('\t')[1]);
      expect(rows.sort()).toEqual(['A0000000001', 'A0000000002']);
      expect(out).toMatch(/^#error deferred B0000000003 not a regular file$/m);
      expect(out).toMatch(/^#error hold B0000000006 not a regular file$/m);
      expect(out).toMatch(/^#error hold C0000000004 open: /m);
      // Nothing from behind the links: not the file, not the hash directory's
      // message, not the linked incoming queue, not the linked defer log.
      expect(out).not.toMatch(/D000000000[57]|root:x:0:0|through a link/);
      expect(out).toMatch(/#end 2\n$/);
    });
  });

  it('the compiled reader reads nothing from a FIFO a writer has filled with a queue file', () => {
    writeSync(writerFd, msg);
    const out = run(readers[0][1], readers[0][2]);
    expect(out).toMatch(/^#error hold B0000000006 not a regular file$/m);
    expect(out).not.toMatch(/^hold\tB0000000006\t/m);
  });
});

// One record limit in both readers, 16 MiB (MAX_RECORD, $MAX_RECORD): a
// recipient of 17 MiB is a damaged file to both, one of 15 MiB is read.
describe('both readers, with a record over the limit', () => {
  let spool: string;
  beforeAll(() => {
    spool = join(work, 'huge');
    const fx = new QueueDirFixture(spool);
    fx.put('hold', 'H0000000001', queueFileBytes({ arrival: 1_790_000_000, sender: 'a@b.test', recipients: [`${'x'.repeat(17 << 20)}@over.test`] }));
    fx.put('hold', 'H0000000002', queueFileBytes({ arrival: 1_790_000_000, sender: 'a@b.test', recipients: [`${'x'.repeat(15 << 20)}@under.test`] }));
  });

  it('reports it the same way', () => {
    const out = (program: string, args: string[], extra: Record<string, string>) => {
      const r = spawnSync(program, args, { cwd: spool, env: env({ ...extra, MW_QUEUE_DIR: spool }), timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
      expect(r.status, r.stderr.toString()).toBe(0);
      return canonicalLines(r.stdout.toString('latin1'));
    };
    const perl = out('perl', [READER], {});
    expect(perl).toEqual([
      expect.stringMatching(/^#error hold H0000000001 record too long at offset \d+$/),
      expect.stringMatching(/^hold\tH0000000002\t.*\tunder\.test=1\t/),
    ]);
    expect(out(binary, ['1', '1'], { ASAN_OPTIONS: 'detect_leaks=0' })).toEqual(perl);
  });
});
