import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePostconf } from '@/lib/postfix/postconf';
import { MASK, mysqlMapsIn, parseMapFile } from './map-file';
import { planFixes, PlanError, SASL_ACCESS_QUERY, SASL_ACCESS_QUERY_OLD, SENDER_LOGIN_QUERY, sourceMapRef, type PlanInput } from './plan';
import { seedMainCf } from './testdata/seed';

const extmanMap = parseMapFile(readFileSync(path.resolve(__dirname, '../../../shared/extmail/upstream-extman-1.1/mysql_virtual_mailbox_maps.cf'), 'utf8'));

function input(mainCf: string, fixes: PlanInput['fixes'], over: Partial<PlanInput> = {}): PlanInput {
  const postconfN = parsePostconf(mainCf);
  const ref = sourceMapRef(postconfN);
  return { fixes, postconfN, mainCf, sourceMap: ref && { ref, settings: extmanMap }, hasDisableSmtpd: true, ...over };
}
const param = (plan: { params: [string, string][] }, name: string) => plan.params.find(([n]) => n === name)?.[1];

describe('planFixes on the incident main.cf', () => {
  const plan = planFixes(input(seedMainCf(), ['sender-login-maps', 'sasl-access']));

  it('sets the extman sender map plus the alias map as smtpd_sender_login_maps', () => {
    expect(param(plan, 'smtpd_sender_login_maps')).toBe('mysql:/etc/postfix/mailwarden_sender_login_maps.cf, mysql:/etc/postfix/mysql_virtual_alias_maps.cf');
  });

  it('puts check_sasl_access, then the login mismatch check, in front of the existing sender restrictions', () => {
    expect(param(plan, 'smtpd_sender_restrictions')).toBe(
      'check_sasl_access mysql:/etc/postfix/mailwarden_sasl_access.cf, reject_authenticated_sender_login_mismatch, check_sender_access hash:/etc/postfix/sender_access',
    );
  });

  it('writes both map files with the host database settings, the password only in the real content', () => {
    const sender = plan.maps.find((m) => m.name === 'mailwarden_sender_login_maps.cf')!;
    const sasl = plan.maps.find((m) => m.name === 'mailwarden_sasl_access.cf')!;
    const real = parseMapFile(sender.content);
    expect(Object.fromEntries(real)).toMatchObject({ hosts: 'localhost', user: 'extmail', password: 'extmail', dbname: 'extmail', query: SENDER_LOGIN_QUERY });
    expect(real.has('table')).toBe(false);
    expect(parseMapFile(sasl.content).get('query')).toBe(SASL_ACCESS_QUERY);
    for (const m of plan.maps) {
      expect(parseMapFile(m.masked).get('password')).toBe(MASK);
      expect(m.masked).not.toContain('password = extmail');
    }
  });

  it('shows the change as a unified diff of main.cf that touches only the sender lines', () => {
    expect(plan.diff).toContain('-smtpd_sender_restrictions = check_sender_access hash:/etc/postfix/sender_access');
    expect(plan.diff).toContain('+smtpd_sender_restrictions = check_sasl_access mysql:/etc/postfix/mailwarden_sasl_access.cf,');
    expect(plan.diff).toContain('+smtpd_sender_login_maps = mysql:/etc/postfix/mailwarden_sender_login_maps.cf');
    expect(plan.diff.split('\n').filter((l) => /^[-+](?![-+])/.test(l))).toHaveLength(3);
    expect(plan.after.split('\n').length).toBe(seedMainCf().split('\n').length + 1);
  });

  it('changes nothing in the restriction list when planned again on its own result', () => {
    const again = planFixes(input(plan.after, ['sender-login-maps', 'sasl-access']));
    expect(param(again, 'smtpd_sender_restrictions')).toBeUndefined();
    expect(param(again, 'smtpd_sender_login_maps')).toBe(param(plan, 'smtpd_sender_login_maps'));
  });
});

describe('planFixes', () => {
  it('uses the old query on an extman database without disablesmtpd', () => {
    const plan = planFixes(input(seedMainCf(), ['sasl-access'], { hasDisableSmtpd: false }));
    expect(parseMapFile(plan.maps[0]!.content).get('query')).toBe(SASL_ACCESS_QUERY_OLD);
  });

  it('keeps proxy:mysql: when the host reads its maps through proxymap', () => {
    const main = seedMainCf().replace('virtual_mailbox_maps = mysql:', 'virtual_mailbox_maps = proxy:mysql:');
    const plan = planFixes(input(main, ['sender-login-maps']));
    expect(param(plan, 'smtpd_sender_login_maps')).toMatch(/^proxy:mysql:\/etc\/postfix\/mailwarden_sender_login_maps\.cf, /);
  });

  it('sets the rate limits that are not set, and keeps a limit the admin chose', () => {
    const plan = planFixes(input(seedMainCf() + 'smtpd_client_recipient_rate_limit = 50\n', ['rate-limits']));
    expect(plan.params).toEqual([
      ['smtpd_client_message_rate_limit', '100'],
      ['anvil_rate_time_unit', '60s'],
    ]);
  });

  it('refuses smtpd_tls_auth_only without TLS, and sets it with TLS', () => {
    expect(() => planFixes(input(seedMainCf(), ['tls-auth-only']))).toThrow(PlanError);
    const tls = seedMainCf() + 'smtpd_tls_cert_file = /etc/ssl/certs/ssl-cert-snakeoil.pem\nsmtpd_tls_security_level = may\n';
    expect(planFixes(input(tls, ['tls-auth-only'])).params).toEqual([['smtpd_tls_auth_only', 'yes']]);
  });

  it('never rewrites a main.cf with a line it does not understand', () => {
    expect(() => planFixes(input('  orphan continuation\n' + seedMainCf(), ['rate-limits']))).toThrow(/line 1 is not understood/);
  });

  it('refuses when there is no mysql map to copy database settings from', () => {
    const main = seedMainCf()
      .replace(/^virtual_(mailbox|alias)_maps = .*$/gm, '')
      .replace(/^virtual_mailbox_domains = .*$/m, '');
    expect(() => planFixes(input(main, ['sender-login-maps']))).toThrow(/no mysql: map/);
  });
});

describe('mysqlMapsIn', () => {
  it('finds mysql: and proxy:mysql: entries and skips $references and other types', () => {
    expect(mysqlMapsIn('$alias_maps, mysql:/etc/postfix/a.cf hash:/etc/x proxy:mysql:/etc/postfix/b.cf').map((r) => r.prefix + r.path)).toEqual([
      'mysql:/etc/postfix/a.cf',
      'proxy:mysql:/etc/postfix/b.cf',
    ]);
  });
});
