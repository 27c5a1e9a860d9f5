import { describe, expect, it } from 'vitest';
import {
  combineEnforcement,
  decideEnforcement,
  isBlockingAction,
  lookupTables,
  NO_LOOKUP_REASON,
  parsePostconfValues,
  parsePostmapOutput,
  parseServiceOverrides,
  postmapResult,
  saslAccessUses,
} from './enforcement-decision';

// What Postfix 3.7 on the lab prints for the six lists (postconf -x -h ...):
// the seed's configuration, no check_sasl_access anywhere.
const LAB_POSTCONF = [
  '',
  '',
  'check_sender_access hash:/etc/postfix/sender_access',
  'permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination',
  'permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination',
  '',
  '',
].join('\n');

const HARDENED = [
  '',
  '',
  'check_sasl_access mysql:/etc/postfix/mysql_sasl_access.cf, reject_sender_login_mismatch',
  'permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination',
  'permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination',
  '',
].join('\n');

const TABLE = 'mysql:/etc/postfix/mysql_sasl_access.cf';
const REJECT = 'REJECT 5.7.1 sending disabled for this account';

describe('parsePostconfValues', () => {
  it('maps each output line to the parameter asked for in that position', () => {
    const v = parsePostconfValues(LAB_POSTCONF);
    expect(v.smtpd_sender_restrictions).toBe('check_sender_access hash:/etc/postfix/sender_access');
    expect(v.smtpd_recipient_restrictions).toContain('reject_unauth_destination');
    expect(v.smtpd_client_restrictions).toBe('');
  });
});

describe('saslAccessUses', () => {
  it('finds none in the seed configuration', () => {
    expect(saslAccessUses(parsePostconfValues(LAB_POSTCONF))).toEqual([]);
  });

  it('finds the table named after check_sasl_access', () => {
    const uses = saslAccessUses(parsePostconfValues(HARDENED));
    expect(uses).toEqual([{ param: 'smtpd_sender_restrictions', table: TABLE, usable: true }]);
    expect(lookupTables(uses)).toEqual([TABLE]);
  });

  it('does not count a check placed after permit_sasl_authenticated', () => {
    const uses = saslAccessUses({ smtpd_recipient_restrictions: `permit_mynetworks, permit_sasl_authenticated, check_sasl_access ${TABLE}, reject` });
    expect(uses[0]?.shadowedBy).toBe('permit_sasl_authenticated');
    expect(lookupTables(uses)).toEqual([]);
    expect(decideEnforcement(uses, [])).toMatchObject({ enforced: false, reason: expect.stringContaining('never reach it') });
  });

  it('leaves table types postmap cannot answer for out of the lookups', () => {
    const uses = saslAccessUses({ smtpd_sender_restrictions: 'check_sasl_access tcp:127.0.0.1:9999' });
    expect(uses[0]?.usable).toBe(false);
    expect(decideEnforcement(uses, [])).toMatchObject({ enforced: 'unknown' });
  });
});

describe('parseServiceOverrides', () => {
  it('keeps only restriction-list overrides, per service', () => {
    const out = 'relay/unix/syslog_name = postfix/$service_name\nsubmission/inet/smtpd_recipient_restrictions = permit_sasl_authenticated, reject\n';
    const map = parseServiceOverrides(out);
    expect([...map.keys()]).toEqual(['submission/inet']);
    expect(map.get('submission/inet')?.smtpd_recipient_restrictions).toBe('permit_sasl_authenticated, reject');
  });
});

describe('postmap results', () => {
  it('reads the value printed for the key', () => {
    expect(parsePostmapOutput(`info@example.com\t${REJECT}\n`, 'info@example.com')).toBe(REJECT);
    expect(parsePostmapOutput('', 'info@example.com')).toBeNull();
  });

  it('treats exit 1 without a diagnostic as not found, and a fatal as a failed lookup', () => {
    expect(postmapResult(TABLE, 'a@b', { exitCode: 1, stdout: '', stderr: '' })).toEqual({ table: TABLE, value: null });
    const failed = postmapResult(TABLE, 'a@b', {
      exitCode: 1,
      stdout: '',
      stderr: 'postmap: fatal: open /etc/postfix/mysql_sasl_access.cf: No such file or directory\n',
    });
    expect(failed).toEqual({ table: TABLE, error: 'postmap: fatal: open /etc/postfix/mysql_sasl_access.cf: No such file or directory' });
  });

  it('counts REJECT, DEFER and 4xx/5xx replies as blocking, nothing else', () => {
    for (const v of ['REJECT', REJECT, 'defer try later', '554 5.7.1 no', '450 4.7.1 later']) expect(isBlockingAction(v)).toBe(true);
    for (const v of ['OK', 'DUNNO', 'DEFER_IF_PERMIT x', 'REJECTED', 'info@example.com', '250 ok', 'HOLD']) expect(isBlockingAction(v)).toBe(false);
  });
});

describe('decideEnforcement', () => {
  const uses = saslAccessUses(parsePostconfValues(HARDENED));

  it('says not enforced, with the agreed reason, when no list has the check', () => {
    expect(decideEnforcement(saslAccessUses(parsePostconfValues(LAB_POSTCONF)), [])).toEqual({ enforced: false, reason: NO_LOOKUP_REASON });
  });

  it('is proven only by a blocking answer for this login, and quotes it', () => {
    expect(decideEnforcement(uses, [{ table: TABLE, value: REJECT }])).toEqual({
      enforced: true,
      evidence: `check_sasl_access ${TABLE} returned "${REJECT}" (smtpd_sender_restrictions)`,
    });
  });

  it('is not enforced when the table knows nothing of this login', () => {
    expect(decideEnforcement(uses, [{ table: TABLE, value: null }])).toMatchObject({ enforced: false });
    expect(decideEnforcement(uses, [{ table: TABLE, value: 'OK' }])).toMatchObject({ enforced: false, reason: expect.stringContaining('"OK"') });
  });

  it('cannot tell when the lookup itself failed', () => {
    expect(decideEnforcement(uses, [{ table: TABLE, error: 'postmap: fatal: x' }])).toMatchObject({
      enforced: 'unknown',
      reason: expect.stringContaining('postmap: fatal: x'),
    });
  });
});

describe('combineEnforcement', () => {
  const yes = { enforced: true as const, evidence: 'e' };
  const no = { enforced: false as const, reason: 'r' };
  const unsure = { enforced: 'unknown' as const, reason: 'u' };

  it('needs every part to be proven', () => {
    expect(
      combineEnforcement(
        [
          { label: 'a', enforcement: yes },
          { label: 'b', enforcement: yes },
        ],
        true,
      ),
    ).toEqual({ enforced: true, evidence: 'a: e' });
    expect(
      combineEnforcement(
        [
          { label: 'a', enforcement: yes },
          { label: 'b', enforcement: unsure },
        ],
        true,
      ),
    ).toEqual({ enforced: 'unknown', reason: 'b: u' });
  });

  it('lets one open door decide', () => {
    expect(
      combineEnforcement(
        [
          { label: 'a', enforcement: unsure },
          { label: 'b', enforcement: no },
        ],
        false,
      ),
    ).toEqual({ enforced: false, reason: 'r' });
  });

  it('claims nothing for nothing', () => {
    expect(combineEnforcement([], false).enforced).toBe('unknown');
  });
});
