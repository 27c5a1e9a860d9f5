// The main.cf parser against Postfix's own reader: write a main.cf with the
// awkward shapes into a private config directory, ask the installed
// `postconf -n` / `-nf` (execFile, no shell) and compare every value.

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parametersOf, parseMainCf, parsePostconf, render, setParameter } from './postconf';

const POSTCONF = ['/usr/sbin/postconf', '/usr/bin/postconf'].find((p) => existsSync(p));

const MAIN_CF = [
  '# header comment',
  'myhostname = mail.example.com',
  'mydomain=example.com',
  'myorigin = $mydomain   ',
  'smtpd_recipient_restrictions =',
  '        permit_mynetworks,',
  '# a comment inside the value',
  '   # an indented one',
  '        permit_sasl_authenticated,',
  '',
  '        reject_unauth_destination,',
  'debugger_command =',
  '\t PATH=/bin:/usr/bin',
  '\t ddd $daemon_directory/$process_name $process_id & sleep 5',
  'alias_maps = hash:/etc/aliases # not a comment',
  'message_size_limit = 512000000',
  'message_size_limit = 10240000',
  'smtpd_client_restrictions = reject_rbl_client a.example, reject_rbl_client b.example, reject_rbl_client c.example, reject_rbl_client d.example',
  'relayhost =',
  '',
].join('\n');

describe.skipIf(!POSTCONF)('main.cf parsing agrees with postconf', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mw-postconf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const postconf = (text: string, flag: string) => {
    writeFileSync(path.join(dir, 'main.cf'), text);
    if (!existsSync(path.join(dir, 'master.cf'))) copyFileSync('/etc/postfix/master.cf', path.join(dir, 'master.cf'));
    const out = execFileSync(POSTCONF!, ['-c', dir, flag], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const m = parsePostconf(out);
    m.delete('config_directory');
    return m;
  };

  it.each(['-n', '-nf'])('postconf %s gives the values parseMainCf gives', (flag) => {
    expect(postconf(MAIN_CF, flag)).toEqual(parametersOf(parseMainCf(MAIN_CF)));
  });

  it('an edited file reads back in Postfix as edited', () => {
    const edited = render(
      setParameter(setParameter(parseMainCf(MAIN_CF), 'smtpd_recipient_restrictions', 'permit_sasl_authenticated, reject'), 'relayhost', '[127.0.0.1]:2526'),
    );
    const real = postconf(edited, '-n');
    expect(real.get('smtpd_recipient_restrictions')).toBe('permit_sasl_authenticated, reject');
    expect(real.get('relayhost')).toBe('[127.0.0.1]:2526');
    expect(real).toEqual(parametersOf(parseMainCf(edited)));
  });
});
