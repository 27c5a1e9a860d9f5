import { describe, expect, it } from 'vitest';
import { blockMapTable, hookedSenderRestrictions, isBlockableLogin, lookupRefuses, renderBlockMap } from './block-map';

const TABLE = blockMapTable('/etc/postfix/');

describe('block map', () => {
  it('writes one lower-case REJECT line per login, sorted and once each', () => {
    const text = renderBlockMap(['Info@Example.com', 'app-relay@example.com', 'info@example.com']);
    const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toEqual([
      'app-relay@example.com\tREJECT 5.7.1 sending disabled for this account',
      'info@example.com\tREJECT 5.7.1 sending disabled for this account',
    ]);
  });

  it('leaves out what is no login (spaces, comment or map syntax)', () => {
    expect(isBlockableLogin('a b@x')).toBe(false);
    expect(isBlockableLogin('a#b')).toBe(false);
    expect(renderBlockMap(['a b@x', 'ok@x']).match(/REJECT/g)).toHaveLength(1);
  });

  it('is a valid file with no login blocked', () => {
    expect(renderBlockMap([])).toMatch(/^# Managed by Mailwarden/);
  });
});

describe('hookedSenderRestrictions', () => {
  it('puts the check first, before the permits that would shadow it', () => {
    expect(hookedSenderRestrictions('permit_mynetworks, check_sender_access hash:/etc/postfix/sender_access', TABLE)).toBe(
      `check_sasl_access ${TABLE}, permit_mynetworks, check_sender_access hash:/etc/postfix/sender_access`,
    );
  });
  it('changes nothing when it is already first', () => {
    expect(hookedSenderRestrictions(`check_sasl_access ${TABLE}, permit_mynetworks`, TABLE)).toBeNull();
  });
  it('moves a later copy to the front instead of adding a second', () => {
    expect(hookedSenderRestrictions(`permit_sasl_authenticated, check_sasl_access ${TABLE}`, TABLE)).toBe(
      `check_sasl_access ${TABLE}, permit_sasl_authenticated`,
    );
  });
  it('works on an empty list', () => {
    expect(hookedSenderRestrictions('', TABLE)).toBe(`check_sasl_access ${TABLE}`);
  });
});

describe('lookupRefuses', () => {
  it('is true only for our REJECT answer for that login', () => {
    expect(lookupRefuses('info@example.com\tREJECT 5.7.1 sending disabled\n', 'INFO@example.com')).toBe(true);
    expect(lookupRefuses('', 'info@example.com')).toBe(false);
    expect(lookupRefuses('bob@example.com\tREJECT x\n', 'info@example.com')).toBe(false);
    expect(lookupRefuses('info@example.com\tOK\n', 'info@example.com')).toBe(false);
  });
});
