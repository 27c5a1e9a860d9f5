import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Integration tests: run against the real lab (MariaDB, Postfix, Dovecot, sshd)
// that `scripts/lab up` starts. Serial, because they share one mail server.
export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    include: ['e2e/integration/**/*.test.ts', '**/*.int.test.ts'],
    exclude: ['**/node_modules/**'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
