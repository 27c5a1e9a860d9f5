import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_MARK } from '@/lib/net/trusted-proxy';
import { clientIpOf, isHttps, originAllowed } from './request-meta';

const req = (method: string, headers: Record<string, string>) => new Request('http://127.0.0.1:3000/api/x', { method, headers });
const mark = globalThis as Record<symbol, unknown>;

describe('behind server.ts', () => {
  beforeEach(() => {
    mark[SERVER_MARK] = true;
  });
  afterEach(() => {
    delete mark[SERVER_MARK];
  });

  describe('originAllowed', () => {
    const host = { host: 'localhost:3000', 'x-forwarded-host': 'localhost:3000', 'x-forwarded-proto': 'http' };
    it('accepts a same-origin POST and any GET', () => {
      expect(originAllowed(req('POST', { ...host, origin: 'http://localhost:3000' }))).toBe(true);
      expect(originAllowed(req('GET', { ...host, origin: 'http://evil.test' }))).toBe(true);
      expect(originAllowed(req('DELETE', { ...host, 'sec-fetch-site': 'same-origin' }))).toBe(true);
    });
    it('refuses a cookie POST without Origin or Sec-Fetch-Site, whatever its content type', () => {
      expect(originAllowed(req('POST', host))).toBe(false);
      expect(originAllowed(req('PUT', { ...host, 'content-type': 'text/plain' }))).toBe(false);
    });
    it('compares scheme, host and port: another scheme or port is another origin', () => {
      expect(originAllowed(req('POST', { ...host, origin: 'https://localhost:3000' }))).toBe(false);
      expect(originAllowed(req('POST', { ...host, origin: 'http://localhost:3001' }))).toBe(false);
      expect(originAllowed(req('POST', { ...host, origin: 'http://localhost' }))).toBe(false);
    });
    it('refuses foreign, null and cross-site requests', () => {
      expect(originAllowed(req('POST', { ...host, origin: 'http://evil.test' }))).toBe(false);
      expect(originAllowed(req('POST', { ...host, origin: 'null' }))).toBe(false);
      expect(originAllowed(req('POST', { ...host, 'sec-fetch-site': 'cross-site' }))).toBe(false);
      expect(originAllowed(req('POST', { ...host, 'sec-fetch-site': 'same-site', origin: 'http://localhost:3000' }))).toBe(false);
    });
    it('takes the scheme and host a trusted proxy forwarded (server.ts removed untrusted ones)', () => {
      const proxied = { host: '127.0.0.1:3000', 'x-forwarded-host': 'mail.example.com', 'x-forwarded-proto': 'https' };
      expect(originAllowed(req('POST', { ...proxied, origin: 'https://mail.example.com' }))).toBe(true);
      expect(originAllowed(req('POST', { ...proxied, origin: 'http://mail.example.com' }))).toBe(false);
      expect(isHttps(req('GET', proxied))).toBe(true);
    });
  });

  describe('clientIpOf', () => {
    it('is the address server.ts wrote, never X-Forwarded-For', () => {
      expect(clientIpOf(req('GET', { 'x-mw-client-ip': '127.0.0.1', 'x-forwarded-for': '10.91.0.1' }))).toBe('127.0.0.1');
    });
  });
});

describe('without server.ts (plain next start / next dev)', () => {
  it('does not believe any header for the client address', () => {
    expect(clientIpOf(req('GET', { 'x-mw-client-ip': '10.91.0.1', 'x-forwarded-for': '10.91.0.1' }))).toBe('unknown');
  });
  it('does not believe X-Forwarded-Host for the own origin', () => {
    const r = new Request('http://localhost:3000/api/x', {
      method: 'POST',
      headers: { host: 'localhost:3000', 'x-forwarded-host': 'evil.test', origin: 'http://evil.test' },
    });
    expect(originAllowed(r)).toBe(false);
  });
});
