// Saved state: unreadable text is kept and downloadable, never overwritten until the
// user discards it; older versions migrate; quota errors are shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch, newPage, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const KEY = 'w365-explorer/state';

test('unreadable saved data: the app works, the text is kept and downloadable', async () => {
  const { page, context } = await newPage(browser);
  const raw = '{"version": 1, "roles": [ this is not json';
  await context.addInitScript(([k, v]) => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem(k, v); sessionStorage.setItem('seeded', '1'); } }, [KEY, raw]);
  await open(page, server.url, '#/roles');
  await page.getByTestId('storage-unreadable').waitFor();
  await page.getByTestId('role-row').first().waitFor();
  // A change does not overwrite the saved text.
  await page.getByTestId('theme').selectOption('dark');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), raw);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-raw').click()]);
  assert.equal(await readFile(await download.path(), 'utf8'), raw);
  await page.getByTestId('discard-saved').click();
  await page.getByTestId('storage-unreadable').waitFor({ state: 'detached' });
  await page.getByTestId('theme').selectOption('light');
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) || '{}').version === 2, KEY);
  await context.close();
});

test('a version-0 state (a bare list of roles) is migrated', async () => {
  const { page, context } = await newPage(browser);
  const v0 = JSON.stringify([{ roleName: 'Old saved role', permissions: [{ actions: ['Microsoft.Compute/virtualMachines/read'] }], assignableScopes: ['/subscriptions/s1'] }]);
  await context.addInitScript(([k, v]) => { if (!localStorage.getItem(k)) localStorage.setItem(k, v); }, [KEY, v0]);
  await open(page, server.url, '#/compose');
  await page.getByTestId('saved-role').waitFor();
  assert.deepEqual(await page.getByTestId('saved-role').locator('a').allTextContents(), ['Old saved role']);
  await context.close();
});

test('a full storage is reported', async () => {
  const { page, context } = await newPage(browser);
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await open(page, server.url, '#/compose');
  await page.getByTestId('new-azure').click();
  const banner = page.getByTestId('storage-not-saved');
  await banner.waitFor();
  assert.match(await banner.textContent(), /full|quota/i);
  // The role is still there in this tab.
  assert.equal(await page.getByTestId('saved-role').count(), 1);
  await context.close();
});
