// The observed built-in roles: a role's dated changes on its page, the earlier model
// kept as evidence, a role compared with its own earlier version (the CLI's
// `NAME@DATE`), and the permission table's disagreements where a user meets them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const ADMIN = 'b5c08161-a7af-481c-ace2-a20a69a48fb1';
const READER = 'd40368cb-fbf4-4965-bbc1-f17b3a78e510';

test('Cloud PC Administrator grew from 58 to 100 actions in 18 dated changes', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, `#/roles/${ADMIN}`);
  await page.getByTestId('timeline').waitFor();
  assert.match(await page.getByTestId('timeline-summary').textContent(), /^Cloud PC Administrator grew from 58 to 100 actions in 18 dated changes \(2023-05-18 to 2025-11-24\); Graph captured until 2025-12-19\.$/);
  assert.equal(await page.getByTestId('timeline-entry').count(), 19);
  // Reports/Export left on 2023-12-04; BulkActions left on 2025-07-30 and came back on 2025-08-01.
  const dec = page.locator('[data-testid="timeline-entry"][data-date="2023-12-04"]');
  assert.match(await dec.textContent(), /\+1.*−1/);
  await dec.locator('summary').click();
  assert.match(await dec.textContent(), /− Reports\/Export/);
  const july = page.locator('[data-testid="timeline-entry"][data-date="2025-07-30"]');
  assert.equal(await july.getByTestId('timeline-count').textContent(), '92');
  // Summaries name permissions with their namespace (never a bare "Write").
  assert.match(await july.textContent(), /removed [^;]*BulkActions\/Write/);
  assert.match(await page.locator('[data-testid="timeline-entry"][data-date="2025-08-01"]').textContent(), /\+2/);
  // The earlier model stays as evidence, and the table's disagreements are shown with dates.
  await page.getByTestId('evidence').waitFor();
  assert.match(await page.getByTestId('role-disagreements').textContent(), /CrossCloudOrganizationMapping\/Create: held since 2023-05-18, but the table has no row for it/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('compare Cloud PC Reader with itself on 2023-05-18, from its timeline', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, `#/roles/${READER}`);
  await page.getByTestId('timeline').waitFor();
  assert.match(await page.getByTestId('role-disagreements').textContent(), /AdminHighlights\/Operate: not a read, inside a reader role since 2025-07-28/);
  await page.locator('[data-testid="timeline-entry"][data-date="2023-05-18"]').getByTestId('timeline-compare').click();
  await page.getByTestId('compare-table').waitFor();
  assert.match(page.url(), /#\/compare\?roles=d40368cb-fbf4-4965-bbc1-f17b3a78e510,Cloud%20PC%20Reader@2023-05-18$/);
  const rows = page.getByTestId('compare-row');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).locator('th').textContent(), /^Cloud PC Reader$/);
  assert.equal(await rows.nth(0).getByTestId('compare-cloudpc').textContent(), '31');
  assert.match(await rows.nth(1).locator('th').textContent(), /^Cloud PC Reader @ 2023-05-18$/);
  assert.equal(await rows.nth(1).getByTestId('compare-cloudpc').textContent(), '15');
  assert.equal(await rows.nth(0).getByTestId('compare-only-cloudpc').textContent(), '16');
  // The timeline is shown beside the comparison.
  assert.match(await page.getByTestId('compare-timelines').textContent(), /Cloud PC Reader grew from 15 to 31 actions/);
  // Each compared version has its risk flags, the dated one too (review J2 L6).
  const risks = await page.getByTestId('compare-risks').locator('h3').allTextContents();
  assert.deepEqual(risks, ['Cloud PC Reader', 'Cloud PC Reader @ 2023-05-18']);
  // And where the permission table disagrees with the compared role, with dates.
  assert.match(await page.getByTestId('compare-timelines').getByTestId('role-disagreements').textContent(), /AdminHighlights\/Operate: not a read, inside a reader role since 2025-07-28/);
  // A dated version typed in the role picker, as the CLI reads it.
  await page.getByTestId('compare-add').fill('Cloud PC Administrator@2025-07-31');
  await page.getByTestId('compare-add-button').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="compare-row"]').length === 3);
  assert.equal(await rows.nth(2).getByTestId('compare-cloudpc').textContent(), '92');
  // A date before the first capture says so.
  await page.getByTestId('compare-add').fill('Cloud PC Reader@2020-01-01');
  await page.getByTestId('compare-add-button').click();
  // Backticks in a notice show as code, so the text has none.
  await page.getByTestId('notice').getByText(/^`?Cloud PC Reader`? was first captured on 2023-05-18; `?2020-01-01`? is earlier\.$/).waitFor();
  await context.close();
});

test('the table against the built-in roles: About and the Cloud PC picker', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/about');
  const section = page.getByTestId('about-disagreements');
  await section.waitFor();
  assert.match(await section.getByTestId('table-only').textContent(), /CloudApps\/Create/);
  assert.match(await section.getByTestId('unlisted').textContent(), /CloudPCs\/ApplyCurrentProvisioningPolicy.*Cloud PC Administrator since 2023-05-18/);
  assert.match(await section.getByTestId('unread').textContent(), /AdminHighlights\/Operate.*Cloud PC Reader.*2025-07-28/);
  await open(page, server.url, '#/compose');
  await page.getByTestId('new-cloudpc').click();
  const row = page.locator('label.cpicker__perm', { has: page.locator('input[data-perm="CloudApps/Create"]') });
  assert.match(await row.getByTestId('picker-table-only').textContent(), /in no built-in role.*until 2025-12-19/);
  await context.close();
});
