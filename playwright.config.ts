import { defineConfig } from '@playwright/test';

// e2e against a production build served on loopback, in Debian's Chromium
// (Playwright's own browsers cannot be downloaded here).
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  testIgnore: ['integration/**'],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL,
    // The API request context is a script with the browser's cookie: it says
    // where it comes from, as the browser's own fetches do (the console refuses
    // cookie mutations without a same-origin Origin). tokens.spec checks the
    // browser sends it by itself.
    extraHTTPHeaders: { origin: baseURL },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    { name: 'chromium', dependencies: ['setup'], use: { storageState: 'e2e/.auth/admin.json' } },
  ],
  webServer: {
    command: `npm start -- -p ${PORT} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
