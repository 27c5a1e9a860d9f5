import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { expect, test, type APIRequestContext } from '@playwright/test';
import type { IncidentReport } from '../lib/incident/report';
import { removeLocally, spoolListing, writeTarget } from '../scripts/lab-bigqueue/plant';
import { createRng } from '../scripts/lab-bigqueue/random';
import { writeMessage } from '../scripts/lab-bigqueue/writer';

// Issue 16.7 on the lab: the report says what is still open — other
// suspects, null-sender bounces still queued (with the way to delete them
// through the queue's preview), sites still refusing us, hardening fixes not
// applied — and gives a delisting checklist for the provider in the lab's
// deferrals (smtp-sink answers like a Spamhaus-listed refusal). Numbers are
// formatted (no raw 5-digit runs), no raw true/false.

const HOST = 'lab';
const INFO = 'info@example.com';

test('the report lists the open items and the delisting checklist, numbers formatted', async ({ page }) => {
  test.setTimeout(120_000);
  const res = await page.request.get(`/api/incidents/${encodeURIComponent(INFO)}/report?host=${HOST}&format=json`);
  expect(res.status(), await res.text()).toBe(200);
  const json = (await res.json()) as IncidentReport;
  expect(json.open).not.toBeNull();
  expect(json.open!.fixesMissing).not.toBeNull();

  for (const size of [
    { width: 1280, height: 900, name: 'desktop' },
    { width: 390, height: 844, name: 'phone' },
  ]) {
    await page.setViewportSize(size);
    await page.goto(`/incidents/${encodeURIComponent(INFO)}/report?host=${HOST}`);
    const open = page.getByTestId('report-open');
    await expect(open).toBeVisible({ timeout: 60_000 });
    await expect(open.getByRole('heading', { name: 'Still open' })).toBeVisible();
    if ((json.open!.refusing?.length ?? 0) > 0) {
      await expect(open.locator('[data-item="refusing"]')).toBeVisible();
      const del = page.getByTestId('delisting');
      await expect(del.first()).toBeVisible();
      for (const label of ['What the reply means', 'Where to ask', 'What to say', 'How to check it still refuses'])
        await expect(del.first()).toContainText(label);
      expect(json.open!.delisting.map((d) => d.id)).toContain('spamhaus');
      await expect(page.locator('[data-provider="spamhaus"]')).toContainText('check.spamhaus.org');
    }
    if ((json.open!.bounces?.count ?? 0) > 0) {
      await expect(open.locator('[data-item="bounces"]')).toContainText(/null-sender bounces? to the senders this login forged still in the queue/);
      await expect(page.getByTestId('delete-bounces')).toHaveAttribute('data-count', String(json.open!.bounces!.count));
      await expect(page.getByTestId('show-bounces')).toHaveAttribute('href', `/queue?host=lab&bounceOf=${encodeURIComponent(INFO)}`);
    }
    if ((json.open!.fixesMissing?.length ?? 0) > 0) await expect(open.locator('[data-item="fixes"]')).toContainText('Hardening fixes not applied');
    // Formatted numbers, words instead of booleans.
    const text = (await page.getByTestId('report').innerText()).replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/g, '').replace(/\b[0-9A-F]{10,}\b/g, '');
    expect(text).not.toMatch(/(?<![\d.,:])\d{5,}(?![\d.,:])/);
    expect(text).not.toMatch(/\b(true|false)\b/);
    await page.screenshot({ path: `e2e/screenshots/incident-report-${size.name}.png`, fullPage: true });
  }

  // The bounces link opens the queue on the same filter, with the same count.
  if ((json.open!.bounces?.count ?? 0) > 0) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('show-bounces').click();
    await expect(page).toHaveURL(/\/queue\?host=lab&bounceOf=info%40example\.com/);
    await expect(page.getByTestId('active-filters')).toContainText('Bounces to forged senders of');
  }
  const md = await page.request.get(`/api/incidents/${encodeURIComponent(INFO)}/report?host=${HOST}&format=md`);
  const body = await md.text();
  expect(body).toContain('## Still open');
  if ((json.open!.delisting.length ?? 0) > 0) expect(body).toContain('## Delisting checklist');
});

// The bounces of the report are only those addressed to the forged senders
// of this login: planted as queue files for a login of this run only, with
// bounces to its forged senders and decoys (a stranger at a forged sender's
// domain, a stranger elsewhere, a bounce to a forged sender and a stranger).
// The report's count is the queue filter's total and the delete preview's;
// one click and a confirmation delete exactly those; the decoys and the
// login's own mail stay.
const API = '/api/hosts/lab/queue';
const tag = `mw${randomBytes(4).toString('hex')}`;
const LOGIN = `spam@${tag}.test`;
const FORGED = [`f1@forged.${tag}.test`, `f2@forged.${tag}.test`];
const plantedIds: string[] = [];

