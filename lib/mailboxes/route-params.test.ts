import { describe, expect, it } from 'vitest';
import { decodeSegment, parseUsernameSegment, usernameParam } from './route-params';

describe('mailbox path segments', () => {
  it('decodes an encoded address once', () => {
    expect(decodeSegment('info%40example.com')).toBe('info@example.com');
  });
  it('does not decode an address a second time', () => {
    expect(decodeSegment('a%25b@example.com')).toBe('a%25b@example.com');
  });
  it('keeps odd characters for the bound parameter and 404s what is not an address', () => {
    expect(parseUsernameSegment(encodeURIComponent("a'b%_;$(id)@example.com"))).toBe("a'b%_;$(id)@example.com");
    expect(parseUsernameSegment('%E0%A4%A')).toBeNull();
    expect(() => usernameParam('nobody')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
