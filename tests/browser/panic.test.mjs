// A panic shows an error panel with what to report, not a dead page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('a panic shows the error panel', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url + '#/about?debug=panic');
  const panel = page.getByTestId('fatal-panel');
  await panel.waitFor();
  const text = await panel.textContent();
  assert.match(text, /Something went wrong/);
  assert.match(text, /deliberate panic requested/);
  assert.equal(await panel.getByRole('link', { name: 'Reload the page' }).count(), 1);
  await context.close();
});
