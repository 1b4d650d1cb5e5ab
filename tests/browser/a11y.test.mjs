// Accessibility: axe-core finds no serious or critical violation on any view, in the
// light and the dark theme; keyboard focus is visible; phone width has no sideways scroll.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { serve, launch, newPage, open, EVERY_VIEW } from './harness.mjs';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function axe(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const scheme of ['light', 'dark']) {
  test(`no serious or critical axe violations, ${scheme} theme`, async () => {
    // axe is injected as an inline script, which the page's CSP rightly forbids.
    const { page, context } = await newPage(browser, { colorScheme: scheme, serviceWorkers: 'block', bypassCSP: true });
    // Content that exercises more of the UI: a saved role and assignments.
    await context.addInitScript(() => {
      localStorage.setItem('w365-explorer/state', JSON.stringify({
        version: 1,
        roles: [
          { id: 'custom-a11y', definition: JSON.stringify({ displayName: 'A11y role', rolePermissions: [{ allowedResourceActions: ['Microsoft.CloudPC/CloudPCs/Reboot'] }] }) },
          // An Azure role of two permission blocks: the block choice shows.
          { id: 'custom-blocks', definition: JSON.stringify({ roleName: 'Blocks role', description: 'd', assignableScopes: ['/subscriptions/s1'], permissions: [{ actions: ['Microsoft.Compute/virtualMachines/read'] }, { actions: ['Microsoft.Storage/storageAccounts/read'] }] }) },
        ],
        assignments: [{ role: 'Windows 365 Administrator' }, { role: 'Reader', scope: '/subscriptions/s1' }],
      }));
    });
    const problems = [];
    for (const v of [...EVERY_VIEW, '#/compose?role=custom-a11y', '#/compose?role=custom-blocks', '#/operations?op=create-azure-network-connection-existing-network']) {
      await open(page, server.url, v);
      await page.locator('main h1').first().waitFor();
      await page.waitForTimeout(250);
      for (const p of await axe(page)) problems.push(`${v}: ${p}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('headings keep their order where cards and folded sections nest them', async () => {
  const { page, context } = await newPage(browser, { serviceWorkers: 'block', bypassCSP: true });
  const problems = [];
  for (const v of ['#/operations?op=create-azure-network-connection-existing-network', '#/health?code=permissionCheckNoSubscriptionReaderRole&recipe=1']) {
    await open(page, server.url, v);
    await page.locator('main h1').first().waitFor();
    await page.waitForTimeout(250);
    await page.addScriptTag({ content: AXE });
    const r = await page.evaluate(async () => window.axe.run(document, { runOnly: ['heading-order'], resultTypes: ['violations'] }));
    for (const x of r.violations) problems.push(`${v}: ${x.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard: the views are reachable with Tab and focus is visible', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/roles');
  const seen = [];
  let nav = null;
  for (let i = 0; i < 15 && !nav; i++) {
    await page.keyboard.press('Tab');
    const s = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { text: (el.textContent || '').trim().slice(0, 40), outline: style.outlineStyle };
    });
    seen.push(s);
    if (s.text === 'Compose') nav = s;
  }
  assert.ok(nav, JSON.stringify(seen));
  assert.notEqual(nav.outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  // Enter on the focused "Compose" link opens the view.
  await page.getByTestId('compose-empty').waitFor();
  await context.close();
});

test('keyboard: a followed link leaves the focus in the new view, not on the footer (outside review)', async () => {
  const { page, context } = await newPage(browser);
  const focusInMain = () => page.evaluate(() => {
    const main = document.getElementById('main');
    return document.activeElement === main || main.contains(document.activeElement);
  });
  // A link of the start page, gone with it once followed.
  await open(page, server.url, '#/');
  const link = page.locator('main a[href*="#/roles/b5c08161-a7af-481c-ace2-a20a69a48fb1"]').first();
  await link.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Cloud PC Administrator' }).waitFor();
  await page.waitForFunction(() => document.activeElement === document.getElementById('main'));
  // A menu link, which stays.
  await page.locator('nav a[href="#/compare"]').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('compare-empty').waitFor();
  await page.waitForFunction(() => document.activeElement === document.getElementById('main'));
  assert.ok(await focusInMain());
  // The next Tab goes into the view, not to the footer.
  await page.keyboard.press('Tab');
  assert.ok(await focusInMain(), await page.evaluate(() => document.activeElement.outerHTML.slice(0, 120)));
  // The focus moves without scrolling: a link followed from a scrolled page
  // opens the new view at its top, header shown (a re-check review: a tall
  // view opened scrolled to its bottom, and every view lost its header).
  await open(page, server.url, '#/');
  await page.evaluate(() => scrollTo(0, 400));
  await page.locator('main a[href*="#/roles/b5c08161-a7af-481c-ace2-a20a69a48fb1"]').first().click();
  await page.getByRole('heading', { level: 1, name: 'Cloud PC Administrator' }).waitFor();
  await page.waitForFunction(() => document.activeElement === document.getElementById('main'));
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => scrollY), 0);
  // A link to one operation brings its card into view and the focus with it,
  // so the next Tab goes on from there, not from the top (a re-check review).
  await page.locator('main a[href*="op=restore-cloud-pc"]').first().click();
  await page.waitForFunction(() => document.getElementById('op-restore-cloud-pc')?.contains(document.activeElement));
  // Back returns to where the view was left, also after a link that changed
  // only the parameters of the next view (the browser's own restoring is clipped
  // by the view still shown: Back to a scrolled page opened at its top).
  await open(page, server.url, '#/');
  // Scrolled and the link followed in one task, before the page's scroll event
  // is sent: the position is the one left at all the same (a pointer click
  // would scroll the menu into view first).
  const down = await page.evaluate(() => {
    scrollTo(0, 250);
    const y = scrollY;
    document.querySelector('nav a[href="#/training"]').click();
    return y;
  });
  assert.ok(down > 100, `the start page scrolls (${down})`);
  const exLink = page.getByTestId('exercise-helpdesk-reboot-rename-restore').getByRole('link');
  await exLink.click();
  await page.getByTestId('exercise').waitFor();
  await page.goBack();
  await page.waitForURL(/#\/training$/);
  const left = await page.evaluate(() => scrollY);
  await page.goBack();
  await page.waitForURL(/#\/$/);
  await page.waitForFunction((y) => Math.abs(scrollY - y) < 2, down);
  // and Forward to where the next view was left.
  await page.goForward();
  await page.getByTestId('exercise-helpdesk-reboot-rename-restore').waitFor();
  await page.waitForFunction((y) => Math.abs(scrollY - y) < 2, left);
  // A link followed to a view opens it at the top all the same.
  await page.evaluate(() => scrollTo(0, 200));
  await page.getByTestId('nav-start').click();
  await page.locator('main h1').first().waitFor();
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => scrollY), 0);
  await context.close();
});

