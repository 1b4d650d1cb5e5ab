// Refresh docs/screenshots/: every view at desktop (1280 px) and phone (360 px)
// width, from the built dist/ (trunk build --release --public-url ./ first).
//   node scripts/screenshots.mjs            (every view)
//   node scripts/screenshots.mjs training   (only the named ones)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, ROOT } from '../tests/browser/harness.mjs';

const OUT = join(ROOT, 'docs/screenshots');
mkdirSync(OUT, { recursive: true });

const ASSIGNMENTS = JSON.stringify([
  { role: 'Windows 365 Administrator' },
  { role: 'Reader', scope: '/subscriptions/00000000-0000-0000-0000-000000000000' },
]);
const VIEWS = [
  ['start', '#/'],
  ['roles', '#/roles?q=Microsoft.Network/networkInterfaces/join/action'],
  ['role', '#/roles/4d97b98b-1d4f-4787-a291-c67834d212e7'],
  ['role-owner', '#/roles/8e3af657-a8ff-443c-a75c-2fe8c4bcb635'],
  ['actions', '#/actions?q=networkInterfaces%20join&op=Microsoft.Network/networkInterfaces/join/action'],
  ['operations', '#/operations?op=create-azure-network-connection-existing-network'],
  ['compose', '#/compose'],
  ['assignments', '#/assignments?ask=Microsoft.Authorization/roleAssignments/write&at=/subscriptions/00000000-0000-0000-0000-000000000000'],
  ['compare', '#/compare?roles=4d97b98b-1d4f-4787-a291-c67834d212e7,1f135831-5bbe-4924-9016-264044c00788,7eabc9a4-85f7-4f71-b8ab-75daaccc1033'],
  ['about', '#/about'],
  ['minimal', '#/minimal'],
  ['decode', '#/decode'],
  ['scopetags', '#/scopetags?see=Paris%20helpdesk'],
  ['health', '#/health?code=permissionCheckNoSubscriptionReaderRole&recipe=1'],
  ['tenant', '#/tenant', 'sample'],
  ['training', '#/training?ex=provisioning-policy-creator', 'check'],
  ['training-presenter', '#/training?ex=two-person-anc&present=1', 'hint'],
];
const ONLY = process.argv.slice(2);

const server = await serve();
const browser = await launch();
for (const [width, label] of [[1280, 'desktop'], [360, 'phone']]) {
  const context = await browser.newContext({ viewport: { width, height: width > 400 ? 900 : 780 }, colorScheme: 'light', serviceWorkers: 'block' });
  await context.addInitScript((a) => {
    if (!localStorage.getItem('w365-explorer/state')) {
      localStorage.setItem('w365-explorer/state', JSON.stringify({ version: 1, roles: [], assignments: JSON.parse(a) }));
    }
  }, ASSIGNMENTS);
  const page = await context.newPage();
  for (const [name, hash, act] of VIEWS) {
    if (ONLY.length && !ONLY.some((o) => name.startsWith(o))) continue;
    await page.goto(server.url + hash);
    await page.waitForSelector('main#main h1');
    if (act === 'sample') {
      // The sample tenant reviewed, the first principal opened.
      await page.getByTestId('tenant-sample').click();
      await page.getByTestId('tenant-summary').waitFor();
      await page.getByTestId('tenant-summary').evaluate((s) => s.scrollIntoView());
    } else if (act) {
      // An exercise opened in its training workspace, then checked (or a hint shown).
      await page.getByTestId('training-start').click();
      await page.getByTestId('training-banner').waitFor();
      await page.getByTestId(act === 'check' ? 'training-check' : 'training-hint').click();
      await page.getByTestId(act === 'check' ? 'check-results' : 'training-hints').waitFor();
      await page.locator('#exercise-title').evaluate((h) => h.scrollIntoView());
    }
    await page.waitForTimeout(600);
    const file = join(OUT, `${name}-${label}.png`);
    await page.screenshot({ path: file, fullPage: false });
    console.log(file);
  }
  await context.close();
}
await browser.close();
await server.close();
