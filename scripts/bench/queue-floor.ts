// The honest floor of the queue benchmark (issue 19.5): what reading every
// byte of every queue file costs when it is done well, over the same SSH
// link and as the same user as the index's reader.
//
// `find | xargs cat` is no floor on these VMs: GNU cat maps and unmaps a
// fresh 128 KB buffer per file, and the munmaps dominate (LAB.md,
// 2026-12-07). The floor is one process walking the queue directories and
// reading each file into one reused buffer; the benchmark compiles it from
// the C below (or, without a C compiler, runs the same loop in Perl with
// sysread into one buffer) and starts it as `sudo -n -u postfix` over the
// console's ssh2 connection, like mw-queue-scan.
//
// The console's sudoers lets the SSH user start only Mailwarden's helpers.
// For the floor the benchmark adds one rule of its own for the length of the
// run (under the lab lock) and removes it in `finally`: the reader's fixed
// root-owned path, no arguments allowed (`""`), run as postfix. It prints
// two counts and nothing of the mail.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import type { Client } from 'ssh2';

const run = promisify(execFile);

export const FLOOR_DIR = '/usr/local/lib/mailwarden-bench';
export const FLOOR_PATH = `${FLOOR_DIR}/mw-read-floor`;
const SUDOERS = '/etc/sudoers.d/mailwarden-bench-floor';

// Same queues as the find reference and the reader. Hashed subdirectories
// are walked; links and FIFOs are not followed or opened (as the reader).
const C_SOURCE = String.raw`#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[1 << 16];
static unsigned long long files, bytes;

static void walk(int dirfd) {
  DIR *d = fdopendir(dirfd);
  if (!d) { close(dirfd); return; }
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    if (e->d_type == DT_DIR) {
      int sub = openat(dirfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub >= 0) walk(sub);
    } else if (e->d_type == DT_REG) {
      int fd = openat(dirfd, e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0) continue;
      ssize_t n;
      while ((n = read(fd, buf, sizeof buf)) > 0) bytes += (unsigned long long)n;
      close(fd);
      files++;
    }
  }
  closedir(d);
}

int main(void) {
  static const char *queues[] = { "incoming", "active", "deferred", "hold", "maildrop" };
  if (chdir("/var/spool/postfix") != 0) { perror("chdir"); return 1; }
  for (unsigned i = 0; i < sizeof queues / sizeof *queues; i++) {
    int fd = open(queues[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) walk(fd);
  }
  printf("floor c %llu %llu\n", files, bytes);
  return 0;
}
`;

// The same loop where the host has no C compiler: opendir/readdir, lstat
// only to tell files from directories, sysread into one buffer.
const PERL_SOURCE = String.raw`#!/usr/bin/perl
use strict;
use Fcntl qw(O_RDONLY O_NOFOLLOW O_NONBLOCK S_ISDIR S_ISREG);
my ($files, $bytes, $buf) = (0, 0, '');
sub walk {
  my ($dir) = @_;
  opendir(my $dh, $dir) or return;
  for my $name (readdir $dh) {
    next if substr($name, 0, 1) eq '.';
    my $path = "$dir/$name";
    my @st = lstat $path or next;
    if (S_ISDIR($st[2])) { walk($path); next }
    next unless S_ISREG($st[2]);
    sysopen(my $fh, $path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK) or next;
    my $n;
    $bytes += $n while ($n = sysread($fh, $buf, 65536));
    close $fh;
    $files++;
  }
  closedir $dh;
}
chdir '/var/spool/postfix' or die "chdir: $!\n";
walk($_) for qw(incoming active deferred hold maildrop);
print "floor perl $files $bytes\n";
`;

export interface Floor {
  kind: 'c' | 'perl';
  path: string;
  remove(): Promise<void>;
}

/**
 * Builds the floor reader at FLOOR_PATH (root-owned, 0755) and lets the SSH
 * user start it as postfix; remove() takes both away again.
 */
export async function installFloor(sshUser: string): Promise<Floor> {
  const work = mkdtempSync(`${tmpdir()}/mw-floor-`);
  let kind: Floor['kind'] = 'perl';
  try {
    await run('install', ['-d', '-o', 'root', '-g', 'root', '-m', '0755', FLOOR_DIR]);
    writeFileSync(`${work}/floor.c`, C_SOURCE);
    const cc = await run('cc', ['-O2', '-o', `${work}/floor`, `${work}/floor.c`]).then(
      () => true,
      () => false,
    );
    if (cc) kind = 'c';
    else writeFileSync(`${work}/floor`, PERL_SOURCE);
    await run('install', ['-o', 'root', '-g', 'root', '-m', '0755', `${work}/floor`, FLOOR_PATH]);
    // The user name is the lab's own (lab.json), checked to be a plain name.
    if (!/^[a-z_][a-z0-9_-]*$/.test(sshUser)) throw new Error(`unexpected SSH user name ${JSON.stringify(sshUser)}`);
    writeFileSync(
      `${work}/sudoers`,
      `# Temporary: npm run bench -- queue (the honest floor); removed at the end of the run.\n${sshUser} ALL=(postfix) NOPASSWD: ${FLOOR_PATH} ""\n`,
      { mode: 0o440 },
    );
    await run('visudo', ['-c', '-q', '-f', `${work}/sudoers`]);
    await run('install', ['-o', 'root', '-g', 'root', '-m', '0440', `${work}/sudoers`, SUDOERS]);
  } catch (err) {
    await removeFloor();
    throw err;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { kind, path: FLOOR_PATH, remove: removeFloor };
}

async function removeFloor(): Promise<void> {
  rmSync(SUDOERS, { force: true });
  rmSync(FLOOR_DIR, { recursive: true, force: true });
}

export interface FloorRun {
  files: number;
  bytes: number;
}

function parse(text: string): FloorRun {
  const m = /^floor (?:c|perl) (\d+) (\d+)$/m.exec(text);
  if (!m) throw new Error(`the floor reader printed ${JSON.stringify(text.slice(0, 200))}`);
  return { files: Number(m[1]), bytes: Number(m[2]) };
}

/** One run over the SSH connection: `sudo -n -u postfix <floor>`, as the console starts mw-queue-scan. */
export function floorOverSsh(c: Client): Promise<FloorRun> {
  return new Promise((resolve, reject) =>
    c.exec(`sudo -n -u postfix ${FLOOR_PATH}`, (err, ch) => {
      if (err) return reject(err);
      let out = '';
      let errText = '';
      ch.on('data', (d: Buffer) => (out += d.toString()));
      ch.stderr.on('data', (d: Buffer) => (errText += d.toString()));
      let code: number | null = null;
      ch.on('exit', (c: number | null) => (code = c));
      // 'close', not 'exit': output may still be arriving when the exit status does.
      ch.on('close', () => {
        if (code !== 0) return reject(new Error(`the floor reader exited ${code}: ${errText.trim()}`));
        try {
          resolve(parse(out));
        } catch (e) {
          reject(e as Error);
        }
      });
      ch.end();
    }),
  );
}

/** The same reader started locally as postfix (what the SSH link adds is the difference). */
export async function floorLocal(sh: (script: string) => Promise<{ stdout: string }>): Promise<FloorRun> {
  return parse((await sh(`runuser -u postfix -- ${FLOOR_PATH}`)).stdout);
}
