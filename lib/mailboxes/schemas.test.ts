import { describe, expect, it } from 'vitest';
import { mailboxListQuerySchema, passwordResetSchema, sendingSchema, usernameSchema } from './schemas';

describe('usernameSchema', () => {
  it('lets odd but address-shaped names through (they are only ever bound parameters)', () => {
    expect(usernameSchema.parse("a'b%_;$(id)@example.com")).toBe("a'b%_;$(id)@example.com");
  });
  it('refuses what is not an address, and anything over 255 characters', () => {
    for (const bad of ['', 'info', 'info@', '@example.com', 'a b@example.com', `${'a'.repeat(250)}@example.com`]) {
      expect(usernameSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('mailboxListQuerySchema', () => {
  it('fills defaults and drops empty filters from a query string', () => {
    const q = mailboxListQuerySchema.parse({ q: '', domain: ' Example.COM ', status: '', page: '3' });
    expect(q).toEqual({
      q: undefined,
      domain: 'example.com',
      status: undefined,
      flag: undefined,
      expired: undefined,
      sort: 'username',
      order: 'asc',
      page: 3,
      pageSize: 50,
    });
  });
  it('refuses unknown sort columns, flags and page sizes', () => {
    expect(mailboxListQuerySchema.safeParse({ sort: 'password' }).success).toBe(false);
    expect(mailboxListQuerySchema.safeParse({ flag: 'active' }).success).toBe(false);
    expect(mailboxListQuerySchema.safeParse({ pageSize: '5000' }).success).toBe(false);
  });
});

describe('passwordResetSchema', () => {
  it('takes either generate or a password, not both and not neither', () => {
    expect(passwordResetSchema.parse({ generate: true })).toEqual({ generate: true });
    expect(passwordResetSchema.parse({ password: 'x' })).toEqual({ password: 'x' });
    expect(passwordResetSchema.safeParse({ generate: true, password: 'x' }).success).toBe(false);
    expect(passwordResetSchema.safeParse({ generate: false }).success).toBe(false);
    expect(passwordResetSchema.safeParse({}).success).toBe(false);
  });
});

describe('sendingSchema', () => {
  it('needs a real boolean', () => {
    expect(sendingSchema.parse({ blocked: true })).toEqual({ blocked: true });
    expect(sendingSchema.safeParse({ blocked: 'yes' }).success).toBe(false);
  });
});
