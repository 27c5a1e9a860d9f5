// What a stolen console key can do on an enrolled mail host: the lab host,
// set up by the same enroll script an admin runs. Every vector runs over SSH
// as the mailwarden user, as an attacker holding the key would, and tries to
// make root create a canary file. A root-owned canary means failure.
//
// Each payload is first proven real: run by root directly, it does create
// the canary. So a refusal below is the sudo rules and the helpers holding,
// not a payload that could never have worked.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sudoRights } from '@/lib/hosts/sudo-rights';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KEY = path.join(ROOT, '.lab/ssh/id_ed25519');
const H = '/usr/local/lib/mailwarden';
const tag = randomBytes(4).toString('hex');
const CANARY = `/tmp/mw-escalation-canary-${tag}`;
const EVIL = `/tmp/mw-evil-${tag}`;

type Run = { code: number | null; stdout: string; stderr: string };

/** One command line as the SSH user, through the lab's sshd (the console's own door). */
function asKeyHolder(command: string, stdin = ''): Run {
  const r = spawnSync(
    'ssh',
    [
      '-i',
      KEY,
      '-p',
      '2222',
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      '-o',
      'LogLevel=ERROR',
      'mailwarden@127.0.0.1',
      command,
    ],
    { input: stdin, encoding: 'utf8', timeout: 30_000 },
  );
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const rootCanary = () => existsSync(CANARY) && statSync(CANARY).uid === 0;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

// The payloads an attacker plants as the SSH user: a config directory whose
// main.cf names itself as daemon_directory, with a postfix-script beside it
// (what `postfix -c DIR` runs as root); a Perl module for PERL5OPT.
const PLANT = `set -e; mkdir -p ${EVIL}; cd ${EVIL}
cp /etc/postfix/master.cf master.cf
printf 'daemon_directory = ${EVIL}\\ncommand_directory = ${EVIL}\\nmeta_directory = ${EVIL}\\nqueue_directory = /var/spool/postfix\\n' > main.cf
printf '#!/bin/sh\\ntouch ${CANARY}\\n' > postfix-script; chmod 755 postfix-script
cp postfix-script postfix-wrapper
printf 'package Evil; system("touch ${CANARY}"); 1;\\n' > Evil.pm
printf 'touch ${CANARY}\\n' > evil.sh; chmod 755 evil.sh
chmod -R a+rX ${EVIL}`;

let mainCf = '';
let queueCount = 0;
const countQueue = () => Number(execFileSync('bash', ['-c', '/usr/sbin/postqueue -j | wc -l'], { encoding: 'utf8' }).trim());

beforeAll(() => {
  rmSync(CANARY, { force: true });
  mainCf = sha('/etc/postfix/main.cf');
  queueCount = countQueue();
  const planted = asKeyHolder(PLANT);
  expect(planted.code, planted.stderr).toBe(0);
  // A preload library for the LD_PRELOAD vector (the host has a compiler; an attacker would bring one).
  // It unsets LD_PRELOAD before system(), or every shell it starts would load it again: a fork bomb.
  execFileSync('bash', [
    '-c',
    `printf '#include <stdlib.h>\\n__attribute__((constructor)) static void evil(void) { unsetenv(\"LD_PRELOAD\"); system(\"touch ${CANARY}\"); }\\n' > ${EVIL}/evil.c && cc -shared -fPIC -o ${EVIL}/evil.so ${EVIL}/evil.c && chmod a+r ${EVIL}/evil.so`,
  ]);
});

/** Runs a payload as root, without sudo, and reports whether it made the canary. */
function provesAsRoot(command: string): boolean {
  rmSync(CANARY, { force: true });
  spawnSync('bash', ['-c', command], { encoding: 'utf8' });
  const made = rootCanary();
  rmSync(CANARY, { force: true });
  return made;
}

afterAll(() => {
  rmSync(EVIL, { recursive: true, force: true });
  rmSync(CANARY, { force: true });
});

describe('the payloads are real: run by root, each creates the canary', () => {
  it.each([
    ['postfix -c <attacker dir>', `/usr/sbin/postfix -c ${EVIL} status`],
    ['MAIL_CONFIG=<attacker dir> postfix', `MAIL_CONFIG=${EVIL} /usr/sbin/postfix status`],
    ['PERL5LIB + PERL5OPT', `PERL5LIB=${EVIL} PERL5OPT=-MEvil perl -e 1`],
    ['LD_PRELOAD', `LD_PRELOAD=${EVIL}/evil.so /bin/true`],
  ])('%s', (_name, command) => {
    expect(provesAsRoot(command)).toBe(true);
  });
});

// [vector, command line as the key holder, stdin]. Each must fail, and no
// root-owned canary may appear.
const VECTORS: [string, string, string?][] = [
  // Postfix tools straight through sudo, with free arguments.
  ['postfix -c <attacker dir> status', `sudo -n /usr/sbin/postfix -c ${EVIL} status`],
  ['postfix -c <attacker dir> check', `sudo -n /usr/sbin/postfix -c ${EVIL} check`],
  ['postconf -c <attacker dir>', `sudo -n /usr/sbin/postconf -c ${EVIL} -n`],
  ['postconf -e daemon_directory', `sudo -n /usr/sbin/postconf -e daemon_directory=${EVIL}`],
  ['postconf -M a root pipe service', `sudo -n /usr/sbin/postconf -M 'evil/unix=evil unix - n n - - pipe user=root argv=${EVIL}/evil.sh'`],
  ['postmap on an arbitrary path', `sudo -n /usr/sbin/postmap -q root texthash:/etc/shadow`],
  ['postsuper on an arbitrary path', `sudo -n /usr/sbin/postsuper -c ${EVIL} -d ALL`],
  ['postcat on a non-queue file', 'sudo -n /usr/sbin/postcat /etc/shadow'],
  ['postqueue -c', `sudo -n /usr/sbin/postqueue -c ${EVIL} -p`],
  ['postmulti', `sudo -n /usr/sbin/postmulti -x ${EVIL}/evil.sh`],
  ['a shell', 'sudo -n /bin/sh -c id'],
  // The helpers, with the attacker's directory and values.
  ['mw-postfix -c <attacker dir> status', `sudo -n ${H}/mw-postfix -c ${EVIL} status`],
  ['mw-postfix -c <attacker dir> check', `sudo -n ${H}/mw-postfix -c ${EVIL} check`],
  ['mw-postfix -c with .. out of /etc/postfix', `sudo -n ${H}/mw-postfix -c /etc/postfix/../../${EVIL} status`],
  ['mw-postfix -c with a doubled slash', `sudo -n ${H}/mw-postfix -c /${EVIL} status`],
  ['mw-postfix config -c', `sudo -n ${H}/mw-postfix config -c ${EVIL}`],
  ['mw-postfix config -e', `sudo -n ${H}/mw-postfix config -e daemon_directory=${EVIL}`],
  ['mw-postfix set daemon_directory', `sudo -n ${H}/mw-postfix set`, `daemon_directory=${EVIL}\n`],
  ['mw-postfix set mailbox_command', `sudo -n ${H}/mw-postfix set`, `mailbox_command=${EVIL}/evil.sh\n`],
  ['mw-postfix set a map outside the config directory', `sudo -n ${H}/mw-postfix set`, 'smtpd_sender_login_maps=texthash:/etc/shadow\n'],
  ['mw-postfix set a pipemap', `sudo -n ${H}/mw-postfix set`, `smtpd_sender_restrictions=check_sasl_access pipemap:{texthash:${EVIL}/x}\n`],
  ['mw-postfix set a newline inside a pair', `sudo -n ${H}/mw-postfix set`, 'smtpd_tls_auth_only=yes\ndefault_privs=root\n'],
  ['mw-postfix set with an argument', `sudo -n ${H}/mw-postfix set daemon_directory=${EVIL}`],
  ['mw-postfix services with an edit', `sudo -n ${H}/mw-postfix services 'evil/unix=evil unix - n n - - pipe user=root argv=${EVIL}/evil.sh'`],
  ['mw-postfix config -M', `sudo -n ${H}/mw-postfix config -M`],
  ['mw-postfix lookup /etc/shadow', `sudo -n ${H}/mw-postfix lookup texthash:/etc/shadow`, 'root\n'],
  ['mw-postfix lookup with ..', `sudo -n ${H}/mw-postfix lookup hash:/etc/postfix/../shadow`, 'root\n'],
  ['mw-postfix lookup a leading dash', `sudo -n ${H}/mw-postfix lookup -q`, 'root\n'],
  ['mw-postfix show a path', `sudo -n ${H}/mw-postfix show ../../../etc/shadow`],
  ['mw-postfix show a leading dash', `sudo -n ${H}/mw-postfix show -c${EVIL}`],
  ['mw-postfix envelopes with a path', `sudo -n ${H}/mw-postfix envelopes`, '/etc/shadow\n'],
  ['mw-postfix delete ALL', `sudo -n ${H}/mw-postfix delete`, 'ALL\n'],
  ['mw-postfix delete a path', `sudo -n ${H}/mw-postfix delete`, '../../../etc/passwd\n'],
  ['mw-postfix delete with a NUL', `sudo -n ${H}/mw-postfix delete`, 'ABCDEF0123\0../x\n'],
  ['mw-postfix delete with an extra option', `sudo -n ${H}/mw-postfix delete -c ${EVIL}`],
  ['mw-postfix unknown subcommand', `sudo -n ${H}/mw-postfix --help`],
  ['mw-postfix a subcommand with a newline', `sudo -n ${H}/mw-postfix $(printf 'status\\nx')`],
  // mw-config: files only inside the registered config directory.
  ['mw-config -c <attacker dir> cat-main', `sudo -n ${H}/mw-config -c ${EVIL} cat-main`],
  ['mw-config -c <attacker dir> backup', `sudo -n ${H}/mw-config -c ${EVIL} backup`],
  ['mw-config read-map with ..', `sudo -n ${H}/mw-config read-map ../shadow`],
  ['mw-config write-map outside', `sudo -n ${H}/mw-config write-map ../../etc/cron.d/evil`, `* * * * * root ${EVIL}/evil.sh\n`],
  ['mw-config write-map a leading dash', `sudo -n ${H}/mw-config write-map -mailwarden_x.cf`, 'x\n'],
  ['mw-config restore with ..', `sudo -n ${H}/mw-config restore ../../..${EVIL}`],
  // mw-policy: postfwd and the package manager only with fixed arguments; a
  // ruleset only in the shapes Mailwarden writes (postfwd's sendmail() action
  // would run a program as the daemon).
  ['postfwd straight through sudo', `sudo -n /usr/sbin/postfwd -f ${EVIL}/rules.cf`],
  ['apt-get straight through sudo', 'sudo -n /usr/bin/apt-get install -y sl'],
  ['mw-policy write-config with sendmail()', `sudo -n ${H}/mw-policy write-config`, `id=mw-x; action=sendmail(${EVIL}/evil.sh::a::b::c::d)\n`],
  [
    'mw-policy write-config with a second action',
    `sudo -n ${H}/mw-policy write-config`,
    `id=mw-a; sasl_username==a@b.c; action=DUNNO; action=sendmail(${EVIL}/evil.sh::a::b::c::d)\n`,
  ],
  ['mw-policy write-config with an ask() to another service', `sudo -n ${H}/mw-policy write-config`, 'id=mw-a; action=ask(127.0.0.1:25)\n'],
  [
    'mw-policy write-config with a NUL',
    `sudo -n ${H}/mw-policy write-config`,
    'id=mw-a; sasl_username==a@b.c; action=DUNNO\0\nid=x; action=sendmail(/bin/sh::a::b::c::d)\n',
  ],
  ['mw-policy write-config with an argument', `sudo -n ${H}/mw-policy write-config ${EVIL}/rules.cf`, 'id=mw-a; sasl_username==a@b.c; action=DUNNO\n'],
  ['mw-policy start with an option', `sudo -n ${H}/mw-policy start -f ${EVIL}/rules.cf`],
  ['mw-policy install with a package name', `sudo -n ${H}/mw-policy install sl`],
  ['mw-policy lift a leading dash', `sudo -n ${H}/mw-policy lift --kill`],
  ['mw-policy lift with ..', `sudo -n ${H}/mw-policy lift ../../etc@x`],
  ['mw-policy lift with a newline', `sudo -n ${H}/mw-policy lift "$(printf 'a@b.c\n--kill')"`],
  ['mw-policy lift with two logins', `sudo -n ${H}/mw-policy lift a@b.c --kill`],
  ['mw-policy unknown subcommand', `sudo -n ${H}/mw-policy --help`],
  ['PERL5OPT/PERL5LIB into mw-policy', `PERL5LIB=${EVIL} PERL5OPT=-MEvil sudo -n ${H}/mw-policy status && test -e ${CANARY} && exit 99`],
  // The environment through sudo.
  ['MAIL_CONFIG through sudo', `MAIL_CONFIG=${EVIL} sudo -n ${H}/mw-postfix status && test -e ${CANARY} && exit 99`],
  ['MAIL_CONFIG as a sudo argument', `sudo -n MAIL_CONFIG=${EVIL} ${H}/mw-postfix status`],
  ['sudo -E', `MAIL_CONFIG=${EVIL} sudo -n -E ${H}/mw-postfix status && test -e ${CANARY} && exit 99`],
  ['sudo --preserve-env', `MAIL_CONFIG=${EVIL} sudo -n --preserve-env=MAIL_CONFIG ${H}/mw-postfix status && test -e ${CANARY} && exit 99`],
  ['PERL5OPT/PERL5LIB through sudo', `PERL5LIB=${EVIL} PERL5OPT=-MEvil sudo -n ${H}/mw-postfix config-dir && test -e ${CANARY} && exit 99`],
  ['LD_PRELOAD through sudo', `LD_PRELOAD=${EVIL}/evil.so sudo -n ${H}/mw-postfix config-dir && test -e ${CANARY} && exit 99`],
  ['MW_CONFIG_DIR (the test hook) through sudo', `MW_CONFIG_DIR=${EVIL} sudo -n ${H}/mw-config cat-main | grep -q daemon_directory.*mw-evil && exit 99`],
  // The other users' helpers, as root or with their test hooks.
  ['mw-queue-scan as root', `sudo -n -u root ${H}/mw-queue-scan --count`],
  ['mw-postfix as postfix', `sudo -n -u postfix ${H}/mw-postfix status`],
  ['MW_QUEUE_DIR into mw-queue-scan', `sudo -n -u postfix MW_QUEUE_DIR=${EVIL} ${H}/mw-queue-scan --count`],
  ['mw-queue-scan with an unknown option', `sudo -n -u postfix ${H}/mw-queue-scan --queue-dir=${EVIL}`],
  ['mw-maildir as root', `sudo -n -u root ${H}/mw-maildir scan example.com/info/Maildir/ 0`],
  ['mw-maildir scan with ..', `sudo -n -u vmail ${H}/mw-maildir scan ../../../etc/ 0`],
  ['mw-maildir quarantine into ..', `sudo -n -u vmail ${H}/mw-maildir quarantine example.com/info/Maildir/ ../../x`, 'cur/x\n'],
  [
    'mw-maildir quarantine a path on STDIN',
    `sudo -n -u vmail ${H}/mw-maildir quarantine example.com/info/Maildir/ .Quarantine.Mailwarden-20260101T000000Z`,
    '../../../../etc/passwd\n',
  ],
  ['MW_MAILDIR_BASE through sudo', `sudo -n -u vmail MW_MAILDIR_BASE=/ ${H}/mw-maildir scan etc/ 0`],
];

describe('a stolen console key on the enrolled lab host', () => {
  it.each(VECTORS)('refuses %s', (_name, command, stdin) => {
    const r = asKeyHolder(command, stdin ?? '');
    expect(r.code, `${command}\n${r.stdout}${r.stderr}`).not.toBe(0);
    expect(r.code, 'the payload ran').not.toBe(99);
    expect(rootCanary(), 'a root-owned canary appeared').toBe(false);
  });

  it('left main.cf and the queue as they were', () => {
    expect(sha('/etc/postfix/main.cf')).toBe(mainCf);
    // Other tests may not run meanwhile (integration tests are serial); the attack is over.
    expect(countQueue()).toBe(queueCount);
  });

  it('lists no Postfix tool with free arguments in sudo -l, only the helpers', () => {
    const r = asKeyHolder('sudo -n -l');
    expect(r.code, r.stderr).toBe(0);
    const rights = sudoRights(r.stdout);
    expect(rights.unsafe).toEqual([]);
    expect(rights.missing).toEqual([]);
    const commands = rights.rules.flatMap((rule) => rule.commands);
    expect(commands.every((c) => c.startsWith(`${H}/mw-`))).toBe(true);
    expect(r.stdout).toMatch(/env_reset/);
    expect(r.stdout).toMatch(/!setenv/);
  });

  it('refuses a config directory that someone but root may write, and says why', () => {
    const before = statSync('/etc/postfix').mode & 0o7777;
    try {
      execFileSync('chmod', ['o+w', '/etc/postfix']);
      const r = asKeyHolder(`sudo -n ${H}/mw-postfix config -h mail_version`);
      expect(r.code).toBe(77);
      expect(r.stderr).toMatch(/refusing \/etc\/postfix: .*writable by group or others/);
    } finally {
      execFileSync('chmod', [before.toString(8), '/etc/postfix']);
    }
    expect(asKeyHolder(`sudo -n ${H}/mw-postfix config -h mail_version`).code).toBe(0);
  });
});
