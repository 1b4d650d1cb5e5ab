// Scope tags: the example's grid with a reason for every cell (documented and
// inferred rules told apart), "see as" one administrator, the All Cloud PCs vs All
// devices mismatch with its fix, edits that are saved and undone, import with every
// problem named, export and a shared link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch, newPage, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const cell = (page, admin, object) => page.locator(`[data-testid="grid-cell"][data-admin="${admin}"][data-object="${object}"]`);

test('the example shows a grid at once, each cell with its reasons', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/scopetags');
  await page.getByTestId('scopetags-example').waitFor();
  await page.getByTestId('scope-grid').waitFor();
  assert.equal(await page.getByTestId('grid-row').count(), 5);
  assert.equal(await cell(page, 'Paris helpdesk', 'Paris Cloud PCs').getAttribute('data-access'), 'visible');
  assert.equal(await cell(page, 'Paris helpdesk', 'London Cloud PCs').getAttribute('data-access'), 'hidden');
  assert.equal(await cell(page, 'Paris Cloud PC admin', 'CPC-PAR-001').getAttribute('data-access'), 'actionable');
  // The Windows 365 Administrator sees Cloud PC resources through an inferred rule, marked so.
  const w365 = cell(page, 'Windows 365 admin', 'anc-paris');
  assert.equal(await w365.getAttribute('data-access'), 'actionable');
  assert.equal(await w365.locator('.rule--inferred[data-rule="R5"]').count(), 1);
  assert.match(await w365.locator('.rule--inferred').textContent(), /R5 inferred/);
  assert.equal(await cell(page, 'Paris helpdesk', 'Paris Cloud PCs').locator('.rule--inferred').count(), 0, 'R1 and R11 are documented');
  // A cell explains itself.
  await cell(page, 'Paris helpdesk', 'London Cloud PCs').click();
  const detail = page.getByTestId('cell-detail');
  await detail.waitFor();
  assert.equal(await detail.getAttribute('data-access'), 'hidden');
  assert.match(await detail.getByTestId('cell-reasons').textContent(), /shares no tag with the object/);
  // The mismatch: the Paris Cloud PC's device record was left untagged.
  assert.match(await page.getByTestId('mismatch-summary').textContent(), /All Cloud PCs.*All devices/);
  await cell(page, 'Paris helpdesk', 'CPC-PAR-001').click();
  await detail.getByTestId('mismatch').waitFor();
  assert.equal(await detail.getByTestId('group-rule').textContent(), '(device.enrollmentProfileName -eq "Paris Cloud PCs")');
  assert.match(await detail.getByTestId('mismatch').textContent(), /dynamic device group/);
  // The Windows 365 Administrator's bypass covers Cloud PC resources only: whether it
  // shows the device record is not documented, so no mismatch is claimed (review G L6).
  await cell(page, 'Windows 365 admin', 'CPC-LON-001').click();
  await page.waitForFunction(() => /not documented either way/.test(document.querySelector('[data-testid="cell-detail"]')?.textContent || ''));
  assert.equal(await detail.getByTestId('mismatch').count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('see as one administrator, kept in the URL', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/scopetags');
  await page.getByTestId('see-as-select').selectOption('London helpdesk');
  await page.getByTestId('see-as').waitFor();
  assert.match(page.url(), /[?&]see=London%20helpdesk/);
  assert.match(await page.getByTestId('see-as-summary').textContent(), /^London helpdesk can act on \d+, only see \d+, and does not see \d+ of the 8 objects\.$/);
  const hidden = await page.getByTestId('see-as-hidden').getByTestId('see-as-object').evaluateAll((els) => els.map((e) => e.dataset.object));
  assert.ok(hidden.includes('Paris Cloud PCs') && hidden.includes('CPC-PAR-001'), hidden.join(', '));
  assert.ok(!hidden.includes('London Cloud PCs'));
  // The auditor reads everything through an inferred rule (R10).
  await page.getByTestId('see-as-select').selectOption('Auditor');
  await page.waitForFunction(() => /^Auditor can act on 0, only see 8/.test(document.querySelector('[data-testid="see-as-summary"]')?.textContent || ''));
  // Reload keeps it.
  await page.reload();
  await page.getByTestId('see-as-summary').waitFor();
  assert.match(await page.getByTestId('see-as-summary').textContent(), /^Auditor /);
  await context.close();
});

test('define a tag, an object and an administrator; saved, and undo reverses one removal', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/scopetags');
  await page.getByTestId('tag-add').fill('Berlin');
  await page.getByTestId('tag-add-button').click();
  await page.getByTestId('tag').filter({ hasText: 'Berlin' }).waitFor();
  // The first change makes the example the user's own.
  assert.equal(await page.getByTestId('scopetags-example').count(), 0);
  await page.getByTestId('object-add').fill('CPC-BER-001');
  await page.getByTestId('object-add-type').selectOption('cloudPc');
  await page.getByTestId('object-add-button').click();
  const ber = page.locator('[data-testid="tag-object"][data-id="CPC-BER-001"]');
  await ber.locator('[data-testid="object-tags"] input[data-tag="Berlin"]').check();
  await page.getByTestId('admin-add').fill('Berlin helpdesk');
  await page.getByTestId('admin-add-button').click();
  const admin = page.locator('[data-testid="tag-admin"][data-name="Berlin helpdesk"]');
  await admin.getByTestId('assignment-role').selectOption('Cloud PC Administrator');
  await admin.locator('[data-testid="assignment-tags"] input[data-tag="Berlin"]').check();
  await page.waitForFunction(() => document.querySelector('[data-testid="grid-cell"][data-admin="Berlin helpdesk"][data-object="CPC-BER-001"]')?.dataset.access === 'actionable');
  assert.equal(await cell(page, 'Berlin helpdesk', 'CPC-PAR-001').getAttribute('data-access'), 'hidden');
  assert.equal(await cell(page, 'Paris helpdesk', 'CPC-BER-001').getAttribute('data-access'), 'hidden');
  // Remove the Berlin Cloud PC, rename an administrator, then undo the removal only.
  await ber.getByTestId('remove-object').click();
  await page.getByTestId('notice').getByText('Removed the object “CPC-BER-001”.').waitFor();
  const auditor = page.locator('[data-testid="tag-admin"][data-name="Auditor"]').getByTestId('admin-name');
  await auditor.fill('Security auditor');
  await auditor.press('Tab');
  await page.locator('[data-testid="grid-row"][data-admin="Security auditor"]').waitFor();
  await page.getByTestId('undo').click();
  await cell(page, 'Berlin helpdesk', 'CPC-BER-001').waitFor();
  assert.equal(await page.locator('[data-testid="grid-row"][data-admin="Security auditor"]').count(), 1, 'the later rename stays');
  // A case variant of a taken id is numbered, and renaming to one is refused: the
  // grid stays (browser review of 2026-12-06: it disappeared).
  await page.getByTestId('object-add').fill('cpc-ber-001');
  await page.getByTestId('object-add-button').click();
  await cell(page, 'Berlin helpdesk', 'cpc-ber-001 (2)').waitFor();
  const added = page.locator('[data-testid="tag-object"][data-id="cpc-ber-001 (2)"]').getByTestId('object-id');
  await added.fill('CPC-PAR-001 ');
  await added.press('Tab');
  await page.getByText('Another object is already called “CPC-PAR-001” (ids are compared ignoring letter case); the old id is kept.').waitFor();
  assert.equal(await added.inputValue(), 'cpc-ber-001 (2)');
  await page.locator('[data-testid="tag-object"][data-id="cpc-ber-001 (2)"]').getByTestId('remove-object').click();
  await page.getByTestId('notice').getByText('Removed the object “cpc-ber-001 (2)”.').waitFor();
  // Saved: a reload shows the same scenario.
  await page.reload();
  await cell(page, 'Berlin helpdesk', 'CPC-BER-001').waitFor();
  assert.equal(await page.getByTestId('grid-row').count(), 6);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('import names every problem and changes nothing; a good file replaces the scenario, undoably', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/scopetags');
  const bad = '{"objects": [{"id": "pp-1", "type": "provisioningPolicy", "scopeTags": ["Paris"]}],\n "assignments": [{"role": "Cloud PC Raeder", "scopeTags": ["Paris"]}, {"role": "Owner"}]}';
  await page.getByTestId('import-paste').fill(bad);
  await page.getByTestId('import-paste-button').click();
  const msg = page.getByTestId('import-message');
  await msg.waitFor();
  const text = await msg.textContent();
  assert.match(text, /unknown role `?Cloud PC Raeder`? \(did you mean `?Cloud PC Reader`?\?\)/);
  assert.match(text, /`?\$\.assignments\[0\]\.role`? at line 2/);
  assert.match(text, /`?Owner`? is an Azure role/);
  assert.match(text, /nothing was changed/);
  assert.equal(await page.getByTestId('grid-row').count(), 5, 'the example is still there');
  const good = JSON.stringify({
    objects: [{ id: 'pp-1', type: 'provisioningPolicy', scopeTags: ['Paris'] }, { id: 'anc-1', type: 'azureNetworkConnection' }],
    assignments: [{ role: 'Cloud PC Reader', scopeTags: ['Paris'] }],
  });
  await page.getByTestId('import-paste').fill(good);
  await page.getByTestId('import-paste-button').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="grid-row"]').length === 1);
  assert.equal(await cell(page, 'admin', 'pp-1').getAttribute('data-access'), 'visible');
  assert.equal(await cell(page, 'admin', 'anc-1').getAttribute('data-access'), 'hidden');
  // Export gives the visibility input back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scopetags-download').click()]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(exported.objects, [{ id: 'pp-1', type: 'provisioningPolicy', scopeTags: ['Paris'] }, { id: 'anc-1', type: 'azureNetworkConnection' }]);
  assert.deepEqual(exported.admins, [{ name: 'admin', assignments: [{ role: 'Cloud PC Reader', scopeTags: ['Paris'] }] }]);
  await page.getByTestId('undo').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="grid-row"]').length === 5);
  await context.close();
});

