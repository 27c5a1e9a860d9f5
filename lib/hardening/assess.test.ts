import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMainCf, parsePostconf } from '@/lib/postfix/postconf';
import { assess } from './assess';
import { parseMapFile } from './map-file';
import { planFixes, sourceMapRef } from './plan';
import { seedFixLines, seedMainCf } from './testdata/seed';
import type { Finding, SmtpdService } from './types';

const byKey = (findings: Finding[], prefix: string) => findings.filter((f) => f.key.startsWith(prefix));
const one = (findings: Finding[], prefix: string) => {
  const found = byKey(findings, prefix);
  expect(found, `findings for ${prefix}: ${JSON.stringify(findings.map((f) => f.key))}`).toHaveLength(1);
  return found[0]!;
};
const withLines = (...lines: string[]) => parsePostconf(seedMainCf() + lines.join('\n') + '\n');

describe('assess() on the incident main.cf', () => {
  const findings = assess(parsePostconf(seedMainCf()));

  it('flags the forged-sender hole as critical and offers the sender-login fix', () => {
    const f = one(findings, 'sender-login.');
    expect(f).toMatchObject({ key: 'sender-login.missing', severity: 'critical', fix: 'sender-login-maps' });
    expect(f.evidence).toContain('smtpd_sender_restrictions = check_sender_access hash:/etc/postfix/sender_access');
    expect(findings[0]!.severity).toBe('critical');
  });

  it('sees that it is not an open relay (the seed\'s telnet test got "Relay access denied")', () => {
    expect(one(findings, 'relay.').key).toBe('relay.ok');
  });

  it('reports the unenforced disablesmtpd, missing rate limits, AUTH without TLS and broken_sasl_auth_clients', () => {
    expect(one(findings, 'sasl-access.')).toMatchObject({ key: 'sasl-access.missing', severity: 'high', fix: 'sasl-access' });
    expect(one(findings, 'rate-limits.')).toMatchObject({ key: 'rate-limits.missing', severity: 'medium', fix: 'rate-limits' });
    const tls = one(findings, 'tls-auth.');
    expect(tls.key).toBe('tls-auth.no-tls');
    expect(tls.fix).toBeUndefined();
    expect(one(findings, 'broken-sasl.')).toMatchObject({ severity: 'low', evidence: ['broken_sasl_auth_clients = yes'] });
    expect(byKey(findings, 'anonymous-sasl.')).toHaveLength(0);
  });

  it('understands every restriction in it', () => {
    expect(byKey(findings, 'not-understood.')).toEqual([]);
  });
});

describe('assess() after a fix', () => {
  it('is ok with the fix the incident report applied (reject_sender_login_mismatch + MySQL maps)', () => {
    const findings = assess(parsePostconf(seedMainCf() + seedFixLines()));
    expect(one(findings, 'sender-login.').key).toBe('sender-login.ok');
    expect(one(findings, 'mynetworks.').key).toBe('mynetworks.ok');
  });

  it("is ok after the console's own fixes, computed by planFixes on the same file", () => {
    const extman = readFileSync(path.resolve(__dirname, '../../../shared/extmail/upstream-extman-1.1/mysql_virtual_mailbox_maps.cf'), 'utf8');
    const postconfN = parsePostconf(seedMainCf());
    const plan = planFixes({
      fixes: ['sender-login-maps', 'sasl-access', 'rate-limits'],
      postconfN,
      mainCf: seedMainCf(),
      sourceMap: { ref: sourceMapRef(postconfN)!, settings: parseMapFile(extman) },
      hasDisableSmtpd: true,
    });
    const findings = assess(parsePostconf(plan.after));
    for (const area of ['sender-login.', 'sasl-access.', 'rate-limits.', 'relay.']) expect(one(findings, area).severity, area).toBe('ok');
  });
});

