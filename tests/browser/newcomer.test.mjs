// A newcomer's first minutes: a start page that leads with the questions people
// come with; searches that find Windows 365 permissions; answers that agree from
// one view to the next; no error before any input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the start page leads with questions, each one click from its answer', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url);
  await page.getByTestId('start').waitFor();
  await page.getByTestId('start-tasks').getByRole('link', { name: 'Create a provisioning policy' }).click();
  const card = page.locator('[data-testid="operation"][data-op="create-provisioning-policy"]');
  await card.waitFor();
  assert.equal(await card.getAttribute('open'), '', 'the task\'s card is open');
  await page.getByTestId('nav-start').click();
  await page.getByTestId('start-role').fill('Cloud PC Reader');
  await page.getByTestId('start-open-role').click();
  await page.getByTestId('role-name').getByText('Cloud PC Reader').waitFor();
  await page.getByTestId('nav-start').click();
  await page.getByTestId('start-all-roles').click();
  await page.getByTestId('role-row').first().waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('searching roles for "reboot" finds the roles that can reboot Cloud PCs', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/roles?q=reboot');
  const row = page.getByTestId('role-row').filter({ hasText: 'Cloud PC Administrator' });
  await row.waitFor();
  assert.match(await row.textContent(), /holds CloudPCs\/Reboot/);
  await context.close();
});

test('a role page\'s "allowed" operation opens the same answer in the operations view', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/roles/b5c08161-a7af-481c-ace2-a20a69a48fb1');
  const link = page.locator('[data-testid="enabled-op"][data-op="create-provisioning-policy"] a');
  await link.waitFor();
  // "Usable on their own", as the operations view says it, and which held ones are
  // not (browser review of 2026-12-06: "93 of the 106" above "(100)").
  const held = Number(await page.getByTestId('count-cloudpc').textContent());
  const perms = await page.getByTestId('enabled-permissions').textContent();
  const m = perms.match(/^and (\d+) of its Cloud PC permissions usable on their own \(of the 106 in the permission table\); (\d+) permissions it holds need more than this role gives \((.+)\): see what in Operations; (\d+) permissions? it holds (is|are) in no row of the permission table \(seen in Microsoft Graph's built-in roles only, or retired\), so no operation answers for (it|them)\.$/);
  assert.ok(m, perms);
  assert.equal(Number(m[1]) + Number(m[2]) + Number(m[4]), held, perms);
  assert.match(m[3], /^Azure Network Connections\//, perms);
  await link.click();
  await page.getByTestId('alone-banner').waitFor();
  // Cloud PC Administrator is a Cloud PC role, assigned tenant-wide, not an Azure role.
  const banner = await page.getByTestId('alone-banner').textContent();
  assert.match(banner, /Cloud PC Administrator enables on its own, as its role page counts it \(assigned tenant-wide\)/);
  assert.doesNotMatch(banner, /Azure role/);
  // A role no one has is said to be unknown, not called an Azure role.
  await open(page, server.url, '#/operations?alone=not-a-role');
  await page.getByTestId('alone-banner').getByText('No role has the name or id “not-a-role”, so nothing is shown on its own.').waitFor();
  await open(page, server.url, '#/roles/b5c08161-a7af-481c-ace2-a20a69a48fb1');
  await link.waitFor();
  await link.click();
  await page.getByTestId('alone-banner').waitFor();
  const card = page.locator('[data-testid="operation"][data-op="create-provisioning-policy"]');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-status'), 'allowed');
  const top = await card.evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 900, `the card is in view (top ${top})`);
  await context.close();
});

test('no error before any input: an Entra role page, a new assignment row', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/roles');
  await page.getByTestId('roles-search').fill('Windows 365 Administrator');
  await page.getByRole('link', { name: 'Windows 365 Administrator', exact: true }).click();
  await page.getByTestId('role-page').waitFor();
  assert.equal(await page.getByRole('alert').count(), 0, 'no red message on an Entra role page');
  await open(page, server.url, '#/assignments');
  await page.getByTestId('add-assignment').click();
  await page.getByTestId('assignment-row').waitFor();
  assert.equal(await page.locator('[data-testid="assignment-row"] .field__error').count(), 0);
  // Typing a wrong name is an error, with did-you-mean.
  const input = page.getByTestId('assignment-row').locator('input').first();
  await input.fill('Readr');
  await input.press('Tab');
  await page.locator('[data-testid="assignment-row"] .field__error').getByText(/did you mean/).waitFor();
  await context.close();
});

test('the Cloud PC picker filters, explains Rename against SetDeviceName, and asks for CloudPCs/Read', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/compose');
  await page.getByTestId('new-cloudpc').click();
  await page.getByTestId('cloudpc-filter').fill('rename');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="cloudpc-picker"] input[data-perm]')].filter((x) => x.offsetParent !== null).length === 1);
  const rename = page.locator('label:has(input[data-perm="CloudPCs/Rename"])');
  assert.match(await rename.textContent(), /display name/);
  await page.locator('input[data-perm="CloudPCs/Rename"]').check();
  await page.locator('[data-testid="lint"] [data-code="cannot-list-cloud-pcs"]').waitFor();
  await context.close();
});

