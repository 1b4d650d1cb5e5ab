// The tenant review in the browser (issue 9 §2, "50,000 assignments without
// freezing the page"): the generated tenant of scripts/bench-tenant.sh is chosen in
// #/tenant's file picker and reviewed. Printed: time until the files are listed,
// until the summary is on screen, until the report's, the JSON's and the CSV's downloads, the longest main-thread task
// (PerformanceObserver 'longtask') and how many tasks took over 200 ms, how often
// the progress bar was seen moving, and how long a keystroke in the principals
// filter takes to update the count.
//
//   GENERATE_ONLY=1 scripts/bench-tenant.sh     (writes target/bench-tenant/)
//   node scripts/bench-tenant-site.mjs          (expects dist/ built by trunk build)
//
// Prints a Markdown table; docs/PERFORMANCE.md keeps the latest one.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, ROOT } from '../tests/browser/harness.mjs';

const dir = join(ROOT, 'target/bench-tenant');
if (!existsSync(join(dir, 'az.json'))) {
  console.error('bench-tenant-site: run `GENERATE_ONLY=1 scripts/bench-tenant.sh` first');
  process.exit(2);
}
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'out.json').map((f) => join(dir, f));
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);

const server = await serve(process.env.DIST ? { dir: process.env.DIST } : undefined);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
const page = await context.newPage();
await page.addInitScript(() => {
  window.__tasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
});
await page.goto(server.url + '#/tenant');
await page.getByTestId('tenant-file').waitFor({ state: 'attached' });
await page.evaluate(() => { window.__tasks = []; });

let t0 = Date.now();
await page.getByTestId('tenant-file').setInputFiles(files);
await page.waitForFunction((n) => document.querySelectorAll('[data-testid="tenant-files"] li').length === n, files.length, { timeout: 120_000 });
const readMs = Date.now() - t0;
const readTasks = await page.evaluate(() => window.__tasks.splice(0));

// Sample the progress bar from the page itself while the review runs: if the
// page froze, no sample would be taken.
await page.evaluate(() => {
  window.__samples = [];
  const tick = () => {
    const p = document.querySelector('[data-testid="tenant-busy"] progress');
    if (p) window.__samples.push(`${p.value}/${p.max}`);
    if (!document.querySelector('[data-testid="tenant-summary"]')) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});
t0 = Date.now();
await page.getByTestId('tenant-review').click();
await page.getByTestId('tenant-summary').waitFor({ timeout: 600_000 });
await page.getByTestId('tenant-table').locator('tbody tr').first().waitFor();
const reviewMs = Date.now() - t0;
await page.waitForTimeout(300);
const reviewTasks = await page.evaluate(() => window.__tasks.splice(0));
const samples = await page.evaluate(() => window.__samples);
const counts = await page.getByTestId('tenant-counts').innerText();

// A keystroke in the filter: from the input event to the count's new text.
const keys = [];
for (const q of ['user0', 'user01', 'user012', 'user01', 'user0']) {
  const ms = await page.evaluate(async (value) => {
    const input = document.querySelector('[data-testid="tenant-search"]');
    const count = document.querySelector('[data-testid="tenant-count"]');
    const before = count.textContent;
    const start = performance.now();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    while (count.textContent === before && performance.now() - start < 5000) await new Promise((r) => setTimeout(r, 0));
    return performance.now() - start;
  }, q);
  keys.push(ms);
}
// Typed for real: the filter box keeps the focus while the rows change.
await page.getByTestId('tenant-search').fill('');
await page.getByTestId('tenant-search').pressSequentially('user00', { delay: 20 });
const focused = await page.evaluate(() => document.activeElement?.dataset?.testid ?? null);
// Downloads: the report (computed when asked, a slice at a time) and the
// principals' JSON (each principal's whole review, written a slice at a time).
async function downloaded(testid) {
  await page.getByTestId('tenant-search').fill('');
  await page.waitForTimeout(500);
  await page.evaluate(() => { window.__tasks = []; });
  const start = Date.now();
  const file = page.waitForEvent('download', { timeout: 600_000 });
  await page.getByTestId(testid).click();
  await file;
  const ms = Date.now() - start;
  await page.waitForTimeout(300);
  return [ms, await page.evaluate(() => window.__tasks.splice(0))];
}
const [reportMs, reportTasks] = await downloaded('tenant-report-md');
const [jsonMs, jsonTasks] = await downloaded('tenant-json');
const [csvMs, csvTasks] = await downloaded('tenant-csv');
await browser.close();
await server.close();

const max = (t) => (t.length ? Math.max(...t) : 0).toFixed(0);
const over = (t) => t.filter((x) => x > 200).length;
const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
console.log(`Tenant: ${files.length} files, ${mb(bytes)}; ${counts.trim()}`);
console.log('');
console.log('| step | until done | longest task | tasks over 200 ms |');
console.log('|---|---:|---:|---:|');
console.log(`| read the files (file picker) | ${readMs} ms | ${max(readTasks)} ms | ${over(readTasks)} |`);
console.log(`| review (click to the first rows) | ${reviewMs} ms | ${max(reviewTasks)} ms | ${over(reviewTasks)} |`);
console.log(`| download the report (Markdown; click to the file) | ${reportMs} ms | ${max(reportTasks)} ms | ${over(reportTasks)} |`);
console.log(`| download every principal as JSON (click to the file) | ${jsonMs} ms | ${max(jsonTasks)} ms | ${over(jsonTasks)} |`);
console.log(`| download every principal as CSV (click to the file) | ${csvMs} ms | ${max(csvTasks)} ms | ${over(csvTasks)} |`);
console.log(`| first filter keystroke (input to count; builds the search text once) | ${keys[0].toFixed(0)} ms | | |`);
console.log(`| later filter keystrokes, worst of 4 (each changes the count) | ${max(keys.slice(1))} ms | | |`);
console.log('');
console.log(`Progress samples taken by the page during the review: ${samples.length} (distinct ${new Set(samples).size}); focus after typing: ${focused}.`);
console.log(`\n_Measured ${new Date().toISOString().slice(0, 10)} with ${execFileSync('/usr/bin/chromium', ['--version']).toString().trim()}; release build from \`trunk build --release\`._`);