describe('assess() recognises', () => {
  it('a mismatch restriction that an earlier permit_sasl_authenticated makes unreachable', () => {
    const f = one(
      assess(withLines('smtpd_sender_restrictions = permit_sasl_authenticated, reject_sender_login_mismatch', 'smtpd_sender_login_maps = hash:/etc/postfix/x')),
      'sender-login.',
    );
    expect(f).toMatchObject({ key: 'sender-login.shadowed', severity: 'critical', vars: { before: 'permit_sasl_authenticated' } });
  });

  it('a mismatch restriction without smtpd_sender_login_maps', () => {
    expect(one(assess(withLines('smtpd_sender_restrictions = reject_authenticated_sender_login_mismatch')), 'sender-login.').key).toBe('sender-login.no-maps');
  });

  it('reject_known_sender_login_mismatch as only half a fix (outside senders can still be forged)', () => {
    const f = one(
      assess(withLines('smtpd_sender_restrictions = reject_known_sender_login_mismatch', 'smtpd_sender_login_maps = hash:/etc/postfix/x')),
      'sender-login.',
    );
    expect(f).toMatchObject({ key: 'sender-login.known-only', severity: 'high' });
  });

  it('an open relay: an unconditional permit before reject_unauth_destination in both lists', () => {
    const f = one(
      assess(withLines('smtpd_relay_restrictions = permit_mynetworks, permit', 'smtpd_recipient_restrictions = permit, reject_unauth_destination')),
      'relay.',
    );
    expect(f).toMatchObject({ key: 'relay.permit-first', severity: 'critical' });
  });

  it('no open relay when only one of the two lists permits early', () => {
    expect(one(assess(withLines('smtpd_relay_restrictions = permit')), 'relay.').key).toBe('relay.ok');
  });

  it('a sender map consulted before reject_unauth_destination', () => {
    const f = one(
      assess(withLines('smtpd_relay_restrictions =', 'smtpd_recipient_restrictions = check_sender_access hash:/etc/postfix/ok, reject_unauth_destination')),
      'relay.',
    );
    expect(f).toMatchObject({ key: 'relay.sender-access-first', severity: 'medium', vars: { restriction: 'check_sender_access hash:/etc/postfix/ok' } });
  });

  it.each([
    ['0.0.0.0/0', 'mynetworks.open', 'critical'],
    ['127.0.0.0/8 10.0.0.0/8', 'mynetworks.wide', 'high'],
    ['127.0.0.0/8, 192.168.1.0/24 [::1]/128', 'mynetworks.ok', 'ok'],
  ])('mynetworks = %s as %s', (value, key, severity) => {
    expect(one(assess(withLines(`mynetworks = ${value}`)), 'mynetworks.')).toMatchObject({ key, severity });
  });

  it('an AUTH-only-over-TLS fix only when TLS is configured', () => {
    const f = one(assess(withLines('smtpd_tls_cert_file = /etc/ssl/certs/mail.pem', 'smtpd_tls_security_level = may')), 'tls-auth.');
    expect(f).toMatchObject({ key: 'tls-auth.not-only', fix: 'tls-auth-only' });
  });

  it('anonymous SASL mechanisms allowed', () => {
    expect(one(assess(withLines('smtpd_sasl_security_options = noplaintext')), 'anonymous-sasl.').severity).toBe('high');
  });

  it('SMTP AUTH switched off: no forged-after-login finding at all', () => {
    const findings = assess(withLines('smtpd_sasl_auth_enable = no'));
    expect(byKey(findings, 'sender-login.')).toHaveLength(0);
    expect(one(findings, 'sasl.').key).toBe('sasl.off');
  });

  it('syntax it does not know, as "not understood"', () => {
    const text = seedMainCf() + 'smtpd_sender_restrictions = reject_nonsense_mismatch, $no_such_list\n';
    const doc = parseMainCf('  stray line before anything\n' + text);
    const findings = assess(parsePostconf(text), [], { mainCf: doc });
    expect(one(findings, 'not-understood.line').evidence[0]).toBe('main.cf line 1:   stray line before anything');
    expect(one(findings, 'not-understood.restriction').vars).toEqual({ value: 'reject_nonsense_mismatch' });
    expect(one(findings, 'not-understood.reference').vars).toEqual({ value: '$no_such_list' });
  });

  it('a master.cf service whose own restrictions skip the fix, without a button', () => {
    const main = parsePostconf(seedMainCf() + seedFixLines());
    const submission: SmtpdService = {
      name: 'submission',
      type: 'inet',
      overrides: new Map([['smtpd_sender_restrictions', 'permit_sasl_authenticated, reject']]),
    };
    const findings = assess(main, [submission]);
    const svc = findings.filter((f) => f.service === 'submission/inet');
    // The seed fix has no check_sasl_access, so that one is missing there too.
    expect(svc.map((f) => f.key).sort()).toEqual(['sasl-access.missing', 'sender-login.missing']);
    expect(svc.every((f) => f.fix === undefined)).toBe(true);
    expect(svc.find((f) => f.key === 'sender-login.missing')!.evidence).toContain(
      'submission/inet: -o smtpd_sender_restrictions=permit_sasl_authenticated, reject',
    );
    expect(findings.find((f) => f.key.startsWith('sender-login.') && !f.service)!.key).toBe('sender-login.ok');
  });
});
