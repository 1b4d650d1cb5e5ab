// The roles list's first screen is static HTML (src/prerender.rs) until the app
// starts: the same rows the app then draws, links that work, and no stale copy left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const names = (page) => page.locator('[data-testid="role-row"] .row__title').allTextContents();

test('the roles list shows its first rows before the app starts, then the app draws the same rows', async () => {
  const { page, context } = await newPage(browser);
  // Hold the WebAssembly until the prerendered screen has been read.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(server.url + '#/roles');
  await page.waitForSelector('.prerendered [data-testid="role-row"]');
  const early = await names(page);
  assert.equal(early.length, 16);
  assert.equal(await page.locator('main#main').count(), 0, 'the app has not started');
  assert.match(await page.locator('.prerendered .summary').textContent(), /^[\d,]+ roles · starting the search…$/);
  release();
  await page.waitForSelector('main#main [data-testid="role-row"]');
  assert.equal(await page.locator('.prerendered').count(), 0, 'the app replaced the static copy');
  // The app draws the rows in view and two more; the static screen has enough for a
  // tall window. Where both have rows, they are the same.
  const app = await names(page);
  const both = Math.min(app.length, early.length);
  assert.ok(both >= 10, `${both} rows in common`);
  assert.deepEqual(app.slice(0, both), early.slice(0, both));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('other views start from the loading line, and a failed start shows its error, not stale rows', async () => {
  const { page, context } = await newPage(browser);
  await page.route(/_bg\.wasm$/, (route) => route.abort());
  await page.goto(server.url + '#/roles');
  await page.waitForSelector('.boot--error');
  assert.equal(await page.locator('.prerendered').count(), 0);
  assert.match(await page.locator('.boot__text').textContent(), /The app could not start/);
  const other = await newPage(browser);
  let release;
  const held = new Promise((r) => { release = r; });
  await other.page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await other.page.goto(server.url + '#/operations');
  await other.page.waitForSelector('.boot__text');
  assert.equal(await other.page.locator('.prerendered').count(), 0);
  release();
  await other.page.waitForSelector('main#main');
  await other.context.close();
  await context.close();
});
