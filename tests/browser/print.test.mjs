// Reports print clean (issue 9 §3): the design report of a single role, downloaded
// as HTML from the app, prints on 1 to 3 pages on A4 and on Letter, and neither it
// nor the sample tenant's report wastes pages: Chromium's own PDF has no more pages
// than the printed content's height needs (plus one for rows kept whole).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, newPage, open, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// Printable area in CSS pixels (96 per inch), inside the report's @page margins
// (14 mm top and bottom, 12 mm left and right).
const MM = 96 / 25.4;
const PAPER = {
  A4: { width: (210 - 24) * MM, height: (297 - 28) * MM },
  Letter: { width: (215.9 - 24) * MM, height: (279.4 - 28) * MM },
};

// Pages of a PDF as Chromium writes it: one `/Type /Page` object per page.
const pages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

async function printed(html) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const out = {};
  for (const [format, size] of Object.entries(PAPER)) {
    await page.setViewportSize({ width: Math.floor(size.width), height: 800 });
    await page.setContent(html);
    await page.emulateMedia({ media: 'print' });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const pdf = await page.pdf({ format, preferCSSPageSize: true });
    out[format] = { pages: pages(pdf), need: Math.max(1, Math.ceil(height / size.height)) };
  }
  await context.close();
  return out;
}

async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return readFile(await file.path(), 'utf8');
}

test('a single role\'s design report prints on 1 to 3 pages, A4 and Letter, without wasted pages', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/compose');
  const role = {
    roleName: 'Cloud PC network operator',
    description: 'Joins Cloud PCs to a virtual network and reads the network connection health.',
    permissions: [{ actions: ['Microsoft.Network/virtualNetworks/read', 'Microsoft.Network/virtualNetworks/subnets/join/action', 'Microsoft.Resources/subscriptions/resourceGroups/read', 'Microsoft.Network/networkInterfaces/*'] }],
    assignableScopes: ['/subscriptions/11111111-2222-3333-4444-555555555555'],
  };
  await page.getByTestId('import-paste').fill(JSON.stringify(role));
  await page.getByTestId('import-paste-button').click();
  await page.getByTestId('saved-role').first().waitFor();
  await page.goto(server.url + '#/tenant');
  await page.waitForFunction(() => document.querySelector('[data-testid="design-report-html"]')?.disabled === false);
  const html = await download(page, 'design-report-html');
  assert.match(html, /Cloud PC network operator/);
  for (const [format, { pages: n, need }] of Object.entries(await printed(html))) {
    assert.ok(n >= 1 && n <= 3, `${format}: ${n} pages`);
    assert.ok(n <= need + 1, `${format}: ${n} pages for content that needs ${need}`);
  }
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the sample tenant\'s report prints without wasted pages', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  const dir = join(ROOT, 'crates/w365-engine/tests/tenant');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const files = await Promise.all(names.map(async (name) => ({ name, mimeType: 'application/json', buffer: await readFile(join(dir, name)) })));
  await page.getByTestId('tenant-file').setInputFiles(files);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="tenant-files"] li').length === n, files.length);
  await page.getByTestId('tenant-review').click();
  await page.getByTestId('tenant-summary').waitFor();
  const html = await download(page, 'tenant-report-html');
  for (const [format, { pages: n, need }] of Object.entries(await printed(html))) {
    assert.ok(n >= 1 && n <= need + 1, `${format}: ${n} pages for content that needs ${need}`);
  }
  await context.close();
});
