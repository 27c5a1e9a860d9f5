import { describe, expect, it } from 'vitest';
import {
  expandValue,
  getParameter,
  parametersOf,
  parseMainCf,
  parsePostconf,
  removeParameter,
  render,
  setParameter,
  splitList,
  splitRestrictions,
} from './postconf';

// The seed incident's main.cf (shared/seed, `grep -v #` output) given back its
// comments and blank lines, plus the shapes real files have: tab and space
// continuations, a comment and a blank line inside a continued value, `#`
// after a value, `name=value` without spaces, trailing blanks, a duplicate.
const SEED_MAIN_CF = [
  '# See /usr/share/postfix/main.cf.dist for a commented, more complete version',
  'queue_directory = /var/spool/postfix',
  'command_directory = /usr/sbin',
  'daemon_directory = /usr/libexec/postfix',
  'data_directory = /var/lib/postfix',
  'mail_owner = postfix',
  'myhostname = mail.example.com',
  'mydomain = example.com',
  'myorigin = $mydomain',
  'unknown_local_recipient_reject_code = 550',
  'debug_peer_level = 2',
  'debugger_command =',
  '\t PATH=/bin:/usr/bin:/usr/local/bin:/usr/X11R6/bin',
  '\t ddd $daemon_directory/$process_name $process_id & sleep 5',
  '',
  'sendmail_path = /usr/sbin/sendmail',
  'message_size_limit = 512000000',
  'virtual_mailbox_base = /usr/opt/home/domains',
  'virtual_uid_maps = static:1000',
  'virtual_alias_maps = $alias_maps, mysql:/etc/postfix/mysql_virtual_alias_maps.cf',
  'virtual_mailbox_maps = mysql:/etc/postfix/mysql_virtual_mailbox_maps.cf',
  'alias_maps = hash:/etc/aliases # stays in the value',
  '# SASL',
  'smtpd_sasl_auth_enable = yes',
  'smtpd_sasl_local_domain = $myhostname',
  'smtpd_recipient_restrictions =',
  '        permit_mynetworks,',
  '        # our own users',
  '        permit_sasl_authenticated,',
  '',
  '        reject_unauth_destination,',
  '# after the list',
  'mydestination =',
  'smtpd_sender_restrictions = check_sender_access hash:/etc/postfix/sender_access',
  'smtpd_client_restrictions =',
  '        reject_rbl_client cblless.anti-spam.org.cn,',
  '        reject_rbl_client cdl.anti-spam.org.cn,',
  '          reject_rbl_client opm.blitzed.org,',
  '          reject_rbl_client bl.spamcop.net   ',
  'mynetworks=127.0.0.0/8',
  'message_size_limit = 10240000',
  '',
].join('\n');

describe('parseMainCf / render', () => {
  it('round-trips byte for byte, with LF, CRLF and no final newline', () => {
    for (const text of [SEED_MAIN_CF, SEED_MAIN_CF.replace(/\n/g, '\r\n'), SEED_MAIN_CF.trimEnd(), '', '\n\n# only\n']) {
      expect(render(parseMainCf(text))).toBe(text);
    }
  });

  it('joins continued values like Postfix, skipping inner comments and blanks', () => {
    const p = parametersOf(parseMainCf(SEED_MAIN_CF));
    expect(p.get('smtpd_recipient_restrictions')).toBe('permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination,');
    expect(p.get('debugger_command')).toBe('PATH=/bin:/usr/bin:/usr/local/bin:/usr/X11R6/bin ddd $daemon_directory/$process_name $process_id & sleep 5');
    expect(p.get('alias_maps')).toBe('hash:/etc/aliases # stays in the value');
    expect(p.get('mynetworks')).toBe('127.0.0.0/8');
    expect(p.get('mydestination')).toBe('');
    expect(p.get('smtpd_client_restrictions')).toBe(
      'reject_rbl_client cblless.anti-spam.org.cn, reject_rbl_client cdl.anti-spam.org.cn, reject_rbl_client opm.blitzed.org, reject_rbl_client bl.spamcop.net',
    );
    expect(p.get('message_size_limit')).toBe('10240000'); // the last definition wins
  });

  it('keeps line numbers, kinds and entry spans', () => {
    const doc = parseMainCf(SEED_MAIN_CF);
    const e = doc.entries.find((x) => x.name === 'smtpd_recipient_restrictions')!;
    expect([e.line, e.endLine]).toEqual([26, 31]);
    expect(doc.lines.slice(25, 32).map((l) => l.kind)).toEqual(['param', 'continuation', 'comment', 'continuation', 'blank', 'continuation', 'comment']);
    expect(doc.lines[31]!.entry).toBeUndefined();
  });

  it('reads `postconf -nf` output, whose long values are folded', () => {
    const out = [
      'alias_maps = hash:/etc/aliases',
      'smtpd_recipient_restrictions = permit_mynetworks, permit_sasl_authenticated,',
      '    reject_unauth_destination',
      'smtpd_sasl_local_domain = $myhostname',
    ].join('\n');
    expect([...parsePostconf(out)]).toEqual([
      ['alias_maps', 'hash:/etc/aliases'],
      ['smtpd_recipient_restrictions', 'permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'],
      ['smtpd_sasl_local_domain', '$myhostname'],
    ]);
  });
});

