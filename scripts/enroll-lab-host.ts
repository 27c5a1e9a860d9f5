// Prints the enroll script for the lab's own mail host (host "lab", the lab's
// key from .lab/ssh), the same script Add Host gives an admin for a real
// server. scripts/lab.d/sshd.sh runs it as root: the lab keeps no sudoers or
// helper installation of its own, so every gate run tests the real install path.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { publicKeyWords, renderEnrollScript } from '../lib/hosts/enroll-script';

const root = path.resolve(__dirname, '..');
const publicKey = publicKeyWords(readFileSync(path.join(root, '.lab/ssh/id_ed25519.pub'), 'utf8'));
process.stdout.write(
  renderEnrollScript({ hostName: 'lab', publicKey, sshUser: 'mailwarden', keyFrom: '127.0.0.1', consoleUrl: null }, path.join(root, 'scripts/host')),
);
