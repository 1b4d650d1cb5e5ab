// Intune custom roles in Compose: pick permissions with a filter, lint, export as
// the Graph request; import from Graph with a misspelt action and "did you mean";
// remote actions say which plane they need.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('compose an Intune role and export it as a Graph request', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/compose');
  await page.getByTestId('new-intune').click();
  await page.getByTestId('intune-picker').waitFor();
  assert.equal(await page.locator('.editor h2').textContent(), 'Intune custom role');
  assert.match(await page.getByTestId('intune-shown').textContent(), /^Showing 200 of 200 Intune permissions; 0 chosen\.$/);
  await page.getByTestId('role-name-input').fill('Helpdesk sync');
  await page.getByTestId('role-name-input').press('Tab');
  await page.getByTestId('intune-filter').fill('remote tasks sync');
  await page.waitForFunction(() => /^Showing [1-9] of 200/.test(document.querySelector('[data-testid="intune-shown"]').textContent));
  await page.locator('input[data-perm="Microsoft.Intune/RemoteTasks/SyncDevice"]').check();
  await page.getByTestId('intune-filter').fill('managed devices read');
  await page.locator('input[data-perm="Microsoft.Intune/ManagedDevices/Read"]').check();
  await page.waitForFunction(() => /2 chosen/.test(document.querySelector('[data-testid="intune-shown"]').textContent));
  await page.getByTestId('lint-clean').waitFor();
  assert.equal(await page.getByTestId('enables-count').textContent(), '2 Intune permissions.');
  assert.match(await page.getByTestId('enables-remote').textContent(), /Sync/);
  // Export: the Graph request creating a deviceAndAppManagementRoleDefinition.
  assert.deepEqual(await page.getByTestId('export-format').locator('option').evaluateAll((o) => o.map((x) => x.value)), ['az-cli', 'powershell', 'graph']);
  await page.getByTestId('export-format').selectOption('graph');
  const text = await page.getByTestId('export-preview').textContent();
  assert.match(text, /POST https:\/\/graph\.microsoft\.com\/beta\/deviceManagement\/roleDefinitions/);
  assert.match(text, /"@odata\.type": "#microsoft\.graph\.deviceAndAppManagementRoleDefinition"/);
  assert.match(text, /"displayName": "Helpdesk sync"/);
  assert.match(text, /"Microsoft\.Intune\/RemoteTasks\/SyncDevice"/);
  // Saved as an Intune role: a reload brings it back with its permissions.
  await page.reload();
  await page.getByTestId('intune-picker').waitFor();
  assert.equal(await page.locator('input[data-perm="Microsoft.Intune/RemoteTasks/SyncDevice"]').isChecked(), true);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an imported Intune role with a misspelt action: did you mean, one click to fix', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/compose');
  const role = {
    '@odata.type': '#microsoft.graph.deviceAndAppManagementRoleDefinition',
    displayName: 'Reboot desk',
    rolePermissions: [{ resourceActions: [{ allowedResourceActions: ['Microsoft.Intune/RemoteTasks/RebotNow', 'Microsoft.Intune_ManagedDevices_Read'], notAllowedResourceActions: [] }] }],
  };
  await page.getByTestId('import-paste').fill(JSON.stringify(role));
  await page.getByTestId('import-paste-button').click();
  await page.getByTestId('intune-picker').waitFor();
  const lint = page.getByTestId('lint');
  await lint.getByText(/RebotNow/).first().waitFor();
  assert.match(await lint.textContent(), /did you mean `?Microsoft\.Intune\/RemoteTasks\/RebootNow`?/);
  // The underscore spelling was read as the Graph name.
  assert.equal(await page.locator('input[data-perm="Microsoft.Intune/ManagedDevices/Read"]').isChecked(), true);
  assert.match(await page.getByTestId('intune-unknown').textContent(), /Microsoft\.Intune\/RemoteTasks\/RebotNow/);
  await page.getByTestId('intune-use-suggestion').click();
  await page.getByTestId('lint-clean').waitFor();
  assert.equal(await page.locator('input[data-perm="Microsoft.Intune/RemoteTasks/RebootNow"]').isChecked(), true);
  assert.equal(await page.getByTestId('intune-unknown').count(), 0);
  // Scope tags other than Default are not kept: the import says so (review of
  // 2026-12-07: dropped without a word), as `w365-perms export` does.
  await page.getByTestId('import-paste').fill(JSON.stringify({ ...role, displayName: 'Tagged desk', roleScopeTagIds: ['0', '5'] }));
  await page.getByTestId('import-paste-button').click();
  await page.waitForFunction(() => /Imported 1 role from .*Tagged desk.* Note: roleScopeTagIds \(0, 5\) is not written/.test(document.querySelector('[data-testid="import-message"]')?.textContent || ''));
  await context.close();
});

test('remote actions say which permission in which plane', async () => {
  const { page, context } = await newPage(browser);
  // Help Desk Operator (Intune) can sync and restart, not reprovision.
  await open(page, server.url, '#/roles');
  await page.getByTestId('roles-search').fill('Help Desk Operator');
  await page.getByRole('link', { name: 'Help Desk Operator', exact: true }).click();
  const table = page.getByTestId('remote-actions');
  await table.waitFor();
  const status = (id) => table.locator(`[data-testid="remote-action"][data-action="${id}"]`).getAttribute('data-status');
  assert.equal(await status('sync'), 'allowed');
  assert.equal(await status('restart'), 'allowed');
  assert.equal(await status('reprovision'), 'denied');
  assert.match(await table.locator('[data-action="sync"]').textContent(), /Intune.*Microsoft\.Intune\/RemoteTasks\/SyncDevice ✓ held through Help Desk Operator/);
  // The operations view lists them for the current assignments.
  await open(page, server.url, '#/operations');
  await page.getByTestId('remote-details').locator('summary').click();
  // The table is drawn when the section is first opened.
  await page.getByTestId('remote-details').getByTestId('remote-action').first().waitFor();
  assert.equal(await page.getByTestId('remote-action').count() > 3, true);
  assert.equal(await page.locator('[data-testid="remote-action"][data-status="allowed"]').count(), 0, 'no assignments, nothing allowed');
  await context.close();
});

test("an Intune built-in role's id is said to be the bundle's own, a Graph id is not (outside review)", async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/roles/help-desk-operator');
  await page.getByRole('heading', { level: 1, name: 'Help Desk Operator' }).waitFor();
  assert.match(await page.getByTestId('role-id-note').innerText(), /the bundle's own id: the sources give none for this role/);
  await open(page, server.url, '#/roles/b5c08161-a7af-481c-ace2-a20a69a48fb1');
  await page.getByRole('heading', { level: 1, name: 'Cloud PC Administrator' }).waitFor();
  assert.equal(await page.getByTestId('role-id-note').count(), 0);
  await context.close();
});
