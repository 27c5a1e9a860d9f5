import { mkdirSync } from 'node:fs';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { withDb } from './db';
import { baseURL } from './env';

// Personal API tokens (issue 20): made on the Account page, shown once, used
// by a script with `Authorization: Bearer`, recorded in the audit log,
// revoked — and from then on answered 401.

const NAME = 'e2e nightly report';
const bearer = (token: string) =>
  playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` }, storageState: { cookies: [], origins: [] } });

test('a token is made on the Account page, used by a script, audited and revoked', async ({ page }) => {
  try {
    await page.goto('/account');
    await page.getByLabel('Name', { exact: true }).fill(NAME);
    await page.getByLabel('Scope').selectOption('act');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('token-value').textContent())!.trim();
    expect(token).toMatch(/^mw_[A-Za-z0-9_-]{43}$/);
    mkdirSync('/tmp/mw-shots', { recursive: true });
    await page.screenshot({ path: '/tmp/mw-shots/account-token-created.png', fullPage: true });
    await expect(page.getByTestId('tokens-table')).toContainText(NAME);

    const script = await bearer(token);
    const me = await script.get('/api/auth/me');
    expect(me.status()).toBe(200);
    expect((await me.json()).username).toBe('root@extmail.org');
    // An act token may change things, with no Origin at all; it may not mint more tokens.
    expect((await script.post('/api/auth/logout')).status()).toBe(200);
    expect((await script.post('/api/auth/tokens', { data: { name: 'more', scope: 'act' } })).status()).toBe(403);

    const audit = await (await page.request.get('/api/audit?action=logout&pageSize=1')).json();
    const id = (await (await page.request.get('/api/auth/tokens')).json()).tokens.find((t: { name: string }) => t.name === NAME).id;
    expect(audit.rows[0].tokenId).toBe(id);

    await page.reload();
    const row = page.getByTestId(`token-row-${id}`);
    await expect(row).toContainText('Act');
    await expect(row).toContainText(/127\.0\.0\.1/);
    await page.screenshot({ path: '/tmp/mw-shots/account-tokens.png', fullPage: true });

    await row.getByRole('button', { name: 'Revoke' }).click();
    await expect(row.getByTestId('token-state')).toHaveText('Revoked');
    const after = await script.get('/api/auth/me');
    expect(after.status()).toBe(401);
    expect((await after.json()).error.code).toBe('unauthorized');
    await script.dispose();
  } finally {
    await withDb((c) => c.query('DELETE FROM mw_api_token WHERE name = ?', [NAME]));
  }
});

test('a read token reads but may not act', async ({ page }) => {
  const created = await page.request.post('/api/auth/tokens', { data: { name: `${NAME} (read)`, scope: 'read', expiresInDays: 1 } });
  expect(created.status()).toBe(201);
  const { token } = await created.json();
  const script = await bearer(token);
  try {
    expect((await script.get('/api/mailboxes?pageSize=1')).status()).toBe(200);
    const refused = await script.post('/api/auth/logout');
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.message).toMatch(/only read/);
  } finally {
    await script.dispose();
    await withDb((c) => c.query('DELETE FROM mw_api_token WHERE name = ?', [`${NAME} (read)`]));
  }
});

test('cookie mutations need a same-origin Origin: the browser sends it, a bare script with the cookie is refused', async ({ browser }) => {
  // No Origin added by the test: what Chromium sends by itself.
  const context = await browser.newContext({ storageState: 'e2e/.auth/admin.json', extraHTTPHeaders: {} });
  try {
    const page = await context.newPage();
    await page.goto('/account');
    const status = await page.evaluate(
      async () => (await fetch('/api/auth/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status,
    );
    expect(status).toBe(422);
    for (const headers of [{} as Record<string, string>, { origin: 'http://evil.test' }, { origin: 'null' }, { origin: baseURL.replace('http:', 'https:') }]) {
      const res = await context.request.post('/api/auth/tokens', { data: {}, headers });
      expect(res.status(), JSON.stringify(headers)).toBe(403);
      expect((await res.json()).error.code).toBe('bad_origin');
    }
  } finally {
    await context.close();
  }
});
