import { describe, expect, it } from 'vitest';
import { clientIpOf, originAllowed } from './request-meta';

const req = (method: string, headers: Record<string, string>) =>
  new Request('http://localhost:3000/api/x', { method, headers });

describe('originAllowed', () => {
  it('accepts a same-origin POST and any GET', () => {
    expect(originAllowed(req('POST', { origin: 'http://localhost:3000', host: 'localhost:3000' }))).toBe(true);
    expect(originAllowed(req('GET', { origin: 'http://evil.test', host: 'localhost:3000' }))).toBe(true);
  });
  it('refuses a cross-origin POST', () => {
    expect(originAllowed(req('POST', { origin: 'http://evil.test', host: 'localhost:3000' }))).toBe(false);
    expect(originAllowed(req('POST', { 'sec-fetch-site': 'cross-site', host: 'localhost:3000' }))).toBe(false);
    expect(originAllowed(req('POST', { origin: 'null', host: 'localhost:3000' }))).toBe(false);
  });
  it('accepts a POST without Origin (non-browser client)', () => {
    expect(originAllowed(req('POST', { host: 'localhost:3000' }))).toBe(true);
  });
});

describe('clientIpOf', () => {
  it('takes the hop appended by our own server, not the client-supplied one', () => {
    expect(clientIpOf(req('GET', { 'x-forwarded-for': '6.6.6.6, 127.0.0.1' }))).toBe('127.0.0.1');
    expect(clientIpOf(req('GET', { 'x-forwarded-for': '::ffff:10.1.2.3' }))).toBe('10.1.2.3');
  });
});