test('a link carries the scenario to a fresh profile', async () => {
  const { page, context } = await newPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await open(page, server.url, '#/scopetags?see=Paris%20helpdesk');
  await page.getByTestId('object-add').fill('Shared image');
  await page.getByTestId('object-add-type').selectOption('customImage');
  await page.getByTestId('object-add-button').click();
  await cell(page, 'Auditor', 'Shared image').waitFor();
  await page.getByTestId('scopetags-share').click();
  await page.getByTestId('notice').getByText(/Link copied/).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#\/scopetags\?see=Paris%20helpdesk&w=/);
  // The top bar's "Copy link" carries the same scenario.
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.getByTestId('copy-link').click();
  await page.waitForFunction(async () => (await navigator.clipboard.readText()).length > 0);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  await context.close();
  const fresh = await newPage(browser);
  await fresh.page.goto(link);
  await fresh.page.getByTestId('link-banner').waitFor();
  await cell(fresh.page, 'Auditor', 'Shared image').waitFor();
  assert.match(await fresh.page.getByTestId('see-as-summary').textContent(), /of the 9 objects/);
  await fresh.context.close();
});

test('a name or id typed in the scope-tag scenario and a reload right after: kept, as leaving the box keeps it (outside review)', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/scopetags');
  const name = page.getByTestId('tag-admin').first().getByTestId('admin-name');
  await name.fill('Renamed helpdesk');
  const id = page.getByTestId('tag-object').first().getByTestId('object-id');
  const before = await id.inputValue();
  await id.fill(`${before}-X`);
  // Reloaded with the focus still in the box: its `change` never fired.
  await page.reload();
  await page.locator('[data-testid="grid-row"][data-admin="Renamed helpdesk"]').waitFor();
  assert.equal(await page.getByTestId('tag-object').first().getByTestId('object-id').inputValue(), `${before}-X`);
  assert.deepEqual(page.errors, []);
  await context.close();
});
