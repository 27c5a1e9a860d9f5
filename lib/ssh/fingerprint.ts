import { createHash } from 'node:crypto';

// The fingerprint `ssh-keygen -lf` prints: SHA-256 of the raw public key blob
// (the base64 part of a .pub line), base64 without padding.
export function hostKeyFingerprint(rawKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(rawKey).digest('base64').replace(/=+$/, '')}`;
}
