import { describe, expect, it } from 'vitest';
import { clientIpFrom, normaliseIp, trustCheck, trustProxySchema } from './trusted-proxy';

const none = trustCheck([]);
const proxy = trustCheck(['10.0.0.0/8', '192.0.2.7', '::1']);

describe('clientIpFrom', () => {
  it("ignores a client's own X-Forwarded-For when no proxy is trusted (the per-IP lockout cannot be dodged by naming another address)", () => {
    expect(clientIpFrom('127.0.0.1', '10.91.0.1', none)).toBe('127.0.0.1');
    expect(clientIpFrom('::ffff:203.0.113.9', '10.91.0.2, 127.0.0.1', none)).toBe('203.0.113.9');
  });
  it('ignores X-Forwarded-For from a peer that is not on the trusted list', () => {
    expect(clientIpFrom('203.0.113.9', '10.91.0.1', proxy)).toBe('203.0.113.9');
  });
  it('reads X-Forwarded-For from a trusted proxy, from the right, skipping trusted hops', () => {
    expect(clientIpFrom('192.0.2.7', '198.51.100.4', proxy)).toBe('198.51.100.4');
    // A client-written entry further left is never reached.
    expect(clientIpFrom('192.0.2.7', '6.6.6.6, 198.51.100.4, 10.1.2.3', proxy)).toBe('198.51.100.4');
    expect(clientIpFrom('::1', '2001:db8::5', proxy)).toBe('2001:db8::5');
  });
  it('stops at the last trusted hop when a hop is not an address, or all are trusted', () => {
    expect(clientIpFrom('192.0.2.7', 'garbage, 10.1.2.3', proxy)).toBe('10.1.2.3');
    expect(clientIpFrom('192.0.2.7', '10.1.2.3', proxy)).toBe('10.1.2.3');
    expect(clientIpFrom('192.0.2.7', undefined, proxy)).toBe('192.0.2.7');
  });
});

describe('MW_TRUST_PROXY', () => {
  it('defaults to no trusted proxy', () => {
    expect(trustProxySchema.parse(undefined)).toEqual([]);
    expect(trustProxySchema.parse('')).toEqual([]);
  });
  it('accepts IPs and CIDRs, IPv4 and IPv6, and refuses anything else', () => {
    expect(trustProxySchema.parse(' 127.0.0.1, 10.0.0.0/8 ,fd00::/8')).toEqual(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    for (const bad of ['1', 'localhost', '10.0.0.0/33', '10.0.0.0/8/1', '10.0.0.0/x', '::1/129']) {
      expect(trustProxySchema.safeParse(bad).success, bad).toBe(false);
    }
  });
  it('matches addresses inside a CIDR, IPv4-mapped IPv6 as IPv4', () => {
    const check = trustCheck(trustProxySchema.parse('10.0.0.0/8'));
    expect(check('10.200.1.1')).toBe(true);
    expect(check('::ffff:10.1.1.1')).toBe(true);
    expect(check('11.0.0.1')).toBe(false);
    expect(check('not-an-ip')).toBe(false);
  });
});

describe('normaliseIp', () => {
  it('drops ports, brackets and the IPv4-mapped prefix', () => {
    expect(normaliseIp('1.2.3.4:5678')).toBe('1.2.3.4');
    expect(normaliseIp('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(normaliseIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });
});
