import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { withDb } from './db';
import { POSTMASTER } from './env';

// The Hosts section against the lab's sshd: test "lab", add a second row for
// the same sshd without a pinned key, accept the key it offers, test again,
// delete it. Rows made here are removed in finally blocks.

const root = path.resolve(__dirname, '..');
const lab = JSON.parse(readFileSync(path.join(root, '.lab/lab.json'), 'utf8')) as {
  ssh: { host: string; port: number; username: string; privateKeyPath: string; hostKeySha256: string };
};
const localPostfixVersion = () => execFileSync('/usr/sbin/postconf', ['-h', 'mail_version'], { encoding: 'utf8' }).trim();
const dropHost = (name: string) => withDb((c) => c.query('DELETE FROM mw_host WHERE name = ?', [name]));

async function testConnection(page: Page, name: string) {
  const row = page.getByTestId(`host-row-${name}`);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/hosts/${name}/test`), { timeout: 60_000 }),
    row.getByRole('button', { name: 'Test connection' }).click(),
  ]);
  return page.getByTestId(`host-test-${name}`);
}

/** Add Host, filled in with a name and the lab's sshd. */
async function openAddHost(page: Page, name: string) {
  await page.goto('/hosts');
  await page.getByRole('button', { name: 'Add host' }).click();
  const form = page.getByRole('form', { name: 'Add a mail host' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Address (host name or IP)', { exact: true }).fill(lab.ssh.host);
  await form.getByLabel('SSH port', { exact: true }).fill(String(lab.ssh.port));
  return form;
}

test('the lab host answers a connection test with its Postfix version and queue counts', async ({ page }) => {
  await page.goto('/hosts');
  await expect(page.getByRole('heading', { name: 'Mail hosts' })).toBeVisible();
  await expect(page.getByTestId('host-row-lab')).toContainText(`${lab.ssh.host}:${lab.ssh.port}`);
  const panel = await testConnection(page, 'lab');
  await expect(panel).toContainText('all checks passed');
  await expect(panel.getByTestId('test-postfix-version')).toContainText(localPostfixVersion());
  await expect(panel.getByTestId('test-queues')).toContainText(/\d/);
  await expect(panel).toContainText(lab.ssh.hostKeySha256);
  await expect(page.getByTestId('host-row-lab')).toContainText('connected');
  await page.screenshot({ path: 'e2e/screenshots/hosts.png', fullPage: true });

  // The same screen in Chinese, for the admins the product is for.
  await page.context().addCookies([{ name: 'mw_locale', value: 'zh', url: page.url() }]);
  try {
    await page.reload();
    await expect(page.getByRole('heading', { name: '邮件主机' })).toBeVisible();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/hosts/lab/test'), { timeout: 60_000 }),
      page.getByTestId('host-row-lab').getByRole('button', { name: '测试连接' }).click(),
    ]);
    await expect(page.getByTestId('host-test-lab')).toContainText('全部检查通过');
    await page.screenshot({ path: 'e2e/screenshots/hosts-zh.png', fullPage: true });
  } finally {
    await page.context().clearCookies({ name: 'mw_locale' });
  }
});

test('a new host: add, test, accept the offered key out of band, test again, delete', async ({ page }) => {
  const name = `e2e-${randomBytes(3).toString('hex')}`;
  try {
    const form = await openAddHost(page, name);
    await form.getByLabel('SSH user', { exact: true }).fill(lab.ssh.username);
    // An admin who manages keys: the lab's own key, pasted.
    await form.getByLabel(/Paste my own private key/).check();
    await form.getByLabel('Private key', { exact: true }).fill(readFileSync(lab.ssh.privateKeyPath, 'utf8'));
    await expect(form).toContainText('never shown again');
    await page.screenshot({ path: 'e2e/screenshots/hosts-add.png', fullPage: true });
    await form.getByRole('button', { name: 'Save host' }).click();
    await expect(page.getByTestId('host-added')).toContainText(`Host ${name} was added`);
    await expect(page.getByTestId('enroll-command')).toContainText(`/api/enroll/`);
    // The key is not echoed back anywhere: not in the page, not in the API.
    await expect(page.locator('body')).not.toContainText('PRIVATE KEY-----');
    const listed = await (await page.request.get('/api/hosts')).text();
    expect(listed).not.toContain('PRIVATE KEY');
    expect(listed).not.toContain('private_key');

    const row = page.getByTestId(`host-row-${name}`);
    await expect(row).toContainText('not pinned yet');
    const first = await testConnection(page, name);
    await expect(first).toContainText('host_key_unknown');
    const pending = page.getByTestId(`pending-key-${name}`);
    await expect(pending).toHaveText(lab.ssh.hostKeySha256);
    await expect(page.getByTestId(`key-notice-${name}`)).toContainText('Verify this fingerprint out of band');
    await page.screenshot({ path: 'e2e/screenshots/hosts-pending-key.png', fullPage: true });

    await page.getByTestId(`key-notice-${name}`).getByRole('button', { name: 'Accept this key' }).click();
    await expect(row).toContainText(lab.ssh.hostKeySha256);
    const second = await testConnection(page, name);
    await expect(second).toContainText('all checks passed');
    await expect(second.getByTestId('test-postfix-version')).toContainText(localPostfixVersion());

    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Delete' }).click();
    await expect(row).toHaveCount(0);
    expect((await page.request.get(`/api/hosts/${name}`)).status()).toBe(404);
  } finally {
    await dropHost(name);
  }
});

test('a new host enrolled with the command Add Host shows: generated key, the command run as root, test, accept, scan', async ({ page }) => {
  test.setTimeout(240_000);
  const name = `e2e-enroll-${randomBytes(3).toString('hex')}`;
  let command = '';
  try {
    const form = await openAddHost(page, name);
    await expect(form.getByLabel(/Let the console make a key/)).toBeChecked();
    await form.getByLabel(/Console's address/).fill('127.0.0.1');
    await form.getByRole('button', { name: 'Save host' }).click();

    const panel = page.getByTestId('enroll-panel');
    await expect(panel).toContainText(`Enroll ${name}`);
    command = (await page.getByTestId('enroll-command').textContent()) ?? '';
    expect(command).toMatch(/^curl -fsS 'http:\/\/127\.0\.0\.1:\d+\/api\/enroll\/[A-Za-z0-9_-]{43}' \| sudo bash$/);
    await page.screenshot({ path: 'e2e/screenshots/hosts-enroll.png', fullPage: true });

    // The script to read first: the host's settings and public key, no secret.
    const script = await (await page.request.get(`/api/hosts/${name}/enroll-script`)).text();
    expect(script).toContain(`MW_HOST_NAME='${name}'`);
    expect(script).toContain(`MW_KEY_FROM='127.0.0.1'`);
    expect(script).toMatch(/MW_PUBLIC_KEY='ssh-ed25519 [A-Za-z0-9+/]+'/);
    expect(script).not.toContain('PRIVATE KEY');

    // On the mail host (the lab, this machine), as root, exactly as shown.
    const out = execFileSync('bash', ['-c', command], { encoding: 'utf8', timeout: 120_000 });
    expect(out).toContain(`Now press "Test connection" for host "${name}"`);
    expect(readFileSync('/home/mailwarden/.ssh/authorized_keys', 'utf8')).toMatch(
      new RegExp(`^restrict,from="127\\.0\\.0\\.1" ssh-ed25519 \\S+ mailwarden-console:${name}$`, 'm'),
    );

    const row = page.getByTestId(`host-row-${name}`);
    const first = await testConnection(page, name);
    await expect(first).toContainText('host_key_unknown');
    await page.getByTestId(`key-notice-${name}`).getByRole('button', { name: 'Accept this key' }).click();
    await expect(row).toContainText(lab.ssh.hostKeySha256);
    const second = await testConnection(page, name);
    await expect(second).toContainText('all checks passed');
    await expect(second).toContainText('the helpers, nothing more');

    // The console scans the new host's queue over its own key.
    expect((await page.request.post(`/api/hosts/${name}/queue/scan`, { data: { mode: 'full' } })).ok()).toBe(true);
    type Scan = { scan: { status: string; indexed: number; method: string } };
    const scanOf = async () => ((await (await page.request.get(`/api/hosts/${name}/queue/scan`)).json()) as Scan).scan;
    await expect.poll(async () => (await scanOf()).status, { timeout: 120_000 }).toBe('done');
    const scanned = await scanOf();
    expect(scanned.method).toBe('reader');
    expect(scanned.indexed).toBe(
      Number(execFileSync('bash', ['-c', 'find /var/spool/postfix/{incoming,active,deferred,hold,maildrop} -type f | wc -l'], { encoding: 'utf8' }).trim()),
    );

    // A token that is not one answers like any unknown path.
    expect((await page.request.get(`/api/enroll/${'A'.repeat(43)}`)).status()).toBe(404);
  } finally {
    // The host's key line goes (the script fetched while the token still works);
    // the lab's own key keeps the helpers and sudoers in place.
    if (command) {
      const uninstall = execFileSync('bash', ['-c', `${command.replace(/ \| sudo bash$/, '')} | bash -s -- --uninstall`], { encoding: 'utf8' });
      expect(uninstall).toContain('other Mailwarden console key');
    }
    await dropHost(name);
  }
});

test('a changed host key is refused, shown in red, and the pin is kept', async ({ page }) => {
  const name = `e2e-mitm-${randomBytes(3).toString('hex')}`;
  const wrongPin = 'SHA256:GipTWMaYWKhQF8deMATjD4MbkLqh+7C/ytYuuDYv7hA';
  try {
    // A copy of the lab row whose pin is not the lab's key: what a MITM looks like.
    await withDb((c) =>
      c.query(
        `INSERT INTO mw_host (name, address, port, username, private_key_sealed, use_sudo, maillog_paths, host_key_sha256)
         SELECT ?, address, port, username, private_key_sealed, use_sudo, maillog_paths, ? FROM mw_host WHERE name = 'lab'`,
        [name, wrongPin],
      ),
    );
    await page.goto('/hosts');
    const panel = await testConnection(page, name);
    await expect(panel).toContainText('host_key_changed');
    await expect(page.getByRole('alert').filter({ hasText: `Host key of ${name} changed` })).toBeVisible();
    await expect(page.getByTestId(`key-notice-${name}`)).toContainText('man-in-the-middle');
    await expect(page.getByTestId(`pending-key-${name}`)).toHaveText(lab.ssh.hostKeySha256);
    await page.screenshot({ path: 'e2e/screenshots/hosts-key-changed.png', fullPage: true });
    const [[rowAfter]] = (await withDb((c) => c.query('SELECT host_key_sha256 AS pin FROM mw_host WHERE name = ?', [name]))) as unknown as [[{ pin: string }]];
    expect(rowAfter.pin).toBe(wrongPin);
  } finally {
    await dropHost(name);
  }
});

test.describe('as a postmaster', () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test('the hosts API is refused with 403', async ({ request }) => {
    expect((await request.post('/api/auth/login', { data: POSTMASTER })).status()).toBe(200);
    const res = await request.get('/api/hosts');
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
    expect((await request.post('/api/hosts/lab/test')).status()).toBe(403);
  });
});
