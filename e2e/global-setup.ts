import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { clearThrottle } from './db';
import { assertLocal, baseURL } from './env';

// Runs once before the browsers: checks the target is local and the lab is
// up, and clears login throttling left by earlier runs (idempotent).
export default async function globalSetup() {
  assertLocal(baseURL);
  const root = path.resolve(__dirname, '..');
  if (!existsSync(path.join(root, '.lab/lab.json'))) throw new Error('The lab is not up: run `bash scripts/setup` first.');
  mkdirSync(path.join(root, 'e2e/.auth'), { recursive: true });
  mkdirSync(path.join(root, 'e2e/screenshots'), { recursive: true });
  await clearThrottle();
}