describe('setParameter', () => {
  const changedLines = (a: string, b: string) => {
    const x = a.split('\n');
    const y = b.split('\n');
    return { removed: x.filter((l) => !y.includes(l)), added: y.filter((l) => !x.includes(l)) };
  };

  it("replaces the seed's sender restrictions in place and touches nothing else", () => {
    const fix = 'permit_mynetworks, reject_sender_login_mismatch, check_sender_access hash:/etc/postfix/sender_access';
    const out = render(setParameter(parseMainCf(SEED_MAIN_CF), 'smtpd_sender_restrictions', fix));
    expect(changedLines(SEED_MAIN_CF, out)).toEqual({
      removed: ['smtpd_sender_restrictions = check_sender_access hash:/etc/postfix/sender_access'],
      added: [`smtpd_sender_restrictions = ${fix}`],
    });
    expect(out.split('\n').indexOf(`smtpd_sender_restrictions = ${fix}`)).toBe(33);
  });

  it('collapses a continued value and keeps its inner comments', () => {
    const doc = setParameter(parseMainCf(SEED_MAIN_CF), 'smtpd_recipient_restrictions', 'permit_sasl_authenticated, reject');
    const lines = render(doc).split('\n');
    expect(lines.slice(25, 29)).toEqual([
      'smtpd_recipient_restrictions = permit_sasl_authenticated, reject',
      '        # our own users',
      '# after the list',
      'mydestination =',
    ]);
    expect(getParameter(doc, 'smtpd_recipient_restrictions')).toBe('permit_sasl_authenticated, reject');
  });

  it('edits the effective (last) definition of a duplicated name', () => {
    const doc = setParameter(parseMainCf(SEED_MAIN_CF), 'message_size_limit', '20480000');
    expect(
      render(doc)
        .split('\n')
        .filter((l) => l.startsWith('message_size_limit')),
    ).toEqual(['message_size_limit = 512000000', 'message_size_limit = 20480000']);
  });

  it('appends a new parameter before the final newline, keeping CRLF files CRLF', () => {
    const add = (t: string) => render(setParameter(parseMainCf(t), 'smtpd_sender_login_maps', 'mysql:/etc/postfix/mysql_virtual_sender_maps.cf'));
    expect(add(SEED_MAIN_CF)).toBe(`${SEED_MAIN_CF}smtpd_sender_login_maps = mysql:/etc/postfix/mysql_virtual_sender_maps.cf\n`);
    expect(add('a = b')).toBe('a = b\nsmtpd_sender_login_maps = mysql:/etc/postfix/mysql_virtual_sender_maps.cf');
    expect(add('a = b\r\n')).toBe('a = b\r\nsmtpd_sender_login_maps = mysql:/etc/postfix/mysql_virtual_sender_maps.cf\r\n');
  });

  it('is idempotent and refuses names and values that would break the file', () => {
    const once = setParameter(parseMainCf(SEED_MAIN_CF), 'relayhost', '[127.0.0.1]:2526');
    expect(render(setParameter(once, 'relayhost', '[127.0.0.1]:2526'))).toBe(render(once));
    expect(() => setParameter(once, 'relayhost', 'a\nmynetworks = 0.0.0.0/0')).toThrow();
    expect(() => setParameter(once, 'bad name', 'x')).toThrow();
  });

  it('removes every definition of a name, and only its lines', () => {
    const doc = removeParameter(parseMainCf(SEED_MAIN_CF), 'smtpd_client_restrictions');
    expect(getParameter(doc, 'smtpd_client_restrictions')).toBeUndefined();
    expect(render(doc).split('\n')).toHaveLength(SEED_MAIN_CF.split('\n').length - 5);
  });
});

