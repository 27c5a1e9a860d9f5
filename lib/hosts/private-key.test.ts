import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectPrivateKey } from './private-key';

const dir = mkdtempSync(path.join(tmpdir(), 'mw-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A key pair made by OpenSSH itself: its .pub line and fingerprint are the reference.
let n = 0;
function sshKeygen(type: string, passphrase = '') {
  const file = path.join(dir, `${type}-${n++}`);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-C', 'test', '-f', file]);
  const fp = execFileSync('ssh-keygen', ['-lf', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1];
  return { privateKey: readFileSync(file, 'utf8'), pub: readFileSync(`${file}.pub`, 'utf8').trim(), fp };
}

describe('inspectPrivateKey', () => {
  it.each(['ed25519', 'ecdsa', 'rsa'])('derives the same public key and fingerprint as ssh-keygen for %s', (type) => {
    const k = sshKeygen(type);
    const info = inspectPrivateKey(k.privateKey, 'test');
    expect(info.publicKey).toBe(k.pub);
    expect(info.fingerprint).toBe(k.fp);
  });

  it('accepts a PEM RSA key (BEGIN RSA PRIVATE KEY)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'pkcs1', format: 'jwk' as never },
    }) as unknown as { privateKey: string; publicKey: { n: string; e: string } };
    // The ssh-rsa blob built by hand from the JWK: string type, mpint e, mpint n.
    const mpint = (b64url: string) => {
      let b = Buffer.from(b64url, 'base64url');
      if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
      return b;
    };
    const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, (b.length >> 8) & 0xff, b.length & 0xff]), b]);
    const blob = Buffer.concat([str(Buffer.from('ssh-rsa')), str(mpint(publicKey.e)), str(mpint(publicKey.n))]);
    expect(inspectPrivateKey(privateKey).publicKey).toBe(`ssh-rsa ${blob.toString('base64')} mailwarden`);
  });

  it('refuses a key protected by a passphrase, and says how to fix it', () => {
    const k = sshKeygen('ed25519', 'secret-pass');
    expect(() => inspectPrivateKey(k.privateKey)).toThrow(/passphrase/);
  });

  it('refuses a public key and garbage', () => {
    const k = sshKeygen('ecdsa');
    expect(() => inspectPrivateKey(k.pub)).toThrow(/privateKey/);
    expect(() => inspectPrivateKey('-----BEGIN OPENSSH PRIVATE KEY-----\nnot base64 at all\n-----END OPENSSH PRIVATE KEY-----')).toThrow(/not a private key/);
  });
});