test('the Cloud PC picker finds a permission by its Graph name and by "restart", and says when nothing matches', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/compose');
  await page.getByTestId('new-cloudpc').click();
  const shown = () => page.evaluate(() => [...document.querySelectorAll('[data-testid="cloudpc-picker"] input[data-perm]')].filter((x) => x.offsetParent !== null).map((x) => x.dataset.perm));
  for (const q of ['Microsoft.CloudPC/CloudPCs/Reboot', 'restart']) {
    await page.getByTestId('cloudpc-filter').fill(q);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="cloudpc-picker"] input[data-perm]')].filter((x) => x.offsetParent !== null).length >= 1);
    assert.ok((await shown()).includes('CloudPCs/Reboot'), `${q}: ${await shown()}`);
    assert.equal(await page.getByTestId('cloudpc-filter-none').count(), 0);
  }
  await page.getByTestId('cloudpc-filter').fill('zzzz');
  assert.match(await page.getByTestId('cloudpc-filter-none').textContent(), /No permission matches “zzzz”/);
  assert.deepEqual(await shown(), []);
  await context.close();
});

test('at 360 px the top bar stays short', async () => {
  const { page, context } = await newPage(browser, { viewport: { width: 360, height: 740 } });
  await open(page, server.url, '#/roles');
  const h = await page.locator('header.top').evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(h <= 100, `top bar ${h} px high`);
  await context.close();
});

test('an unknown address says so above the start page; a known one does not', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/nonexistent');
  const note = page.getByTestId('not-found');
  await note.waitFor();
  assert.match(await note.textContent(), /There is no page at “#\/nonexistent”/);
  assert.match(await page.title(), /Page not found/);
  await open(page, server.url, '#/');
  assert.equal(await page.getByTestId('not-found').count(), 0);
  await context.close();
});

test('About explains the source ids sentences cite (S4, A1) beside the seeds', async () => {
  // Review H2 L5: "S4", "A1" appeared in sentences and were defined nowhere.
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/about');
  const cited = page.getByTestId('about-cited');
  await cited.waitFor();
  assert.match(await cited.locator('#src-S4').textContent(), /windows-365\/enterprise\/role-based-access\.md/);
  assert.match(await cited.locator('#src-A1').textContent(), /cloudpconpremisesconnectionhealthcheck/);
  await context.close();
});

test('at 360 px the menu scrolls to the current view\'s entry', async () => {
  // An outside review: Training sat at x = 1,281 of a 360 px screen.
  const { page, context } = await newPage(browser, { viewport: { width: 360, height: 740 } });
  for (const key of ['training', 'about', 'roles']) {
    await open(page, server.url, `#/${key}`);
    await page.waitForFunction((k) => {
      const a = document.querySelector(`[data-testid="nav-${k}"]`);
      const ul = a.closest('ul');
      const r = a.getBoundingClientRect();
      const u = ul.getBoundingClientRect();
      return r.left >= u.left - 1 && r.right <= u.right + 1;
    }, key);
  }
  await context.close();
});

test('a new role puts the cursor in its name, in view at 360 px', async () => {
  const { page, context } = await newPage(browser, { viewport: { width: 360, height: 740 } });
  await open(page, server.url, '#/compose');
  await page.getByTestId('new-cloudpc').click();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'role-name-input');
  const box = await page.getByTestId('role-name-input').boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 740, `the name box at y = ${box.y}`);
  await context.close();
});

test('Azure actions: a pattern lists the operations it matches', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/actions?q=Microsoft.Compute/virtualMachines/*');
  const countText = page.getByTestId('ops-count');
  await page.waitForFunction(() => /matched by the pattern/.test(document.querySelector('[data-testid="ops-count"]')?.textContent || ''));
  const n = parseInt((await countText.textContent()).replace(/,/g, ''), 10);
  assert.ok(n > 20, await countText.textContent());
  const first = await page.getByTestId('op-row').first().textContent();
  assert.match(first, /Microsoft\.Compute\/virtualMachines\//);
  await context.close();
});

test('an address naming no operation, and Open with an empty box, say so (outside review)', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/operations?op=resize-cloud-pcx');
  await page.getByTestId('op-unknown').getByText('No Windows 365 operation has the id “resize-cloud-pcx”.').waitFor();
  await page.getByTestId('op-unknown').getByRole('link').click();
  await page.waitForURL(/op=resize-cloud-pc$/);
  assert.equal(await page.getByTestId('op-unknown').count(), 0);
  await open(page, server.url, '#/');
  await page.getByTestId('start-open-role').click();
  await page.getByTestId('notice').getByText("Type a role's name or id first, or pick one of the roles below.").waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});
