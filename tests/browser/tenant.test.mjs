// The tenant review: real-shaped exports imported from files, the summary, who can
// escalate, the principals table filtered (in the URL), CSV and Markdown downloads,
// an unreadable file named without a crash, and no request leaving the origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { serve, launch, newPage, open, ROOT } from './harness.mjs';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const SAMPLES = join(ROOT, 'crates/w365-engine/tests/tenant');
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function sampleFiles() {
  const names = (await readdir(SAMPLES)).filter((n) => n.endsWith('.json')).sort();
  return Promise.all(names.map(async (name) => ({ name, mimeType: 'application/json', buffer: await readFile(join(SAMPLES, name)) })));
}

test('import the sample exports, review, filter, download the table and the report', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  await page.getByTestId('tenant-privacy').waitFor();
  assert.match(await page.getByTestId('tenant-privacy').textContent(), /nothing is uploaded, and the exports are not saved/);
  const files = await sampleFiles();
  assert.ok(files.length >= 5);
  await page.getByTestId('tenant-file').setInputFiles(files);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="tenant-files"] li').length === n, files.length);
  await page.getByTestId('tenant-review').click();
  await page.getByTestId('tenant-summary').waitFor();
  assert.match(await page.getByTestId('tenant-counts').textContent(), /\d+ principals?, \d+ assignments?/);
  const escalate = await page.getByTestId('tenant-escalate').textContent();
  assert.ok(Number(/(\d+)/.exec(escalate)[1]) >= 1, escalate);
  const all = await page.getByTestId('tenant-row').count();
  assert.ok(all >= 3, `${all} rows`);
  assert.ok(await page.locator('[data-testid="tenant-row"][data-escalate="true"]').count() >= 1);

  // Who can escalate: the risk filter, kept in the URL.
  await page.getByTestId('tenant-risk').selectOption('escalate');
  await page.waitForFunction(() => location.hash.includes('risk=escalate'));
  const esc = await page.getByTestId('tenant-row').count();
  assert.ok(esc >= 1 && esc <= all);
  assert.equal(await page.locator('[data-testid="tenant-row"][data-escalate="false"]').count(), 0);
  // Expand one: its details name flags with messages.
  await page.getByTestId('tenant-row').first().locator('button').click();
  await page.locator('.tenant__details').first().waitFor();
  const details = await page.locator('.tenant__details').first().textContent();
  assert.match(details, /Risk flags/);
  // Operations by name, Cloud PC permissions apart (never `permission:` ids), and
  // the table's count is the operations' alone (at most the 23 tasks).
  assert.doesNotMatch(details, /permission:[A-Z]/);
  for (const n of await page.locator('[data-testid="tenant-row"] td.num').allTextContents()) assert.ok(+n <= 23, n);
  await page.getByTestId('tenant-risk').selectOption('');

  // The text filter, in the URL too.
  await page.getByTestId('tenant-search').fill('alex@contoso.com');
  await page.waitForFunction(() => location.hash.includes('q=alex'));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tenant-row"]').length === 1);
  assert.match(await page.getByTestId('tenant-row').first().textContent(), /alex@contoso\.com/);

  // CSV of the filtered table.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tenant-csv').click()]);
  assert.equal(csv.suggestedFilename(), 'tenant-principals.csv');
  const csvText = await readFile(await csv.path(), 'utf8');
  const lines = csvText.trim().split(/\r?\n/);
  assert.equal(lines[0], 'principal,id,type,roles,windows365_operations_allowed,cloud_pc_permissions_allowed,risk,can_escalate,flags,unresolved_roles,denied_by,eligible_roles');
  assert.equal(lines.length, 2);
  assert.match(lines[1], /^alex@contoso\.com,/);

  // JSON of the filtered table.
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tenant-json').click()]);
  const rows = JSON.parse(await readFile(await json.path(), 'utf8'));
  assert.equal(rows.length, 1);

  // The Markdown report.
  const [md] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tenant-report-md').click()]);
  const mdText = await readFile(await md.path(), 'utf8');
  assert.match(mdText, /^# /);
  assert.match(mdText, /^## What was reviewed$/m);
  const [html] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tenant-report-html').click()]);
  assert.match(await readFile(await html.path(), 'utf8'), /<h2>What was reviewed<\/h2>/);
  // The preview is built only when opened (or printed): a large tenant's report is not free.
  assert.equal(await page.getByTestId('report-tenant').count(), 0);

  // Print: the button prints with only the tenant report shown (and opened).
  await page.evaluate(() => { window.print = () => { window.__printed = document.documentElement.className + (document.querySelector('[data-testid="report-tenant"]') ? ' with-report' : ''); }; });
  await page.getByTestId('tenant-print').click();
  await page.waitForFunction(() => window.__printed);
  assert.match(await page.evaluate(() => window.__printed), /print-tenant.* with-report/);
  await page.evaluate(() => { document.documentElement.classList.add('print-tenant'); document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')); });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByTestId('tenant-table').isVisible(), false);
  assert.equal(await page.getByTestId('tenant-file').locator('..').isVisible(), false);
  assert.ok(await page.getByTestId('report-tenant').locator('h3', { hasText: 'What was reviewed' }).isVisible());
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => document.documentElement.classList.remove('print-tenant'));

  // A reload keeps the filters (from the URL), not the data.
  await page.reload();
  await page.getByTestId('tenant-privacy').waitFor();
  assert.equal(await page.getByTestId('tenant-row').count(), 0);
  assert.match(page.url(), /q=alex/);

  const outside = page.requests.filter((u) => !u.startsWith(server.origin + '/') && !/^(data|blob):/.test(u));
  assert.deepEqual(outside, []);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('every unreadable file is named at once, not one per press of Review (outside review)', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  await page.getByTestId('tenant-privacy').waitFor();
  const files = await sampleFiles();
  await page.getByTestId('tenant-file').setInputFiles([
    { name: 'first-broken.json', mimeType: 'application/json', buffer: Buffer.from('[{"principalName": "x", ') },
    files[0],
    { name: 'second-broken.json', mimeType: 'application/json', buffer: Buffer.from('{"value": 5}') },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tenant-files"] li').length === 3);
  await page.getByTestId('tenant-review').click();
  const err = page.getByTestId('tenant-error');
  await err.waitFor();
  const text = await err.textContent();
  assert.match(text, /^first-broken\.json could not be used: line 1, column 25: .*\. second-broken\.json could not be used: .*\. Nothing was reviewed; .*remove or replace those and review again\.$/);
  assert.doesNotMatch(text, new RegExp(files[0].name.replace('.', '\\.')));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an unreadable file is named, nothing crashes, nothing is lost', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  await page.getByTestId('tenant-privacy').waitFor();
  const files = await sampleFiles();
  await page.getByTestId('tenant-file').setInputFiles([
    files[0],
    { name: 'broken-export.json', mimeType: 'application/json', buffer: Buffer.from('[{"principalName": "x", ') },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tenant-files"] li').length === 2);
  await page.getByTestId('tenant-review').click();
  const err = page.getByTestId('tenant-error');
  await err.waitFor();
  assert.match(await err.textContent(), /broken-export\.json/);
  assert.equal(await page.locator('[data-testid="tenant-files"] li').count(), 2, 'the files are still there');
  // Remove the broken one, review again.
  await page.getByRole('button', { name: 'Remove broken-export.json' }).click();
  await page.getByTestId('tenant-review').click();
  await page.getByTestId('tenant-summary').waitFor();
  assert.equal(await page.getByTestId('tenant-error').count(), 0);
  // The sample button works too.
  await page.getByTestId('tenant-sample').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tenant-files"] li').length >= 5);
  await page.waitForFunction(() => document.querySelector('[data-testid="tenant-summary"]')?.textContent.includes('az-role-definition-list-custom.json'));
  const listed = await page.locator('[data-testid="tenant-files"] li').count();
  const summary = await page.getByTestId('tenant-summary').textContent();
  // Another view and back, by the menu and by Back: the exports and the review
  // are still there (an outside review: they were gone, though the page said only
  // a reload loses them).
  await page.locator('nav a[href="#/roles"]').first().click();
  await page.getByTestId('role-row').first().waitFor();
  await page.locator('nav a[href="#/tenant"]').first().click();
  await page.getByTestId('tenant-summary').waitFor();
  assert.equal(await page.locator('[data-testid="tenant-files"] li').count(), listed);
  assert.equal(await page.getByTestId('tenant-summary').textContent(), summary);
  await page.locator('nav a[href="#/roles"]').first().click();
  await page.getByTestId('role-row').first().waitFor();
  await page.goBack();
  await page.getByTestId('tenant-summary').waitFor();
  assert.equal(await page.locator('[data-testid="tenant-files"] li').count(), listed);
  assert.match(await page.getByTestId('tenant-privacy').textContent(), /stay while this tab is open/);
  const outside = page.requests.filter((u) => !u.startsWith(server.origin + '/') && !/^(data|blob):/.test(u));
  assert.deepEqual(outside, []);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('files chosen together are added in the order chosen, a large first file too (the same files give the same report)', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  const files = await sampleFiles();
  // The first file is 20 MB (its read ends last), the others small.
  const big = { name: 'a-large-export.json', mimeType: 'application/json', buffer: Buffer.concat([Buffer.from('['), Buffer.alloc(20 * 1024 * 1024, 0x20), Buffer.from(']')]) };
  const chosen = [big, ...files.slice(0, 3).reverse()];
  await page.getByTestId('tenant-file').setInputFiles(chosen);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="tenant-files"] li').length === n, chosen.length, { timeout: 60_000 });
  const names = await page.locator('[data-testid="tenant-files"] li code').allTextContents();
  assert.deepEqual(names, chosen.map((f) => f.name));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('two exports of one file name are both reviewed, the second under a numbered name (outside review: an Owner was dropped)', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  const mk = (who, role, sub) => Buffer.from(JSON.stringify([{ principalId: `${who}-0000-0000-0000-000000000000`, principalName: `${who}@contoso.com`, principalType: 'User', roleDefinitionName: role, scope: `/subscriptions/${sub}` }]));
  const alice = { name: 'assignments.json', mimeType: 'application/json', buffer: mk('alice', 'Owner', '11111111-1111-1111-1111-111111111111') };
  const bob = { name: 'assignments.json', mimeType: 'application/json', buffer: mk('bob', 'Reader', '22222222-2222-2222-2222-222222222222') };
  await page.getByTestId('tenant-file').setInputFiles([alice, bob]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tenant-files"] li').length === 2);
  assert.deepEqual(await page.locator('[data-testid="tenant-files"] li code').allTextContents(), ['assignments.json', 'assignments.json (2)']);
  // The same file again is not added twice, and says so.
  await page.getByTestId('tenant-file').setInputFiles([bob]);
  await page.getByText('already among the exports: not added again').waitFor();
  assert.equal(await page.locator('[data-testid="tenant-files"] li').count(), 2);
  await page.getByTestId('tenant-review').click();
  await page.getByTestId('tenant-summary').waitFor();
  const rows = await page.getByTestId('tenant-row').allInnerTexts();
  assert.equal(rows.length, 2, rows.join('\n'));
  assert.ok(rows.some((r) => r.includes('alice@contoso.com') && r.includes('Owner')), rows.join('\n'));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a newer copy of an export under the same file name can replace the older one, in its place', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  const mk = (who, role) => Buffer.from(JSON.stringify([{ principalId: `${who}-0000-0000-0000-000000000000`, principalName: `${who}@contoso.com`, principalType: 'User', roleDefinitionName: role, scope: '/subscriptions/11111111-1111-1111-1111-111111111111' }]));
  await page.getByTestId('tenant-file').setInputFiles([{ name: 'assignments.json', mimeType: 'application/json', buffer: mk('alice', 'Owner') }, { name: 'other.json', mimeType: 'application/json', buffer: mk('bob', 'Reader') }]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tenant-files"] li').length === 2);
  await page.getByTestId('tenant-file').setInputFiles([{ name: 'assignments.json', mimeType: 'application/json', buffer: mk('alice', 'Reader') }]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tenant-files"] li').length === 3);
  assert.match(await page.getByTestId('tenant-message').textContent(), /replace assignments\.json with it, or the review counts both/);
  await page.getByTestId('tenant-replace').click();
  await page.getByTestId('tenant-message').getByText('Replaced assignments.json with the newer copy').waitFor();
  assert.equal(await page.getByTestId('tenant-replace').count(), 0);
  assert.deepEqual(await page.locator('[data-testid="tenant-files"] li code').allTextContents(), ['assignments.json', 'other.json']);
  await page.getByTestId('tenant-review').click();
  await page.getByTestId('tenant-summary').waitFor();
  const alice = (await page.getByTestId('tenant-row').allInnerTexts()).filter((r) => r.includes('alice@contoso.com'));
  assert.equal(alice.length, 1);
  assert.ok(alice[0].includes('Reader') && !alice[0].includes('Owner'), alice[0]);
  // An export removed after the review: the results say they are of the exports as they were.
  assert.equal(await page.getByTestId('tenant-stale').count(), 0);
  await page.getByRole('button', { name: 'Remove other.json' }).click();
  await page.getByTestId('tenant-stale').waitFor();
  await page.getByTestId('tenant-review').click();
  await page.getByTestId('tenant-stale').waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('Remove, Replace, Clear and the sample tenant can each be undone: the exports exist nowhere else', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  const mk = (who, role) => Buffer.from(JSON.stringify([{ principalId: `${who}-0000-0000-0000-000000000000`, principalName: `${who}@contoso.com`, principalType: 'User', roleDefinitionName: role, scope: '/subscriptions/11111111-1111-1111-1111-111111111111' }]));
  const names = () => page.locator('[data-testid="tenant-files"] li code').allTextContents();
  await page.getByTestId('tenant-file').setInputFiles([{ name: 'a.json', mimeType: 'application/json', buffer: mk('alice', 'Owner') }, { name: 'b.json', mimeType: 'application/json', buffer: mk('bob', 'Reader') }]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tenant-files"] li').length === 2);
  // Remove, then Undo: back in its place.
  await page.getByRole('button', { name: 'Remove a.json' }).click();
  await page.getByTestId('tenant-message').getByText('Removed a.json. Undo puts it back.').waitFor();
  assert.deepEqual(await names(), ['b.json']);
  await page.getByTestId('tenant-undo').click();
  await page.getByTestId('tenant-message').getByText('Put a.json back.').waitFor();
  assert.deepEqual(await names(), ['a.json', 'b.json']);
  assert.equal(await page.getByTestId('tenant-undo').count(), 0);
  // Replace, then Undo: the older text and the copy both back.
  await page.getByTestId('tenant-file').setInputFiles([{ name: 'a.json', mimeType: 'application/json', buffer: mk('alice', 'Reader') }]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tenant-files"] li').length === 3);
  await page.getByTestId('tenant-replace').click();
  await page.getByTestId('tenant-undo').click();
  await page.getByTestId('tenant-message').getByText('its newer copy back as a.json (2)').waitFor();
  assert.deepEqual(await names(), ['a.json', 'b.json', 'a.json (2)']);
  // The review reads the older text in a.json: alice is Owner there.
  await page.getByTestId('tenant-review').click();
  await page.getByTestId('tenant-summary').waitFor();
  const alice = (await page.getByTestId('tenant-row').allInnerTexts()).filter((r) => r.includes('alice@contoso.com'));
  assert.ok(alice.some((r) => r.includes('Owner')), alice.join('\n'));
  // Clear, then Undo: every export back (the review is for Review to make again).
  await page.getByTestId('tenant-clear').click();
  await page.getByTestId('tenant-message').getByText('Cleared 3 exports and the review. Undo puts the exports back.').waitFor();
  assert.equal(await page.getByTestId('tenant-files').count(), 0);
  await page.getByTestId('tenant-undo').click();
  await page.getByTestId('tenant-message').getByText('Put back 3 exports.').waitFor();
  assert.deepEqual(await names(), ['a.json', 'b.json', 'a.json (2)']);
  // The sample tenant takes their place, said so; Undo brings them back.
  await page.getByTestId('tenant-sample').click();
  await page.getByTestId('tenant-message').getByText('They took the place of 3 exports; Undo puts those back.').waitFor();
  await page.getByTestId('tenant-undo').click();
  await page.getByTestId('tenant-message').getByText('Put back 3 exports.').waitFor();
  assert.deepEqual(await names(), ['a.json', 'b.json', 'a.json (2)']);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the design report: the workspace\'s custom role, downloaded as Markdown', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/compose');
  const role = { roleName: 'Tenant test reader', description: 'test', permissions: [{ actions: ['Microsoft.Network/virtualNetworks/read'] }], assignableScopes: ['/subscriptions/11111111-2222-3333-4444-555555555555'] };
  await page.getByTestId('import-paste').fill(JSON.stringify(role));
  await page.getByTestId('import-paste-button').click();
  await page.getByTestId('saved-role').first().waitFor();
  await page.goto(server.url + '#/tenant');
  await page.waitForFunction(() => document.querySelector('[data-testid="design-report-md"]')?.disabled === false);
  const [md] = await Promise.all([page.waitForEvent('download'), page.getByTestId('design-report-md').click()]);
  const text = await readFile(await md.path(), 'utf8');
  assert.match(text, /^# /);
  assert.match(text, /Tenant test reader/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the design report of 1,500 saved roles: computed in steps with its progress shown, previewed in parts, printed whole', async () => {
  const { page, context } = await newPage(browser);
  const N = 1500;
  const saved = JSON.stringify({ version: 2, roles: Array.from({ length: N }, (_, i) => ({ id: `custom-s${i}`, definition: JSON.stringify({ roleName: `Saved ${i}`, description: 'one of many', permissions: [{ actions: ['Microsoft.Compute/virtualMachines/read', 'Microsoft.Network/virtualNetworks/*/read'] }], assignableScopes: ['/subscriptions/00000000-0000-0000-0000-000000000001'] }) })), assignments: [] });
  await page.addInitScript((t) => {
    if (!sessionStorage.getItem('seeded')) { localStorage.setItem('w365-explorer/state', t); sessionStorage.setItem('seeded', '1'); }
    // The print dialog is not opened: what the preview holds when it would be is kept.
    window.print = () => { window.__printed = document.querySelectorAll('[data-testid="report-design"] p').length; };
  }, saved);
  await open(page, server.url, '#/tenant');
  await page.waitForFunction(() => document.querySelector('[data-testid="design-report-md"]')?.disabled === false, null, { timeout: 60_000 });
  // Nothing is computed until asked for.
  assert.equal(await page.getByTestId('design-report-busy').count(), 0);
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('design-report-md').click();
  // The progress shows while the report is computed, a stage at a time.
  await page.getByTestId('design-report-busy').waitFor({ timeout: 10_000 });
  assert.match(await page.getByTestId('design-report-busy').textContent(), /The design report: [a-z]/);
  const text = await readFile(await (await download).path(), 'utf8');
  assert.match(text, /^# Design review: 1500 custom roles/);
  assert.equal((text.match(/^- custom Azure role `Saved \d+`/gm) || []).length, N);
  assert.match(text, /`Saved 1499` is nearest to the built-in/);
  await page.getByTestId('design-report-busy').waitFor({ state: 'detached' });

  // The preview: the lists come in lists of 500, the nearest roles of all 1,500.
  await page.locator('.tenant__design .report-preview summary').click();
  const article = page.getByTestId('report-design');
  await article.getByText('`Saved 1499` is nearest', { exact: false }).or(article.locator('p', { hasText: 'Saved 1499 is nearest' })).first().waitFor({ timeout: 60_000 });
  const lists = await article.locator('ul').evaluateAll((uls) => uls.map((u) => u.children.length));
  assert.deepEqual(lists.slice(0, 3), [500, 500, 500]);
  const nearest = await article.locator('p', { hasText: 'is nearest to the built-in' }).count();
  assert.equal(nearest, N);
  const paragraphs = await article.locator('p').count();

  // Printing waits until the whole preview is on the page.
  await page.locator('.tenant__design .report-preview summary').click();
  await page.getByTestId('design-print').click();
  await page.waitForFunction(() => window.__printed !== undefined, null, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => window.__printed), paragraphs);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an open report preview follows a new review of fewer files', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  await page.getByTestId('tenant-sample').click();
  await page.getByTestId('tenant-summary').waitFor();
  await page.locator('.tenant__report .report-preview summary').click();
  const first = page.getByTestId('report-tenant').locator('li', { hasText: 'role assignment(s) (' });
  await first.waitFor();
  const before = await first.textContent();
  // One export fewer, reviewed again: the open preview shows the new report.
  await page.getByRole('button', { name: /^Remove / }).first().click();
  await page.getByTestId('tenant-review').click();
  await page.waitForFunction((b) => {
    const li = [...document.querySelectorAll('[data-testid="report-tenant"] li')].find((x) => x.textContent.includes('role assignment(s) ('));
    return li && li.textContent !== b;
  }, before, { timeout: 30_000 });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the reviewed page, a row open and the report preview open, has no serious axe violation', async () => {
  // axe is injected as an inline script, which the page's CSP rightly forbids.
  const { page, context } = await newPage(browser, { serviceWorkers: 'block', bypassCSP: true });
  await open(page, server.url, '#/tenant');
  await page.getByTestId('tenant-sample').click();
  await page.getByTestId('tenant-summary').waitFor();
  await page.getByTestId('tenant-row').first().locator('button').click();
  await page.locator('.tenant__details').first().waitFor();
  await page.locator('.report-preview summary').first().click();
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  const problems = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  assert.deepEqual(problems, []);
  // 360 px wide: the page itself does not scroll sideways (tables scroll in their box).
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(200);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 362));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: '/tmp/tenant-review.png', fullPage: true });
  await context.close();
});

test('the report preview shows a name with backticks and markup as written, not as code', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  await page.getByTestId('tenant-privacy').waitFor();
  const name = 'eve`x`<b>*y*</b>@contoso.com';
  const az = [{
    principalId: '00000000-0000-4000-8000-000000000001', principalName: name, principalType: 'User',
    roleDefinitionName: 'Contributor', scope: '/subscriptions/11111111-2222-3333-4444-555555555555',
  }];
  await page.getByTestId('tenant-file').setInputFiles([{ name: 'az.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(az)) }]);
  await page.getByTestId('tenant-files').waitFor();
  await page.getByTestId('tenant-review').click();
  await page.getByTestId('tenant-summary').waitFor();
  await page.locator('.report-preview summary').first().click();
  const report = page.getByTestId('report-tenant');
  await report.waitFor();
  // The first such cell is the Principals table's: the name, then its object id.
  const cell = report.locator('td', { hasText: '@contoso.com' }).first();
  assert.equal(await cell.textContent(), `${name} (00000000-0000-4000-8000-000000000001)`);
  assert.equal(await cell.locator('code, b').count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a large tenant is reviewed in slices: progress shows, Stop stops, the page keeps answering', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  await page.getByTestId('tenant-privacy').waitFor();
  // 20,000 az assignments of 6,000 principals: Reader, Contributor and Virtual
  // Machine Contributor at 200 resource groups.
  const roles = ['Reader', 'Contributor', 'Virtual Machine Contributor', 'Network Contributor'];
  const az = Array.from({ length: 20_000 }, (_, i) => ({
    principalId: `00000000-0000-4000-8000-${String(i % 6000).padStart(12, '0')}`,
    principalName: `user${i % 6000}@contoso.com`, principalType: 'User',
    roleDefinitionName: roles[i % roles.length],
    scope: `/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-${i % 200}`,
  }));
  await page.getByTestId('tenant-file').setInputFiles([{ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(az)) }]);
  await page.getByTestId('tenant-files').waitFor();

  // Started and stopped: the progress bar shows, Stop ends the run, nothing is reviewed.
  await page.getByTestId('tenant-review').click();
  await page.getByTestId('tenant-busy').locator('progress').waitFor();
  await page.getByTestId('tenant-stop').click();
  await page.getByTestId('tenant-busy').waitFor({ state: 'detached' });
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId('tenant-summary').count(), 0);
  assert.equal(await page.getByTestId('tenant-review').isEnabled(), true);

  // Run to the end while the page counts its own animation frames: a frozen page
  // would count none.
  await page.evaluate(() => { window.__frames = 0; const f = () => { window.__frames++; if (!document.querySelector('[data-testid="tenant-summary"]')) requestAnimationFrame(f); }; requestAnimationFrame(f); });
  await page.getByTestId('tenant-review').click();
  await page.getByTestId('tenant-summary').waitFor({ timeout: 120_000 });
  assert.match(await page.getByTestId('tenant-counts').textContent(), /6,000 principals, 20,000 assignments/);
  const frames = await page.evaluate(() => window.__frames);
  assert.ok(frames >= 5, `${frames} frames painted during the review`);

  // The filter keeps its focus while the rows change.
  await page.getByTestId('tenant-search').pressSequentially('user59');
  await page.waitForFunction(() => /^111 principals of 6,000/.test(document.querySelector('[data-testid="tenant-count"]').textContent));
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'tenant-search');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a large paste goes straight to the exports, not into the box', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  await page.getByTestId('tenant-privacy').waitFor();
  const az = Array.from({ length: 8_000 }, (_, i) => ({
    principalId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    principalName: `user${i}@contoso.com`, principalType: 'User', roleDefinitionName: 'Reader',
    scope: '/subscriptions/11111111-2222-3333-4444-555555555555',
  }));
  const prevented = await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const ev = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    document.querySelector('[data-testid="tenant-paste"]').dispatchEvent(ev);
    return ev.defaultPrevented;
  }, JSON.stringify(az, null, 2));
  assert.equal(prevented, true);
  await page.getByTestId('tenant-message').getByText(/Added pasted text 1 \(\d+\.\d MB\) to the exports directly/).waitFor();
  assert.equal(await page.getByTestId('tenant-paste').inputValue(), '');
  await page.getByTestId('tenant-review').click();
  await page.getByTestId('tenant-summary').waitFor({ timeout: 60_000 });
  assert.match(await page.getByTestId('tenant-counts').textContent(), /8,000 principals, 8,000 assignments/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('deny assignment exports are applied per principal: the summary names them, a principal\'s details say what each takes', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  const files = await sampleFiles();
  const deny = join(ROOT, 'crates/w365-engine/tests/deny/arm-denyassignments.json');
  files.push({ name: 'denies.json', mimeType: 'application/json', buffer: await readFile(deny) });
  await page.getByTestId('tenant-file').setInputFiles(files);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="tenant-files"] li').length === n, files.length);
  await page.getByTestId('tenant-review').click();
  const card = page.getByTestId('tenant-denies');
  await card.waitFor();
  // A group's members may include the service principal the deny spares: for
  // the group the deny's operations are conditional (outside review).
  assert.match(await card.textContent(), /deployment stack 'stack-prod'.*operations taken from 3 principals, and conditional for 1 more/s);
  await page.getByTestId('tenant-search').fill('alex@contoso.com');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tenant-row"]').length === 1);
  await page.getByTestId('tenant-row').first().locator('button').click();
  const denies = page.getByTestId('tenant-details-denies');
  await denies.waitFor();
  assert.match(await denies.textContent(), /stack-prod/);
  assert.match(await page.getByTestId('scope-denied').first().textContent(), /6,356 removed by deny assignments/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a PIM eligibility that ended is said to have ended (as of the browser\'s clock)', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  // Global Administrator eligible until 2026-08-01 (review H3's PIM page).
  await page.getByTestId('tenant-file').setInputFiles([new URL('../../crates/w365-cli/tests/fixtures/review-h3/t2-pim-eligible.json', import.meta.url).pathname]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tenant-files"] li').length === 1);
  await page.getByTestId('tenant-review').click();
  await page.getByTestId('tenant-summary').waitFor();
  await page.getByTestId('tenant-row').first().locator('button').click();
  const eligible = await page.getByTestId('tenant-details-eligible').textContent();
  assert.match(eligible, /Global Administrator at tenant-wide, ended 2026-08-01T10:00:00Z: it can no longer be activated, critical once activated/);
  // The summary and the sources say so too (review J2 M1).
  assert.match(await page.getByTestId('tenant-eligible').textContent(), /^1 eligible role for 1 principal \(Privileged Identity Management: held only once activated, so not counted above\); 1 ended before now and can no longer be activated\.$/);
  assert.match(await page.getByTestId('tenant-sources').textContent(), /t2-pim-eligible\.json: 0 assignments, 0 custom roles, 1 eligibility \(PIM: held once activated, not assignments\)/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a permission whose risk no source rates is listed, and alone it makes the level unknown, not "no flag"', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  const cpc = JSON.stringify({ value: [
    { id: 'd0d0d0d0-0000-0000-0000-0000000000d1', displayName: 'CPC Webhooks', isBuiltIn: false, rolePermissions: [{ allowedResourceActions: ['Microsoft.CloudPC/Webhooks/Create'] }] },
    { id: 'a1', roleDefinitionId: 'd0d0d0d0-0000-0000-0000-0000000000d1', principalIds: ['p1'], directoryScopeIds: ['/'] },
  ] });
  await page.getByTestId('tenant-file').setInputFiles([{ name: 'cpc.json', mimeType: 'application/json', buffer: Buffer.from(cpc) }]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tenant-files"] li').length === 1);
  await page.getByTestId('tenant-review').click();
  await page.getByTestId('tenant-summary').waitFor();
  assert.equal(await page.getByTestId('tenant-row').first().getAttribute('data-level'), 'unknown');
  await page.getByTestId('tenant-risk').selectOption('unknown');
  await page.waitForFunction(() => location.hash.includes('risk=unknown'));
  assert.equal(await page.getByTestId('tenant-row').count(), 1);
  await page.getByTestId('tenant-row').first().locator('button').click();
  assert.equal((await page.getByTestId('tenant-details-unrated').textContent()).trim(), 'Webhooks/Create');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a review running when the view is left is said to have stopped when the user comes back', async () => {
  // A review: it vanished without a word (the exports stayed, no result, no message).
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/tenant');
  const rows = [];
  for (let i = 0; i < 40000; i++) {
    const id = String(i).padStart(8, '0');
    rows.push({ principalId: `${id}-0000-4000-8000-000000000000`, principalName: `user${i}@contoso.com`, principalType: 'User', roleDefinitionName: i % 3 ? 'Reader' : 'Contributor', scope: `/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg${i % 500}` });
  }
  await page.getByTestId('tenant-file').setInputFiles([{ name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(rows)) }]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tenant-files"] li').length === 1);
  await page.getByTestId('tenant-review').click();
  await page.getByTestId('tenant-stop').waitFor();
  await page.locator('nav a[href="#/roles"]').first().click();
  await page.getByTestId('role-row').first().waitFor();
  await page.locator('nav a[href="#/tenant"]').first().click();
  await page.getByTestId('tenant-message').getByText('The review was stopped when you left this view: press Review to run it again.').waitFor();
  assert.equal(await page.locator('[data-testid="tenant-files"] li').count(), 1);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the design report is made when a saved role has a built-in role\'s name, and says what it calls it (outside review)', async () => {
  const { page, context } = await newPage(browser);
  const SUB = '/subscriptions/11111111-2222-3333-4444-555555555555';
  const mine = { roleName: 'Reader', description: 'named like a built-in', permissions: [{ actions: ['Microsoft.Compute/virtualMachines/start/action'] }], assignableScopes: [SUB] };
  const state = JSON.stringify({ version: 2, roles: [{ id: 'custom-r1', definition: JSON.stringify(mine) }], trash: [], assignments: [{ id: 'a-1', role: 'custom-r1', scope: SUB }] });
  await page.addInitScript((t) => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('w365-explorer/state', t); sessionStorage.setItem('seeded', '1'); } }, state);
  await open(page, server.url, '#/tenant');
  await page.waitForFunction(() => document.querySelector('[data-testid="design-report-md"]')?.disabled === false);
  const [md] = await Promise.all([page.waitForEvent('download'), page.getByTestId('design-report-md').click()]);
  const text = await readFile(await md.path(), 'utf8');
  assert.match(text, /Reader \(custom role custom-r1\)/);
  assert.match(text, /names the Azure built-in role/);
  assert.deepEqual(page.errors, []);
  await context.close();
});
