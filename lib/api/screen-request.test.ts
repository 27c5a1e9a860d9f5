import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { trustCheck } from '@/lib/net/trusted-proxy';
import { methodTable } from './allowed-methods';
import { screenRequest } from './screen-request';

const table = methodTable({
  '/api/auth/login': { post: {} },
  '/api/hosts/[host]/queue/scan': { get: {}, post: {} },
  '/api/hosts/[host]/queue/[queueId]': { get: {} },
});
const screen = (method: string, url: string, headers: IncomingHttpHeaders, peer = '127.0.0.1', trusted = trustCheck([])) => {
  const out = screenRequest({ method, url, headers, peer }, trusted, table);
  return { out, headers };
};

describe('screenRequest: forwarded headers', () => {
  it('removes a client’s forwarded headers and writes the socket peer as the client address', () => {
    const { out, headers } = screen('POST', '/api/auth/login', {
      'x-forwarded-for': '10.91.0.1',
      'x-forwarded-host': 'evil.test',
      'x-forwarded-proto': 'https',
      'x-real-ip': '1.1.1.1',
      'x-mw-client-ip': '9.9.9.9',
    });
    expect(out).toBeNull();
    expect(headers).toEqual({ 'x-mw-client-ip': '127.0.0.1' });
  });
  it('keeps them from a trusted proxy and takes the client from X-Forwarded-For', () => {
    const { headers } = screen(
      'GET',
      '/',
      { 'x-forwarded-for': '198.51.100.4', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'mail.example.com' },
      '10.0.0.2',
      trustCheck(['10.0.0.0/8']),
    );
    expect(headers).toMatchObject({ 'x-mw-client-ip': '198.51.100.4', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'mail.example.com' });
  });
});

describe('screenRequest: methods', () => {
  it('answers TRACE, CONNECT and made-up methods with a JSON 405 on any path', () => {
    for (const [method, url] of [
      ['TRACE', '/api/auth/login'],
      ['TRACK', '/'],
      ['PROPFIND', '/api/x'],
      ['CONNECT', '/api/hosts/lab/queue/scan'],
    ] as const) {
      const { out } = screen(method, url, {});
      expect(out?.status, method).toBe(405);
      expect(JSON.parse(out!.body).error.code).toBe('method_not_allowed');
    }
  });
  it('answers a standard method the route does not implement with a 405 naming the allowed ones', () => {
    const { out } = screen('DELETE', '/api/auth/login?x=1', {});
    expect(out).toMatchObject({ status: 405, headers: { allow: 'POST, OPTIONS' } });
    expect(screen('PUT', '/api/hosts/lab/queue/ABC123', {}).out?.headers.allow).toBe('GET, HEAD, OPTIONS');
  });
  it('lets implemented methods, HEAD of a GET, OPTIONS and unknown /api paths through to Next', () => {
    expect(screen('POST', '/api/hosts/lab/queue/scan', {}).out).toBeNull();
    expect(screen('HEAD', '/api/hosts/lab/queue/ABC123', {}).out).toBeNull();
    expect(screen('OPTIONS', '/api/auth/login', {}).out).toBeNull();
    expect(screen('DELETE', '/api/nothing-here', {}).out).toBeNull();
    expect(screen('DELETE', '/queue', {}).out).toBeNull();
  });
});
