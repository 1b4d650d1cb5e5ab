// Windows 365 operations for assignment sets, and "can it do this here?".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function preset(page, label) {
  await open(page, server.url, '#/assignments');
  await page.getByRole('button', { name: `Preset: ${label}` }).click();
  await page.getByTestId('assignment-row').first().waitFor();
}

const card = (page, id) => page.locator(`[data-testid="operation"][data-op="${id}"]`);

test('Windows 365 Administrator with subscription Owner creates an ANC; Windows 365 assigns its roles', async () => {
  const { page, context } = await newPage(browser);
  await preset(page, 'Windows 365 Administrator + subscription Owner');
  await page.getByRole('link', { name: 'See them all' }).click();
  await page.getByTestId('w365-summary').waitFor();
  const anc = card(page, 'create-azure-network-connection');
  assert.equal(await anc.getAttribute('data-status'), 'allowed');
  await anc.locator('summary').click();
  const service = anc.getByTestId('service');
  await service.waitFor();
  const text = await service.textContent();
  assert.match(text, /automatic/);
  assert.match(text, /Windows 365 Network Interface Contributor/);
  assert.match(text, /Connections created before 2023-11-26/);
  assert.match(text, /Network Contributor/);
  // From what the service receives, one click to the two-person setup that pre-assigns it.
  await service.getByTestId('service-health-links').getByRole('link', { name: /two-person setup/ }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="recipe"]')?.open === true);
  assert.match(page.url(), /#\/health\?recipe=1$/);
  // A review's storage roles are not a network connection's: no health-check or
  // two-person links there.
  await open(page, server.url, '#/operations?op=place-cloud-pc-under-review');
  const review = card(page, 'place-cloud-pc-under-review');
  await review.getByTestId('service').waitFor();
  assert.match(await review.getByTestId('service').textContent(), /Storage Blob Data Contributor/);
  assert.equal(await review.getByTestId('service-health-links').count(), 0);
  await context.close();
});

test('with only subscription Reader the sources disagree and the service roles are manual', async () => {
  const { page, context } = await newPage(browser);
  await preset(page, 'Windows 365 Administrator + subscription Reader');
  await open(page, server.url, '#/operations?op=create-azure-network-connection-existing-network');
  const used = card(page, 'create-azure-network-connection-existing-network');
  await used.waitFor();
  assert.equal(await used.getAttribute('data-status'), 'conditional');
  const conflict = used.getByTestId('conflict');
  await conflict.waitFor();
  assert.match(await conflict.textContent(), /allowed.*Create Azure network connection \(2024-11-19\).*denied.*Role-based access control/s);
  assert.match(await used.getByTestId('service').textContent(), /manual/);
  assert.equal(await card(page, 'create-azure-network-connection').getAttribute('data-status'), 'denied');
  // The least-privileged fix is named.
  const newAnc = card(page, 'create-azure-network-connection');
  await newAnc.locator('summary').click();
  assert.match(await newAnc.getByTestId('missing').textContent(), /Least-privileged fix: assign User Access Administrator/);
  await context.close();
});

test('searching the operations hides cards and keeps an open card open', async () => {
  const { page, context } = await newPage(browser);
  await preset(page, 'Windows 365 Administrator + subscription Owner');
  await open(page, server.url, '#/operations');
  const anc = card(page, 'create-azure-network-connection');
  const pp = card(page, 'create-provisioning-policy');
  await pp.waitFor();
  await pp.locator('summary').click();
  await pp.getByTestId('reasons').or(pp.locator('.card__body')).first().waitFor();
  const search = page.getByTestId('w365-search');
  await search.fill('provisioning');
  await anc.waitFor({ state: 'hidden' });
  assert.ok(await pp.isVisible(), 'the provisioning policy card is still listed');
  assert.equal(await pp.evaluate((d) => d.open), true, 'an open card stays open while the search keeps it');
  // A group with no operation left is hidden too; clearing the search shows them all.
  const hiddenGroups = await page.locator('section.opgroup[hidden]').count();
  assert.ok(hiddenGroups > 0, 'some group has no provisioning operation');
  await search.fill('');
  await anc.waitFor({ state: 'visible' });
  assert.equal(await page.locator('section.opgroup[hidden]').count(), 0);
  assert.equal(await pp.evaluate((d) => d.open), true);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('can it do this here? answers with reasons', async () => {
  const { page, context } = await newPage(browser);
  await preset(page, 'Intune Administrator + Contributor');
  await page.getByTestId('ask-action').fill('Microsoft.Authorization/roleAssignments/write');
  await page.getByTestId('ask-scope').fill('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg');
  const answer = page.getByTestId('answer');
  await answer.waitFor();
  assert.equal(await answer.getAttribute('data-decision'), 'deny');
  assert.match(await answer.textContent(), /NotActions Microsoft\.Authorization\/\*\/Write remove it/);
  await page.getByTestId('ask-action').fill('Microsoft.Compute/virtualMachines/write');
  await page.waitForFunction(() => document.querySelector('[data-testid="answer"]')?.dataset.decision === 'allow');
  // A data action asked with the box unticked is asked on the data plane (Contributor
  // has no data actions), and the answer says why.
  await page.getByTestId('ask-action').fill('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read');
  await page.waitForFunction(() => document.querySelector('[data-testid="answer"]')?.dataset.decision === 'deny');
  assert.match(await answer.textContent(), /is a data action in the operations catalog/);
  await context.close();
});

test('a pattern asked as an action is refused, not "allowed" past NotActions (outside review)', async () => {
  const { page, context } = await newPage(browser);
  await preset(page, 'Intune Administrator + Contributor');
  await page.getByTestId('ask-action').fill('Microsoft.Authorization/roleAssignments/*');
  const refused = page.getByTestId('answer-pattern');
  await refused.waitFor();
  assert.match(await refused.textContent(), /is a pattern, not an action/);
  assert.equal(await page.getByTestId('answer').count(), 0);
  assert.equal(await refused.getByRole('link', { name: 'Azure actions' }).getAttribute('href'),
    '#/actions?q=Microsoft.Authorization/roleAssignments/*');
  assert.equal(await refused.getByRole('link', { name: 'Roles' }).getAttribute('href'),
    '#/roles?q=Microsoft.Authorization/roleAssignments/*');
  // A Cloud PC pattern matches no Azure operation: the roles only.
  await page.getByTestId('ask-action').fill('Microsoft.CloudPC/*');
  await page.waitForFunction(() => /Microsoft\.CloudPC\/\*/.test(document.querySelector('[data-testid="answer-pattern"]')?.textContent ?? ''));
  assert.equal(await refused.getByRole('link', { name: 'Azure actions' }).count(), 0);
  await refused.getByRole('link', { name: 'Roles' }).click();
  await page.getByText('Windows 365 Administrator', { exact: true }).first().waitFor();
  await page.goBack();
  // One action is answered again.
  await page.getByTestId('ask-action').waitFor();
  await page.getByTestId('ask-action').fill('Microsoft.Authorization/roleAssignments/write');
  await page.waitForFunction(() => document.querySelector('[data-testid="answer"]')?.dataset.decision === 'deny');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a custom role\'s new row takes its assignable scope, and a scope outside it is said on the row (outside review)', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/compose');
  const role = { Name: 'RG joiner', IsCustom: true, Description: 'd', Actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'], AssignableScopes: ['/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-net'] };
  await page.getByTestId('import-paste').fill(JSON.stringify(role));
  await page.getByTestId('import-paste-button').click();
  await page.getByTestId('saved-role').getByText('RG joiner', { exact: true }).waitFor();
  await open(page, server.url, '#/assignments');
  await page.getByTestId('add-assignment').click();
  const row = page.getByTestId('assignment-row').last();
  await row.getByLabel('Role').fill('RG joiner');
  await row.getByLabel('Role').press('Tab');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="assignment-row"] input[id^="as-"]')].some((i) => i.value.endsWith('/resourceGroups/rg-net')));
  assert.equal(await row.getByTestId('assignment-outside-assignable').count(), 0);
  await row.getByLabel('Scope').fill('/subscriptions/11111111-1111-1111-1111-111111111111');
  await row.getByLabel('Scope').press('Tab');
  const outside = row.getByTestId('assignment-outside-assignable');
  await outside.waitFor();
  assert.match(await outside.textContent(), /Azure refuses this assignment: RG joiner can be assigned only at \/subscriptions\/11111111-1111-1111-1111-111111111111\/resourceGroups\/rg-net and below/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('which built-in roles enable an operation on their own', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/operations?op=create-provisioning-policy');
  const pp = card(page, 'create-provisioning-policy');
  await pp.getByTestId('show-enablers').click();
  const list = pp.getByTestId('enablers');
  await list.waitFor();
  const first = await list.locator('li a').first().textContent();
  assert.equal(first, 'Cloud PC Administrator');
  assert.match(await list.textContent(), /Windows 365 Administrator/);
  await context.close();
});

test('a later op in the address opens that card, as a fresh load does', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/operations?op=create-provisioning-policy');
  const first = page.locator('[data-testid="operation"][data-op="create-provisioning-policy"]');
  await first.waitFor();
  assert.equal(await first.getAttribute('open'), '');
  const next = page.locator('[data-testid="operation"][data-op="edit-provisioning-policy"]');
  assert.equal(await next.evaluate((d) => d.open), false);
  await page.evaluate(() => { location.hash = '#/operations?op=edit-provisioning-policy'; });
  await page.waitForFunction(() => document.querySelector('[data-testid="operation"][data-op="edit-provisioning-policy"]').open);
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-testid="operation"][data-op="edit-provisioning-policy"]').getBoundingClientRect();
    return r.top > -2 && r.top < window.innerHeight;
  });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the address names the card last opened, so a link to the view opens it; closing it leaves the address', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/operations?op=create-provisioning-policy');
  await card(page, 'create-provisioning-policy').waitFor();
  const other = card(page, 'edit-provisioning-policy');
  await other.locator('summary').scrollIntoViewIfNeeded();
  const top = await other.evaluate((d) => d.getBoundingClientRect().top);
  await other.locator('summary').click();
  await page.waitForFunction(() => /[?&]op=edit-provisioning-policy(&|$)/.test(location.hash));
  // Opened where it was: the page did not jump to it.
  assert.equal(await other.evaluate((d) => d.getBoundingClientRect().top), top);
  // A card opened by a script (as printing opens them all) leaves the address alone.
  await card(page, 'add-custom-image').evaluate((d) => { d.open = true; });
  await page.waitForFunction(() => document.querySelector('[data-op="add-custom-image"]').open);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  assert.match(page.url(), /[?&]op=edit-provisioning-policy(&|$)/);
  // The address opens it in a fresh tab.
  const { page: fresh, context: freshContext } = await newPage(browser);
  await open(fresh, server.url, new URL(page.url()).hash);
  await fresh.waitForFunction(() => document.querySelector('[data-testid="operation"][data-op="edit-provisioning-policy"]')?.open);
  await freshContext.close();
  await other.locator('summary').click();
  await page.waitForFunction(() => !/[?&]op=/.test(location.hash));
  assert.equal(await card(page, 'create-provisioning-policy').evaluate((d) => d.open), true, 'closing one card leaves the others as they are');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a source that states nothing to quote is given in the app\'s words, marked as a summary, not in quotation marks', async () => {
  const { page, context } = await newPage(browser);
  await preset(page, 'Windows 365 Administrator + subscription Reader');
  await open(page, server.url, '#/operations?op=add-custom-image');
  const image = card(page, 'add-custom-image');
  const conflict = image.getByTestId('conflict');
  await conflict.waitFor();
  const items = await conflict.locator('li').allTextContents();
  const quoted = items.find((t) => /Owner or admin of the subscription/.test(t));
  const summary = items.find((t) => /names no admin role or permission requirement/.test(t));
  assert.match(quoted, /: “When you upload a custom image, you must be signed in with an account that is an Owner or admin of the subscription\.”/);
  assert.match(summary, /, in summary: The add-device-images page \(2024; its 2022 version the same\) names no admin role/);
  assert.doesNotMatch(summary, /[“”]/);
  assert.deepEqual(page.errors, []);
  await context.close();
});