describe('restriction lists', () => {
  it('splits on commas and/or whitespace and attaches table and zone arguments', () => {
    const p = parametersOf(parseMainCf(SEED_MAIN_CF));
    expect(splitRestrictions(p.get('smtpd_recipient_restrictions')!)).toEqual([
      { name: 'permit_mynetworks' },
      { name: 'permit_sasl_authenticated' },
      { name: 'reject_unauth_destination' },
    ]);
    expect(splitRestrictions(p.get('smtpd_client_restrictions')!)).toEqual([
      { name: 'reject_rbl_client', arg: 'cblless.anti-spam.org.cn' },
      { name: 'reject_rbl_client', arg: 'cdl.anti-spam.org.cn' },
      { name: 'reject_rbl_client', arg: 'opm.blitzed.org' },
      { name: 'reject_rbl_client', arg: 'bl.spamcop.net' },
    ]);
    expect(
      splitRestrictions('permit_mynetworks reject_sender_login_mismatch,check_sender_access hash:/etc/postfix/x check_sasl_access mysql:/etc/postfix/sasl.cf'),
    ).toEqual([
      { name: 'permit_mynetworks' },
      { name: 'reject_sender_login_mismatch' },
      { name: 'check_sender_access', arg: 'hash:/etc/postfix/x' },
      { name: 'check_sasl_access', arg: 'mysql:/etc/postfix/sasl.cf' },
    ]);
  });

  it('keeps `{ ... }` groups whole', () => {
    expect(splitList('check_policy_service { inet:127.0.0.1:10023, timeout=10s }, reject')).toEqual([
      'check_policy_service',
      'inet:127.0.0.1:10023, timeout=10s',
      'reject',
    ]);
    expect(splitRestrictions('check_policy_service { inet:127.0.0.1:10023, timeout=10s }')).toEqual([
      { name: 'check_policy_service', arg: 'inet:127.0.0.1:10023, timeout=10s' },
    ]);
  });
});

describe('expandValue', () => {
  const p = parametersOf(parseMainCf(SEED_MAIN_CF));

  it('expands $name, ${name} and $(name) recursively', () => {
    expect(expandValue(p.get('myorigin')!, p)).toBe('example.com');
    expect(expandValue(p.get('virtual_alias_maps')!, p)).toBe('hash:/etc/aliases # stays in the value, mysql:/etc/postfix/mysql_virtual_alias_maps.cf');
    expect(expandValue('${myhostname}/$(mydomain)', p)).toBe('mail.example.com/example.com');
  });

  it('keeps or empties undefined names, and honours $$ and conditionals', () => {
    expect(expandValue('$daemon_directory/x', p)).toBe('/usr/libexec/postfix/x');
    expect(expandValue('$process_name', p)).toBe('$process_name');
    expect(expandValue('a$process_name', p, { undefinedAs: 'empty' })).toBe('a');
    expect(expandValue('cost $$5', p)).toBe('cost $5');
    expect(expandValue('${mydomain?yes}${mydomain:no}${mydestination?x}${mydestination:empty}', p)).toBe('yesempty');
    expect(expandValue('${myhostname?{on $mydomain}:{off}}', p)).toBe('on example.com');
  });

  it('throws on a reference cycle', () => {
    const cyc = new Map([
      ['a', '$b'],
      ['b', 'x $a'],
    ]);
    expect(() => expandValue('$a', cyc)).toThrow(/refers to itself/);
  });
});
