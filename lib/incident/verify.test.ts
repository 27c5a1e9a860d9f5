import { describe, expect, it } from 'vitest';
import { plannedProbes } from './verify';

describe('plannedProbes', () => {
  it('proves an enforced block with the new password instead of a forged sender', () => {
    expect(plannedProbes({ blocked: true, enforced: true, hasPassword: true, hasOther: false })).toEqual({ account: ['blocked-login'], other: [] });
  });

  it('shows an unenforced block as a failing probe, and still tests the sender rule with the account', () => {
    expect(plannedProbes({ blocked: true, enforced: false, hasPassword: true, hasOther: false }).account).toEqual([
      'blocked-login',
      'forged-sender',
      'own-sender',
    ]);
  });

  it('tests forged and own sender with an account that may send, and with another mailbox when given', () => {
    expect(plannedProbes({ blocked: false, enforced: true, hasPassword: true, hasOther: true })).toEqual({
      account: ['forged-sender', 'own-sender'],
      other: ['forged-sender', 'own-sender'],
    });
    expect(plannedProbes({ blocked: true, enforced: true, hasPassword: false, hasOther: false })).toEqual({ account: [], other: [] });
  });
});