test('360 px wide: no sideways scrolling on any view', async () => {
  const { page, context } = await newPage(browser, { viewport: { width: 360, height: 740 } });
  const wide = [];
  for (const v of EVERY_VIEW) {
    await open(page, server.url, v);
    await page.locator('main h1').first().waitFor();
    await page.waitForTimeout(150);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > 360) wide.push(`${v}: ${w}px`);
  }
  assert.deepEqual(wide, []);
  await context.close();
});

test('360 px wide: an assignment row fits without scrolling its table sideways (outside review)', async () => {
  const { page, context } = await newPage(browser, { viewport: { width: 360, height: 740 } });
  await open(page, server.url, '#/assignments');
  // With the keyboard: the new row's role box takes the focus (an outside review:
  // it stayed on the button), so typing goes there.
  await page.getByTestId('add-assignment').focus();
  await page.keyboard.press('Enter');
  const role = page.getByTestId('assignment-row').last().locator('input').first();
  await page.waitForFunction(() => document.activeElement === [...document.querySelectorAll('[data-testid="assignment-row"]')].pop()?.querySelector('input'));
  await page.keyboard.type('Windows 365');
  assert.equal(await role.inputValue(), 'Windows 365');
  await role.fill('Windows 365 Network Interface Contributor');
  await role.press('Tab');
  const wrap = page.locator('.table-wrap').filter({ has: page.getByTestId('assignments') });
  const [scroll, client] = await wrap.evaluate((e) => [e.scrollWidth, e.clientWidth]);
  assert.ok(scroll <= client + 1, `${scroll} > ${client}`);
  // The role box is as wide as the row, so the name shows in full.
  const box = await role.boundingBox();
  assert.ok(box.width > 250, `${box.width}`);
  await context.close();
});
