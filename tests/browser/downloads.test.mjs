// Tables download as CSV and JSON: the roles list, the actions catalog (and the roles
// granting the chosen operation), and the compare view. Each file holds every row the
// filters keep, not only the rows on screen, with the columns the view shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch, newPage, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Click a download button; the file's suggested name and text. */
async function download(page, testid) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
}

/** The first number in a text, thousands separators removed. */
const number = (s) => Number(/([\d,]+)/.exec(s)[1].replaceAll(',', ''));

/** CSV and JSON of one table: names, header line, CRLF ends, no BOM; the JSON rows. */
async function both(page, prefix, stem, header) {
  const csv = await download(page, `${prefix}-csv`);
  assert.equal(csv.name, `${stem}.csv`);
  assert.ok(!csv.text.startsWith('\ufeff'), 'no byte-order mark');
  assert.ok(csv.text.endsWith('\r\n'));
  assert.equal(csv.text.split('\r\n')[0], header);
  const json = await download(page, `${prefix}-json`);
  assert.equal(json.name, `${stem}.json`);
  const rows = JSON.parse(json.text);
  assert.ok(Array.isArray(rows));
  if (rows.length) assert.deepEqual(Object.keys(rows[0]), header.split(','));
  return { csv: csv.text, rows };
}

test('the roles list: every role the search keeps', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/roles');
  await page.getByTestId('roles-search').fill('Cloud PC');
  await page.waitForFunction(() => location.hash.includes('q=Cloud'));
  const shown = number(await page.getByTestId('roles-count').textContent());
  assert.ok(shown >= 3, `${shown} roles`);
  const { csv, rows } = await both(page, 'roles', 'roles-cloud-pc', 'name,id,type,plane,category,size,size_unit,match,description');
  assert.match(csv, /\r\nCloud PC Reader,d40368cb-fbf4-4965-bbc1-f17b3a78e510,Cloud PC built-in role,Cloud PC,/);
  assert.equal(rows.length, shown);
  const reader = rows.find((r) => r.name === 'Cloud PC Reader');
  assert.equal(reader.plane, 'Cloud PC');
  assert.equal(typeof reader.size, 'number');

  // An action: how each role grants it.
  await page.getByTestId('roles-search').fill('Microsoft.Network/networkInterfaces/join/action');
  await page.waitForFunction(() => document.querySelector('[data-testid="roles-count"]')?.textContent.includes('grant'));
  const granting = number(await page.getByTestId('roles-count').textContent());
  const json = await download(page, 'roles-json');
  assert.equal(json.name, 'roles-microsoft.network-networkinterfaces-join-action.json');
  const grants = JSON.parse(json.text);
  assert.equal(grants.length, granting);
  assert.equal(grants.find((r) => r.name === 'Network Contributor').match, 'grants it through Microsoft.Network/* (wildcard)');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the actions catalog: every operation matched, not only the rows in view', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/actions?q=listkeys');
  await page.getByTestId('op-row').first().waitFor();
  const shown = number(await page.getByTestId('ops-count').textContent());
  const { csv, rows } = await both(page, 'ops', 'actions-listkeys', 'operation,data_action,provider,provider_category,description');
  assert.match(csv, /\r\nMicrosoft\.Storage\/storageAccounts\/listkeys\/action,false,Microsoft\.Storage,storage,Returns the access keys for the specified storage account\.\r\n/);
  assert.equal(rows.length, shown);
  assert.ok(await page.getByTestId('op-row').count() < shown, 'the list is virtualised; the download is not');
  assert.equal(rows.find((r) => r.operation === 'Microsoft.Storage/storageAccounts/listkeys/action').data_action, false);

  // Data actions only: the plane filter is in the file name.
  await page.getByTestId('ops-plane').selectOption('data');
  await page.waitForFunction(() => location.hash.includes('plane=data'));
  const data = number(await page.getByTestId('ops-count').textContent());
  const dj = await download(page, 'ops-json');
  assert.equal(dj.name, 'actions-data-listkeys.json');
  const drows = JSON.parse(dj.text);
  assert.equal(drows.length, data);
  assert.ok(drows.every((r) => r.data_action === true));

  // The roles that grant the chosen operation.
  await open(page, server.url, '#/actions?q=listkeys&op=Microsoft.Storage/storageAccounts/listKeys/action');
  await page.getByTestId('op-detail').waitFor();
  const granting = number(await page.locator('[data-testid="op-detail"] h3').textContent());
  const g = await both(page, 'op-grants', 'action-grants-microsoft.storage-storageaccounts-listkeys-action', 'role,id,plane,builtin,operations,patterns,through_wildcard,conditional');
  assert.equal(g.rows.length, granting);
  assert.match(g.csv, /\r\nOwner,8e3af657-a8ff-443c-a75c-2fe8c4bcb635,Azure,true,\d+,\*,true,false\r\n/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('compare: the table, and what only each role grants and what all grant', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/compare?roles=4d97b98b-1d4f-4787-a291-c67834d212e7,1f135831-5bbe-4924-9016-264044c00788');
  await page.getByTestId('compare-table').waitFor();
  const compared = await page.getByTestId('compare-row').count();
  assert.equal(compared, 2);
  const s = await both(page, 'compare-summary', 'compare-network-contributor-windows-365-network-interface-contributor',
    'role,reference,azure_operations,only_this_role_azure,cloud_pc_permissions,only_this_role_cloud_pc,intune_permissions,only_this_role_intune');
  assert.equal(s.rows.length, compared);
  // The same numbers as the table on screen.
  const first = (await page.getByTestId('compare-row').first().locator('td').allTextContents()).slice(0, 6).map(number);
  const r0 = s.rows[0];
  assert.equal(r0.role, 'Network Contributor');
  assert.deepEqual(first, [r0.azure_operations, r0.only_this_role_azure, r0.cloud_pc_permissions, r0.only_this_role_cloud_pc, r0.intune_permissions, r0.only_this_role_intune]);
  assert.match(s.csv, /\r\nNetwork Contributor,4d97b98b-1d4f-4787-a291-c67834d212e7,\d+,/);

  // Every operation the lists hold: "Only ... grants (n)" and "Granted by all (n)".
  const counts = await page.locator('[data-testid="only-list"] > summary, details.group > summary', { hasText: /^(Only .* grants|Granted by all) \(/ }).allTextContents();
  const listed = counts.reduce((n, t) => n + number(/\(([\d,]+)\)$/.exec(t)[1]), 0);
  assert.ok(listed > 1000, `${listed}`);
  const o = await both(page, 'compare-ops', 'compare-operations-network-contributor-windows-365-network-interface-contributor', 'granted_by,plane,name,description');
  assert.equal(o.rows.length, listed);
  assert.match(o.csv, /\r\nall,Azure action,Microsoft\.Network\/networkInterfaces\/join\/action,/);
  assert.ok(o.rows.some((r) => r.granted_by === 'Network Contributor'));
  assert.deepEqual(page.errors, []);
  await context.close();
});
