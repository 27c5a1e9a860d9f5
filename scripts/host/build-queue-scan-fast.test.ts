import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// build-queue-scan-fast.sh against a stand-in cc that logs its arguments and
// refuses or warns about the flags it is told to: which hardening flags reach
// the real build, and what the enroll script is told was left out.

const BUILD = path.resolve(__dirname, 'build-queue-scan-fast.sh');
const work = mkdtempSync(path.join(tmpdir(), 'mw-build-fast-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FAKE_CC = `#!/bin/bash
echo "$*" >>"$FAKE_CC_LOG"
out=''
for a in "$@"; do
  for r in $FAKE_CC_REJECT; do [[ $a == "$r" ]] && { echo "cc: error: unrecognized command-line option '$a'" >&2; exit 1; }; done
  for w in $FAKE_CC_WARN; do [[ $a == "$w" ]] && echo "cc: warning: '$a' is ignored" >&2; done
  [[ $a == *broken.c ]] && { echo "broken.c:1: error: expected ';'" >&2; exit 1; }
  [[ $prev == -o ]] && out=$a
  prev=$a
done
echo built >"$out"
`;

function fakeBin(name: string, withCc = true): string {
  const dir = path.join(work, name);
  spawnSync('mkdir', ['-p', dir]);
  if (withCc) {
    writeFileSync(path.join(dir, 'cc'), FAKE_CC);
    chmodSync(path.join(dir, 'cc'), 0o755);
  }
  // What the script itself needs, and nothing that is a compiler.
  for (const tool of ['mktemp', 'rm', 'cat']) symlinkSync(`/bin/${tool}`, path.join(dir, tool));
  return dir;
}

function build(name: string, opts: { reject?: string; warn?: string; source?: string; cc?: boolean; extra?: string[] } = {}) {
  const bin = fakeBin(name, opts.cc ?? true);
  const log = path.join(work, `${name}.log`);
  writeFileSync(log, '');
  const source = path.join(work, opts.source ?? 'fast.c');
  writeFileSync(source, 'int main(void) { return 0; }\n');
  const out = path.join(work, `${name}.out`);
  const r = spawnSync('/bin/bash', [BUILD, source, out, ...(opts.extra ?? [])], {
    // Only these: the build must find cc on PATH alone (NODE_ENV because Next's types require it).
    env: { NODE_ENV: 'test', PATH: bin, FAKE_CC_LOG: log, FAKE_CC_REJECT: opts.reject ?? '', FAKE_CC_WARN: opts.warn ?? '' },
  });
  const calls = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString(), final: calls.at(-1) ?? '', calls };
}

describe('build-queue-scan-fast.sh', () => {
  it('builds with every hardening flag a cc takes, warnings on, CC_ARGs last', () => {
    const r = build('all', { extra: ['-Werror'] });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('\n');
    expect(r.final).toBe(
      `-std=c11 -O2 -Wall -Wextra -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE -pie -Wl,-z,relro -Wl,-z,now -Werror -o ${path.join(work, 'all.out')} ${path.join(work, 'fast.c')}`,
    );
  });

  it('leaves out what this cc refuses or warns about, takes the weaker stack protector, and says so', () => {
    const r = build('old', { reject: '-fstack-protector-strong -Wl,-z,now', warn: '-D_FORTIFY_SOURCE=2' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2, -fstack-protector-strong (-fstack-protector instead), -Wl,-z,now\n');
    expect(r.final).toMatch(/^-std=c11 -O2 -Wall -Wextra -fstack-protector -fPIE -pie -Wl,-z,relro -o /);
    expect(r.final).not.toMatch(/FORTIFY|protector-strong|z,now/);
  });

  it("fails with cc's own message when the source does not build", () => {
    const r = build('broken', { source: 'broken.c' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("broken.c:1: error: expected ';'");
  });

  it('exits 3 without a cc (the enroll script then keeps the Perl reader)', () => {
    const r = build('nocc', { cc: false });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('no cc');
  });
});
