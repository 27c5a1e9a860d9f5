import { describe, expect, it } from 'vitest';
import { acceptKeySchema, hostCreateSchema, hostPatchSchema } from './schemas';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
const base = { name: 'mx1', address: 'mx1.example.com', username: 'mailwarden', privateKey: KEY };

const issues = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) => [
  ...new Set(r.error?.issues.map((i) => i.path.join('.')) ?? []),
];

describe('hostCreateSchema', () => {
  it('fills the defaults an extmail host usually has', () => {
    expect(hostCreateSchema.parse(base)).toEqual({
      ...base,
      port: 22,
      useSudo: true,
      postfixConfigDir: null,
      maillogPaths: ['/var/log/maillog'],
      probeSourceIp: null,
      keyFrom: null,
    });
  });

  it('takes no private key at all: the console then makes the pair', () => {
    const { privateKey: _key, ...noKey } = base;
    expect(hostCreateSchema.parse(noKey).privateKey).toBeUndefined();
  });

  it.each([
    ['192.0.2.10', '192.0.2.10'],
    [' 192.0.2.10, 2001:db8::/32 ', '192.0.2.10,2001:db8::/32'],
    ['', null],
  ])('takes key from= %j', (keyFrom, want) => {
    expect(hostCreateSchema.parse({ ...base, keyFrom }).keyFrom).toBe(want);
  });

  it.each(['"; rm -rf /', 'host.example.com', '10.0.0.1 command="sh"', '1.2.3.4,'])('refuses key from= %j', (keyFrom) => {
    expect(issues(hostCreateSchema.safeParse({ ...base, keyFrom }))).toEqual(['keyFrom']);
  });

  it('turns blank optional fields into null', () => {
    const out = hostCreateSchema.parse({ ...base, postfixConfigDir: '  ', probeSourceIp: '' });
    expect(out.postfixConfigDir).toBeNull();
    expect(out.probeSourceIp).toBeNull();
  });

  it.each(['Mx1', '-mx', 'mx_1', 'a'.repeat(64), ''])('refuses host name %j', (name) => {
    expect(issues(hostCreateSchema.safeParse({ ...base, name }))).toEqual(['name']);
  });

  it.each(['10.0.0.5', '::1', 'mail.example.com', 'localhost'])('accepts address %s', (address) => {
    expect(hostCreateSchema.safeParse({ ...base, address }).success).toBe(true);
  });

  it.each(['mail example.com', 'a;b', '-oProxyCommand=x', 'host/path', ''])('refuses address %j', (address) => {
    expect(issues(hostCreateSchema.safeParse({ ...base, address }))).toEqual(['address']);
  });

  it.each(['etc/postfix', '/etc/../root', '/etc/postfix; id', '/etc/post fix'])('refuses config dir %j', (dir) => {
    expect(issues(hostCreateSchema.safeParse({ ...base, postfixConfigDir: dir }))).toEqual(['postfixConfigDir']);
  });

  it('checks every maillog path and the probe address', () => {
    const r = hostCreateSchema.safeParse({ ...base, maillogPaths: ['/var/log/maillog', 'maillog'], probeSourceIp: '300.1.1.1' });
    expect(issues(r).sort()).toEqual(['maillogPaths.1', 'probeSourceIp']);
  });

  it('refuses ports out of range, a public key and unknown fields', () => {
    expect(issues(hostCreateSchema.safeParse({ ...base, port: 70000 }))).toEqual(['port']);
    expect(issues(hostCreateSchema.safeParse({ ...base, privateKey: 'ssh-ed25519 AAAA x' }))).toEqual(['privateKey']);
    expect(hostCreateSchema.safeParse({ ...base, hostKeySha256: 'SHA256:x' }).success).toBe(false);
  });
});

describe('hostPatchSchema', () => {
  it('takes any subset but not nothing, and never a new name', () => {
    expect(hostPatchSchema.parse({ port: '2222' })).toEqual({ port: 2222 });
    expect(hostPatchSchema.safeParse({}).success).toBe(false);
    expect(hostPatchSchema.safeParse({ name: 'other' }).success).toBe(false);
  });
});

describe('acceptKeySchema', () => {
  it('wants an OpenSSH SHA256 fingerprint', () => {
    expect(acceptKeySchema.safeParse({ fingerprint: 'SHA256:70q7oRWQ9WqDKlckRtUya+P8ViEw55wYk2W26DT3olI' }).success).toBe(true);
    expect(acceptKeySchema.safeParse({ fingerprint: 'MD5:aa:bb' }).success).toBe(false);
    expect(acceptKeySchema.safeParse({ fingerprint: 'SHA256:short' }).success).toBe(false);
  });
});
