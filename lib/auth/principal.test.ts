import { describe, expect, it } from 'vitest';
import { canAccessAddress, canAccessDomain, domainOf, roleFromManagerType } from './principal';

const postmaster = { role: 'postmaster' as const, domains: ['example.com'] };
const admin = { role: 'admin' as const, domains: [] };

describe('domain scoping', () => {
  it('lets a postmaster reach only his domains, case-insensitively', () => {
    expect(canAccessDomain(postmaster, 'EXAMPLE.com')).toBe(true);
    expect(canAccessDomain(postmaster, 'corp.test')).toBe(false);
    expect(canAccessAddress(postmaster, 'info@example.com')).toBe(true);
    expect(canAccessAddress(postmaster, 'ceo@corp.test')).toBe(false);
  });

  it('does not let a look-alike domain through', () => {
    expect(canAccessAddress(postmaster, 'x@evil-example.com')).toBe(false);
    expect(canAccessAddress(postmaster, 'x@example.com.evil')).toBe(false);
    expect(canAccessAddress(postmaster, 'no-at-sign')).toBe(false);
  });

  it('lets an admin reach everything', () => {
    expect(canAccessAddress(admin, 'ceo@corp.test')).toBe(true);
  });

  it('uses the last @ for the domain', () => {
    expect(domainOf('"a@b"@example.com')).toBe('example.com');
  });

  it('maps only extman type admin to the admin role', () => {
    expect(roleFromManagerType('admin')).toBe('admin');
    expect(roleFromManagerType('postmaster')).toBe('postmaster');
    expect(roleFromManagerType('superuser')).toBe('postmaster');
  });
});
