// After one visit the app loads and works with the network off (service worker),
// and it works under a sub-path as well as at /.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { serve, launch, newPage, open, DIST } from './harness.mjs';

let browser;
after(async () => { await browser?.close(); });

test('reload with the server down', async () => {
  browser ??= await launch();
  const server = await serve();
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/roles');
  await page.getByTestId('role-row').first().waitFor();
  // Wait until the service worker controls the page and has cached the app.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  }
  server.goDown();
  await page.reload();
  await page.getByTestId('role-row').first().waitFor();
  await page.getByTestId('roles-search').fill('windows 365 network user');
  await page.getByRole('link', { name: 'Windows 365 Network User', exact: true }).click();
  await page.getByTestId('role-page').waitFor();
  assert.equal(await page.getByTestId('count-actions').textContent(), '4');
  await context.close();
  await server.close();
});

for (const base of ['/explorer/', '/']) {
  test(`works under ${base}`, async () => {
    browser ??= await launch();
    const server = await serve({ base });
    const { page, context } = await newPage(browser, { serviceWorkers: 'block' });
    await open(page, server.url, '#/about');
    await page.getByTestId('about-counts').waitFor();
    await page.getByTestId('nav-roles').click();
    await page.getByTestId('role-row').first().waitFor();
    assert.ok(server.hits.every((h) => h.startsWith(base)), server.hits.join(', '));
    assert.deepEqual(page.errors, []);
    await context.close();
    await server.close();
  });
}

test('opened from disk (file://), the page says to serve it over HTTP', async () => {
  browser ??= await launch();
  const page = await browser.newPage();
  await page.goto(pathToFileURL(join(DIST, 'index.html')).href + '#/roles');
  await page.getByRole('alert').filter({ hasText: 'Serve this folder over HTTP' }).waitFor();
  await page.close();
});
