// A shared link opens the same view in a fresh browser profile, custom roles included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('copy a link to the operations view and open it in a fresh profile', async () => {
  const { page, context } = await newPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  // A custom Cloud PC role, assigned next to a preset.
  await open(page, server.url, '#/compose');
  await page.getByTestId('import-paste').fill(JSON.stringify({ displayName: 'Helpdesk reboot', rolePermissions: [{ allowedResourceActions: ['Microsoft.CloudPC/CloudPCs/Reboot', 'Microsoft.CloudPC/CloudPCs/Read'] }] }));
  await page.getByTestId('import-paste-button').click();
  await page.getByTestId('saved-role').waitFor();
  await open(page, server.url, '#/assignments');
  await page.getByRole('button', { name: 'Preset: Cloud PC Reader (helpdesk)' }).click();
  await page.getByTestId('add-assignment').click();
  const last = page.getByTestId('assignment-row').last().locator('input').first();
  await last.fill('Helpdesk reboot');
  await last.press('Tab');
  await open(page, server.url, '#/operations?status=allowed');
  const summary = await page.getByTestId('w365-summary').textContent();
  await page.getByTestId('share').click();
  await page.getByTestId('notice').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(link.startsWith(server.url), link);
  assert.match(link, /[?&]as=/);
  assert.match(link, /[?&]cr=/);
  await context.close();

  const fresh = await newPage(browser);
  await fresh.page.goto(link);
  await fresh.page.getByTestId('w365-summary').waitFor();
  assert.equal(await fresh.page.getByTestId('w365-summary').textContent(), summary);
  assert.match(fresh.page.url(), /status=allowed/);
  assert.doesNotMatch(fresh.page.url(), /[?&]as=/, 'the shared data is applied once, then dropped from the URL');
  await open(fresh.page, server.url, '#/compose');
  assert.deepEqual(await fresh.page.getByTestId('saved-role').locator('a').allTextContents(), ['Helpdesk reboot']);
  await fresh.context.close();
});
