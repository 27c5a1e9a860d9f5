import { utils } from 'ssh2';
import { AppError } from '@/lib/errors';
import { hostKeyFingerprint } from '@/lib/ssh/fingerprint';

// Checks a pasted private key the way the SSH client will read it, and
// derives its public half: the line the admin puts in authorized_keys.

export type ClientKeyInfo = { type: string; fingerprint: string; publicKey: string };

// Shaped like a zod error, so the form shows it under the key field.
const invalidKey = (message: string) => new AppError('invalid', `privateKey: ${message}`, [{ path: 'privateKey', message }]);

export function inspectPrivateKey(text: string, comment = 'mailwarden'): ClientKeyInfo {
  const parsed = utils.parseKey(text.trim() + '\n');
  if (parsed instanceof Error) {
    if (/encrypted|passphrase/i.test(parsed.message)) {
      throw invalidKey('the key is protected by a passphrase; the console needs one without (remove it on a copy with ssh-keygen -p -N "" -f <copy>).');
    }
    throw invalidKey(`not a private key the SSH client can read (${parsed.message}).`);
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || !key.isPrivateKey()) throw invalidKey('this is a public key; paste the private one.');
  const blob = key.getPublicSSH();
  return { type: key.type, fingerprint: hostKeyFingerprint(blob), publicKey: `${key.type} ${blob.toString('base64')} ${comment}` };
}
