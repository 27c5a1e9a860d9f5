import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'node_modules/**', 'lib/generated/**', '.lab/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Structure (issue 21): no import cycles, and shipped code (lib/, app/,
  // components/, server.ts) never reaches into scripts/, e2e/ or test/
  // fixtures. Dependencies point down: notify sends and never asks watch,
  // probes do not reach into hardening, and nothing imports the API layer's
  // old error module. no-cycle skips `import type` (types vanish at run time).
  // Tests and scripts are never imported by shipped code, so they cannot close
  // a cycle there; checking only shipped files keeps lint fast.
  {
    files: ['lib/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', 'lib/generated/**'],
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['lib/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'server.ts', 'instrumentation.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: ['./lib', './app', './components', './server.ts', './instrumentation.ts'],
              from: ['./scripts', './e2e', './test'],
              message: 'Shipped code does not import scripts, e2e or test fixtures.',
            },
            { target: './lib/notify', from: './lib/watch', message: 'notify sends, watch decides: watch passes notify what to send.' },
            { target: './lib/probes', from: './lib/hardening', message: 'Shared parsing lives in lib/postfix.' },
            {
              target: './lib/postfix',
              from: ['./lib/api', './lib/queue', './lib/watch', './lib/hardening', './lib/incident'],
              message: 'lib/postfix is pure parsers and builders: it imports nothing above it.',
            },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/fixtures/**', '**/*-fixture', '**/*-fixtures', '**/test-support/**'], message: 'Fixtures are for tests.' }] },
      ],
    },
  },
];

export default config;
