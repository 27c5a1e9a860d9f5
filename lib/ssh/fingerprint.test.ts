import { describe, expect, it } from 'vitest';
import { hostKeyFingerprint } from './fingerprint';
import { FINGERPRINT_RE } from './fingerprint-format';

// Public keys made with ssh-keygen, with the fingerprints `ssh-keygen -lf` printed for them.
const vectors = [
  ['AAAAC3NzaC1lZDI1NTE5AAAAIK0Y5WYHmO7+xhKR7i8VBIOGSzEU5NP8l3uUtIwG8Zec', 'SHA256:GipTWMaYWKhQF8deMATjD4MbkLqh+7C/ytYuuDYv7hA'],
  [
    'AAAAB3NzaC1yc2EAAAADAQABAAAAgQC/aHUyPWt11o9vq9wzwfFoOAjKnQwIAI7T9NZnS+7w3rgJXNfyOlZxmOkIWQrI1Cm/TxAkdiOw0bLA5iU/pHHwVyGJUyRe7CQxh1/BUaW2uAWPY8C/BAsHXYPplv8b7OuGFP/aX9guBTMI4ptDPogSTnlCid0t268GaCX6Z4J/cw==',
    'SHA256:TsQ1Gui1QYCxsdewoFbjN4Ec4s1UYjAlxokJlxTx89c',
  ],
  [
    'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBJ0xlFCsaLUARHml8uWpxci4rnVdW/9GNwgZYi5GHI+PP4pNgMWV2kmvKSrQTAwTU8JbGUQqj77Lanm0zZSCUEQ=',
    'SHA256:IU+1AEL6EcKREJOCGT7HgZuy9dQpcWyLIJU1W6G4VpM',
  ],
] as const;

describe('hostKeyFingerprint', () => {
  it.each(vectors)('matches ssh-keygen -lf for %s', (blob, expected) => {
    const fp = hostKeyFingerprint(Buffer.from(blob, 'base64'));
    expect(fp).toBe(expected);
    expect(fp).toMatch(FINGERPRINT_RE);
  });
});
