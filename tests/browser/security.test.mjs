// No request leaves the page's origin on any view; the Content-Security-Policy allows
// no other origin; imported names, descriptions and actions are shown as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, EVERY_VIEW } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });


test('every request stays on the origin, through every view', async () => {
  const { page, context } = await newPage(browser);
  for (const v of EVERY_VIEW) {
    await open(page, server.url, v);
    await page.locator('main h1').first().waitFor();
    await page.waitForTimeout(200);
  }
  const outside = page.requests.filter((u) => !u.startsWith(server.origin + '/') && !/^(data|blob):/.test(u));
  assert.deepEqual(outside, []);
  assert.ok(page.requests.length > 3);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /https?:|\*|'unsafe-inline'|'unsafe-eval'/);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script');
  assert.deepEqual(page.errors, []);
  await context.close();
});

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '"><svg onload="window.__pwned=3">',
];

test('HTML and script in imported roles is shown as text and never runs', async () => {
  const { page, context } = await newPage(browser);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await open(page, server.url, '#/compose');
  const roles = PAYLOADS.map((p, i) => ({
    roleName: `${p} role ${i}`,
    description: `${p} description`,
    permissions: [{ actions: [`Microsoft.Compute/${p}/read`, 'Microsoft.Compute/virtualMachines/read'] }],
    assignableScopes: ['/subscriptions/s1'],
  }));
  roles.push({ displayName: `${PAYLOADS[0]} cloud`, description: PAYLOADS[1], rolePermissions: [{ allowedResourceActions: [PAYLOADS[2]] }] });
  await page.getByTestId('import-paste').fill(JSON.stringify(roles));
  await page.getByTestId('import-paste-button').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="saved-role"]').length === 4);
  const names = await page.getByTestId('saved-role').locator('a').allTextContents();
  assert.equal(names[0], `${PAYLOADS[0]} role 0`);
  // Open each in the editor and on its role page.
  for (let i = 0; i < 4; i++) {
    await page.getByTestId('saved-role').nth(i).locator('a').click();
    await page.getByTestId('editor').waitFor();
    await page.waitForTimeout(150);
    await page.getByRole('link', { name: 'Open its role page' }).click();
    await page.getByTestId('role-page').waitFor();
    assert.ok((await page.getByTestId('role-name').textContent()).includes('<'), 'shown literally');
    await open(page, server.url, '#/compose');
  }
  await open(page, server.url, '#/roles?origin=custom');
  await page.getByTestId('role-row').first().waitFor();
  assert.ok((await page.getByTestId('roles-list').textContent()).includes('<script>window.__pwned=2</script>'));
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(dialogs, 0);
  assert.equal(await page.locator('main img[src="x"], main svg[onload]').count(), 0);
  await context.close();
});