async function refreshIndex(request: APIRequestContext) {
  await request.post(`${API}/scan`, { data: { mode: 'refresh' } });
  await expect
    .poll(async () => ((await (await request.get(`${API}/scan`)).json()) as { scan: { status: string } }).scan.status, { timeout: 240_000 })
    .toBe('done');
}

test.afterAll(() => {
  removeLocally(plantedIds);
});

test('bounces to this login’s forged senders: counted, previewed and deleted exactly; bounces to anyone else left alone', async ({ page, request }) => {
  test.setTimeout(300_000);
  const t = await writeTarget();
  const rng = createRng(4242);
  const now = Math.floor(Date.now() / 1000);
  const plan = (sender: string, recipients: string[], login: string | null, queue: 'hold' | 'deferred') => ({
    kind: login ? ('botnet' as const) : ('backscatter' as const),
    queue,
    arrival: { sec: now - rng.int(60, 3600), usec: 0 },
    sender,
    sasl: login ? { method: 'LOGIN', username: login } : null,
    client: login ? { address: '10.250.0.9', port: 40000, name: 'unknown', helo: 'pc' } : null,
    recipients,
    subject: `bounceOf ${tag}`,
    targetSize: 800,
  });
  const write = async (p: ReturnType<typeof plan>) => {
    const { id } = await writeMessage(p, t, rng);
    plantedIds.push(id);
    return id;
  };
  let spam: string[] = [],
    matching: string[] = [],
    decoys: string[] = [];
  try {
    // The login's spam, held (Postfix leaves hold alone), sent as the forged senders.
    spam = [await write(plan(FORGED[0]!, [`v1@victim.${tag}.test`], LOGIN, 'hold')), await write(plan(FORGED[1]!, [`v2@victim.${tag}.test`], LOGIN, 'hold'))];
    matching = [
      await write(plan('', [FORGED[0]!], null, 'deferred')),
      await write(plan('', [FORGED[1]!], null, 'deferred')),
      await write(plan('', [FORGED[0]!.toUpperCase()], null, 'deferred')),
    ];
    decoys = [
      await write(plan('', [`stranger@forged.${tag}.test`], null, 'deferred')),
      await write(plan('', [`someone@elsewhere.${tag}.test`], null, 'deferred')),
      await write(plan('', [FORGED[1]!, `stranger@forged.${tag}.test`], null, 'deferred')),
    ];
  } finally {
    await rm(t.tmpDir, { recursive: true, force: true });
  }
  await refreshIndex(request);

  const filtered = await request.get(`${API}?${new URLSearchParams({ bounceOf: LOGIN, pageSize: '50' })}`);
  expect(filtered.status()).toBe(200);
  const list = (await filtered.json()) as { total: number; rows: { id: string }[] };
  expect(list.rows.map((r) => r.id).sort()).toEqual([...matching].sort());
  expect(list.total).toBe(3);
  expect((await request.get(`${API}?bounceOf=${encodeURIComponent('a b')}`)).status()).toBe(422);

  const report = (await (await request.get(`/api/incidents/${encodeURIComponent(LOGIN)}/report?host=lab&format=json`)).json()) as IncidentReport;
  expect(report.open?.bounces).toEqual({ count: 3 });

  for (const size of [
    { width: 1280, height: 900, name: 'desktop' },
    { width: 390, height: 844, name: 'phone' },
  ]) {
    await page.setViewportSize(size);
    await page.goto(`/incidents/${encodeURIComponent(LOGIN)}/report?host=lab`);
    await expect(page.getByTestId('delete-bounces')).toHaveAttribute('data-count', '3', { timeout: 60_000 });
    await page
      .getByTestId('open-item')
      .filter({ has: page.getByTestId('delete-bounces') })
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: `e2e/screenshots/incident-report-bounces-${size.name}.png`, fullPage: true });
  }

  // One click opens the usual delete preview on the same filter; the preview counts what the report counted.
  await page.getByTestId('delete-bounces').click();
  const dialog = page.getByTestId('queue-action-dialog');
  await expect(dialog.getByTestId('preview-total')).toHaveText('3', { timeout: 60_000 });
  await page.screenshot({ path: 'e2e/screenshots/incident-report-bounces-preview-phone.png' });
  await dialog.getByTestId('run-action').click();
  await expect(dialog.getByTestId('result-acted')).toHaveText('3', { timeout: 120_000 });
  await dialog.getByTestId('queue-action-cancel').click();
  // The report reads the queue again by itself: nothing of this login's bounces is left.
  await expect(page.locator('[data-item="bounces"]')).toHaveCount(0, { timeout: 30_000 });

  const spool = await spoolListing();
  for (const id of matching) expect(spool.has(id), `${id} deleted`).toBe(false);
  for (const id of [...decoys, ...spam]) expect(spool.has(id), `${id} still queued`).toBe(true);
  const audit = (await (await request.get('/api/audit?action=queue.delete&pageSize=5')).json()) as {
    rows: { target: string | null; result: { acted?: number } | null }[];
  };
  const row = audit.rows.find((r) => r.target === `bounceOf=${LOGIN}`);
  expect(row?.result?.acted).toBe(3);
});
