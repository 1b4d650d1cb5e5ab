// Training mode: an exercise opens from a link in a fresh profile into a training
// workspace of its own (the student's saved work untouched), Check explains each
// check, hints come one at a time, the solution on request, progress is kept; the
// scope-tag editor; a trainer's own exercise with clear errors, shared by link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, newPage, open, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const OWN_ROLE = { displayName: 'My own role', rolePermissions: [{ allowedResourceActions: ['Microsoft.CloudPC/CloudPCs/Read'] }] };

async function savedRoleNames(page) {
  return page.evaluate(() => (JSON.parse(localStorage.getItem('w365-explorer/state') || '{"roles":[]}').roles || []).map((r) => JSON.parse(r.definition).displayName || JSON.parse(r.definition).roleName));
}

test('an exercise from a link: training workspace, check, hints, solution, progress kept', async () => {
  const { page, context } = await newPage(browser);
  // The student's own saved work, which training must not touch.
  await open(page, server.url, '#/compose');
  await page.getByTestId('import-paste').fill(JSON.stringify(OWN_ROLE));
  await page.getByTestId('import-paste-button').click();
  await page.getByTestId('saved-role').waitFor();
  const savedBefore = await page.evaluate(() => localStorage.getItem('w365-explorer/state'));
  assert.deepEqual(await savedRoleNames(page), ['My own role']);

  await open(page, server.url, '#/training?ex=provisioning-policy-creator');
  await page.getByTestId('exercise').waitFor();
  assert.match(await page.getByTestId('exercise-brief').textContent(), /provisioning policies/);
  assert.equal(await page.getByTestId('training-check').isDisabled(), true, 'nothing to check before the exercise is open');
  await page.getByTestId('training-start').click();
  await page.getByTestId('training-banner').waitFor();
  await page.getByTestId('training-open').waitFor();

  // The normal views show the training workspace: the exercise's role, not mine.
  await page.getByTestId('nav-compose').click();
  await page.getByTestId('saved-role').first().waitFor();
  assert.deepEqual(await page.getByTestId('saved-role').locator('a').allTextContents(), ['Policy author']);
  assert.equal(await page.evaluate(() => localStorage.getItem('w365-explorer/state')), savedBefore, 'saved work untouched');
  await page.getByTestId('training-back').click();
  await page.getByTestId('exercise').waitFor();

  // Check: each check passed or failed, with the engine's explanation and a score.
  await page.getByTestId('training-check').click();
  await page.getByTestId('check-results').waitFor();
  assert.equal(await page.getByTestId('training-score').textContent(), '6 of 7 checks pass.');
  const failed = page.locator('[data-testid="check-result"][data-passed="false"]');
  assert.equal(await failed.count(), 1);
  assert.match(await failed.textContent(), /Create a provisioning policy.*is denied: missing/);
  // Review s43: the check's JSON kind (`enables`) and a second number showed.
  const all = (await page.getByTestId('check-result').allTextContents()).join('\n');
  assert.doesNotMatch(all, /\b(notEnables|maxPermissions|maxGranted|lintClean|withinSolution|onlyBuiltIn|noRisk)\b|^\s*\w+\s+\d+\. /m);
  assert.equal(await page.getByTestId('training-explanation').count(), 0, 'the explanation waits until passed or revealed');
  assert.equal(await page.getByTestId('training-solution').count(), 0);

  // Hints one at a time.
  await page.getByTestId('training-hint').click();
  assert.equal(await page.getByTestId('training-hints').locator('li').count(), 1);
  await page.getByTestId('training-hint').click();
  assert.equal(await page.getByTestId('training-hints').locator('li').count(), 2);
  assert.match(await page.getByTestId('training-hint').textContent(), /3 of 3/);
  // The last hint disables its button: the focus goes to the hint, not the page's body.
  await page.getByTestId('training-hint').click();
  await page.waitForFunction(() => document.activeElement?.matches('[data-testid=training-hints] li:last-child'));

  // The solution on request (the focus goes to it); loaded, it passes.
  await page.getByTestId('training-reveal').click();
  await page.waitForFunction(() => document.activeElement?.id === 'solution-title');
  assert.match(await page.getByTestId('training-solution').textContent(), /Microsoft\.CloudPC\/DeviceImages\/Read/);
  await page.getByTestId('training-explanation').waitFor();
  await page.getByTestId('training-load-solution').click();
  await page.getByTestId('training-check').click();
  await page.getByTestId('training-score').getByText('Passed: 7 of 7 checks.').waitFor();
  assert.equal(await page.locator('[data-testid="check-result"][data-passed="false"]').count(), 0);

  // Progress is kept in the browser, across a reload.
  await page.reload();
  await page.getByTestId('exercise').waitFor();
  await page.getByTestId('training-banner').waitFor();
  assert.match(await page.getByTestId('training-progress').textContent(), /^1 of \d+ passed$/);
  assert.equal(await page.getByTestId('exercise-provisioning-policy-creator').getByTestId('exercise-progress').textContent(), 'passed');
  const progress = await page.evaluate(() => JSON.parse(localStorage.getItem('w365-explorer/training-progress')));
  const { exercise, ...done } = progress.exercises['w365-builtin/provisioning-policy-creator'];
  assert.deepEqual(done, { best: 7, of: 7, passed: true, revealed: true });
  assert.match(exercise, /^[0-9a-f]{16}$/, 'the exercise as written, which the progress belongs to');

  // Leaving training brings the saved work back, as it was; Undo opens the
  // exercise again with the answer as it was left, then leaving again is final.
  await page.getByTestId('training-leave').click();
  await page.getByTestId('training-banner').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => localStorage.getItem('w365-explorer/state')), savedBefore);
  await page.getByTestId('notice').getByText(/Left the exercise/).waitFor();
  await page.getByTestId('undo').click();
  await page.getByTestId('training-banner').waitFor();
  await open(page, server.url, '#/training?ex=provisioning-policy-creator');
  await page.getByTestId('training-check').click();
  await page.getByTestId('training-score').getByText('Passed: 7 of 7 checks.').waitFor();
  await page.getByTestId('training-leave').click();
  await page.getByTestId('training-banner').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => localStorage.getItem('w365-explorer/state')), savedBefore);
  await open(page, server.url, '#/compose');
  assert.deepEqual(await page.getByTestId('saved-role').locator('a').allTextContents(), ['My own role']);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('scope tags: the student tags the assignment and the sees checks pass', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/training?ex=scope-tags-paris');
  await page.getByTestId('training-start').click();
  await page.getByTestId('tag-editor').waitFor();
  await page.getByTestId('training-check').click();
  await page.getByTestId('check-results').waitFor();
  const failed = page.locator('[data-testid="check-result"][data-passed="false"]');
  assert.ok(await failed.count() > 0);
  assert.match(await failed.first().textContent(), /is visible.*\(R\d+\)/);
  await page.getByTestId('tag-input-0').fill('Paris');
  await page.getByTestId('tag-input-0').press('Tab');
  await page.getByTestId('training-check').click();
  await page.getByTestId('training-score').getByText(/^Passed:/).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('scope tags: a role changed under Assignments is the role the tag editor shows and the grade reads', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/training?ex=scope-tags-paris');
  await page.getByTestId('training-start').click();
  await page.getByTestId('tag-editor').waitFor();
  assert.equal(await page.getByTestId('tag-input-0').getAttribute('aria-label'), 'Scope tags of Cloud PC Reader');
  // Tags given to Cloud PC Reader, then the role replaced under Assignments.
  await page.getByTestId('tag-input-0').fill('Paris');
  await page.getByTestId('tag-input-0').press('Tab');
  await page.goto(server.url + '#/assignments');
  const role = page.getByTestId('assignment-row').first().locator('input').first();
  await role.fill('Cloud PC Administrator');
  await role.press('Tab');
  await page.goto(server.url + '#/training?ex=scope-tags-paris');
  await page.getByTestId('tag-editor').waitFor();
  assert.equal(await page.getByTestId('tag-input-0').getAttribute('aria-label'), 'Scope tags of Cloud PC Administrator');
  assert.equal(await page.getByTestId('tag-input-1').count(), 0);
  assert.equal(await page.getByTestId('tag-input-0').inputValue(), '');
  await page.getByTestId('tag-input-0').fill('Paris');
  await page.getByTestId('tag-input-0').press('Tab');
  await page.getByTestId('training-check').click();
  await page.getByTestId('check-results').waitFor();
  const texts = (await page.getByTestId('check-result').allTextContents()).join('\n');
  assert.doesNotMatch(texts, /scope-tag scenario is not the answer's/);
  // Back to Cloud PC Reader: its Paris tags are still there.
  await page.goto(server.url + '#/assignments');
  await role.fill('Cloud PC Reader');
  await role.press('Tab');
  await page.goto(server.url + '#/training?ex=scope-tags-paris');
  await page.getByTestId('tag-editor').waitFor();
  assert.equal(await page.getByTestId('tag-input-0').inputValue(), 'Paris');
  await page.getByTestId('training-check').click();
  await page.getByTestId('training-score').getByText(/^Passed:/).waitFor();
  // No role left: the editor says where to assign one.
  await page.goto(server.url + '#/assignments');
  await role.fill('Reader');
  await role.press('Tab');
  await page.goto(server.url + '#/training?ex=scope-tags-paris');
  await page.getByTestId('tag-editor-none').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

function docExample() {
  const doc = readFileSync(join(ROOT, 'docs/EXERCISES.md'), 'utf8');
  const block = doc.split('<!-- example:exercise -->')[1].split('```json\n')[1].split('\n```')[0];
  return JSON.parse(block);
}

test('a trainer opens an own exercise: clear errors, validation, then shared by link', async () => {
  const { page, context } = await newPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await open(page, server.url, '#/training');
  await page.getByTestId('exercise-loader').locator('summary').click();
  const load = async (text) => {
    await page.getByTestId('exercise-json').fill(text);
    await page.getByTestId('exercise-load').click();
  };
  // Bad JSON: line and column.
  await load('{\n  "schema": "w365-exercise/1",\n  "id": ,\n}');
  assert.match(await page.getByTestId('exercise-problems').textContent(), /line 3, column 9/);
  // Unknown check kind and operation: did you mean.
  const ex = docExample();
  const bad = structuredClone(ex);
  bad.checks[0].kind = 'enable';
  bad.checks[1].operation = 'permission:CloudPCs/Reprovison';
  await load(JSON.stringify(bad));
  const problems = await page.getByTestId('exercise-problems').textContent();
  assert.match(problems, /did you mean enables\?/);
  assert.match(problems, /did you mean permission:CloudPCs\/Reprovision\?/);
  // A solution that fails its checks is refused, saying which.
  const swapped = { ...ex, start: ex.solution, solution: ex.start };
  await load(JSON.stringify(swapped));
  assert.match(await page.getByTestId('exercise-problems').textContent(), /the solution fails check 1 \(enables\)/);
  // A usable exercise opens as a pack of one.
  await load(JSON.stringify(ex));
  await page.getByTestId('exercise-problems').waitFor({ state: 'detached' });
  // A built-in exercise's address set while this pack is open and no exercise
  // is shown says where it is (a re-check review: nothing showed until the view
  // was opened again).
  await page.evaluate(() => { location.hash = '#/training?ex=helpdesk-reboot-rename-restore'; });
  assert.match(await page.getByTestId('exercise-missing').textContent(), /the built-in pack has it/);
  await page.getByTestId(`exercise-${ex.id}`).getByRole('link').click();
  await page.getByTestId('exercise').getByText(ex.title).waitFor();
  await page.getByTestId('exercise-link').click();
  await page.getByTestId('notice').getByText(/Link copied/).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#\/training\?x=[A-Za-z0-9_-]+&ex=paris-helpdesk-reboots$/);
  assert.ok(link.length < 4000, `a compressed exercise link stays short (${link.length})`);
  await context.close();

  // The link opens in a fresh profile, and the exercise can be done there.
  const fresh = await newPage(browser);
  await fresh.page.goto(link);
  await fresh.page.getByTestId('exercise').getByText(ex.title).waitFor();
  assert.doesNotMatch(fresh.page.url(), /[?&]x=/, 'the exercise leaves the URL once opened');
  await fresh.page.getByTestId('training-start').click();
  await fresh.page.getByTestId('training-check').click();
  assert.equal(await fresh.page.getByTestId('training-score').textContent(), '11 of 13 checks pass.');
  // A built-in exercise's link in this tab, where the trainer's pack is open,
  // says the built-in pack has it and opens it there (outside review).
  await fresh.page.goto(server.url + '#/training?ex=helpdesk-reboot-rename-restore');
  assert.match(await fresh.page.getByTestId('exercise-missing').textContent(), /no exercise `helpdesk-reboot-rename-restore` in your own pack; the built-in pack has it/);
  await fresh.page.getByTestId('exercise-missing-builtin').click();
  await fresh.page.getByTestId('exercise').waitFor();
  assert.equal(await fresh.page.getByTestId('exercise-missing').count(), 0);
  // A damaged link says why.
  await fresh.page.goto(server.url + '#/training?x=not*base64');
  await fresh.page.getByTestId('notice').getByText(/exercise link could not be opened/).waitFor();
  assert.deepEqual(fresh.page.errors, []);
  await fresh.context.close();
});

test('presenter mode, print sheet and answer key, pack download', async () => {
  const { page, context } = await newPage(browser, { acceptDownloads: true });
  await open(page, server.url, '#/training?ex=helpdesk-reboot-rename-restore');
  await page.getByTestId('exercise').waitFor();
  // Presenting opens at the top, however far down the button was (an outside
  // review: the title and the presenter bar were above the screen).
  await page.getByTestId('presenter-start').scrollIntoViewIfNeeded();
  assert.ok(await page.evaluate(() => scrollY) > 0);
  await page.getByTestId('presenter-start').click();
  await page.getByTestId('presenter-bar').waitFor();
  await page.waitForFunction(() => scrollY === 0);
  assert.match(page.url(), /present=1/);
  assert.equal(await page.locator('.training__list').isVisible(), false, 'one exercise at a time');
  const size = await page.locator('#exercise-title').evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
  assert.ok(size >= 30, `large type (${size}px)`);
  await page.getByTestId('training-hint').click();
  assert.equal(await page.getByTestId('training-hints').locator('li').count(), 1);
  await page.getByTestId('presenter-next').click();
  await page.waitForURL(/ex=provisioning-policy-creator/);
  assert.match(page.url(), /present=1/);
  assert.equal(await page.getByTestId('training-hints').count(), 0, 'hints start hidden on the next exercise');
  await page.getByTestId('presenter-exit').click();
  await page.locator('.training__list').waitFor();
  // Escape leaves presenter mode too (outside review: only the button did).
  await page.getByTestId('presenter-start').click();
  await page.getByTestId('presenter-bar').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.training__list').waitFor();
  assert.doesNotMatch(page.url(), /present=1/);

  // Print: the exercise sheet with the data date; the answer key only when asked.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByTestId('answer-key').isVisible(), false);
  assert.match(await page.locator('.print-only').textContent(), /data as of \d{4}-\d{2}-\d{2}/);
  assert.equal(await page.locator('.print-only').isVisible(), true);
  assert.equal(await page.getByTestId('exercise-brief').isVisible(), true);
  await page.evaluate(() => document.documentElement.classList.add('print-key'));
  assert.equal(await page.getByTestId('answer-key').isVisible(), true);
  assert.match(await page.getByTestId('answer-key').textContent(), /Microsoft\.CloudPC\/DeviceImages\/Read/);
  await page.evaluate(() => document.documentElement.classList.remove('print-key'));
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.getByTestId('answer-key').isVisible(), false, 'the answer key is not on screen');

  // The pack downloads as JSON a trainer can edit and load again.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pack-download').click()]);
  assert.equal(download.suggestedFilename(), 'w365-builtin.json');
  const pack = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(pack.schema, 'w365-exercise-pack/1');
  assert.ok(pack.exercises.length >= 15);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('training in one tab leaves the other tab and the saved work alone', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/compose');
  await page.getByTestId('import-paste').fill(JSON.stringify(OWN_ROLE));
  await page.getByTestId('import-paste-button').click();
  await page.getByTestId('saved-role').waitFor();
  const other = await context.newPage();
  await other.goto(server.url + '#/training?ex=provisioning-policy-creator');
  await other.getByTestId('training-start').click();
  await other.getByTestId('training-banner').waitFor();
  // The first tab still shows the saved work, with no training banner.
  await page.reload();
  await page.getByTestId('saved-role').first().waitFor();
  assert.deepEqual(await page.getByTestId('saved-role').locator('a').allTextContents(), ['My own role']);
  assert.equal(await page.getByTestId('training-banner').count(), 0);
  // A role saved in the first tab while the other trains is there when training ends.
  await page.getByTestId('import-paste').fill(JSON.stringify({ ...OWN_ROLE, displayName: 'Saved meanwhile' }));
  await page.getByTestId('import-paste-button').click();
  await page.getByTestId('saved-role').nth(1).waitFor();
  await other.getByTestId('training-leave').click();
  await other.getByTestId('training-banner').waitFor({ state: 'detached' });
  await other.goto(server.url + '#/compose');
  await other.getByTestId('saved-role').nth(1).waitFor();
  assert.deepEqual(await other.getByTestId('saved-role').locator('a').allTextContents(), ['My own role', 'Saved meanwhile']);
  await context.close();
});

test('make an exercise from the current work: the editor validates it before it opens', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/compose');
  await page.getByTestId('import-paste').fill(JSON.stringify(OWN_ROLE));
  await page.getByTestId('import-paste-button').click();
  await page.getByTestId('saved-role').waitFor();
  await open(page, server.url, '#/assignments');
  await page.getByTestId('add-assignment').click();
  const input = page.getByTestId('assignment-row').last().locator('input').first();
  await input.fill('My own role');
  await input.press('Tab');
  await open(page, server.url, '#/training');
  await page.getByTestId('exercise-loader').locator('summary').click();
  await page.getByTestId('exercise-from-work').click();
  await page.getByTestId('exercise-note').waitFor();
  const draft = JSON.parse(await page.getByTestId('exercise-json').inputValue());
  assert.equal(draft.schema, 'w365-exercise/1');
  assert.equal(draft.start.roles[0].displayName, 'My own role');
  assert.deepEqual(draft.start.assignments.map((a) => a.role), ['My own role']);
  // As drafted, start and solution are the same: the start already passes.
  await page.getByTestId('exercise-load').click();
  assert.match(await page.getByTestId('exercise-problems').textContent(), /the start already passes every check/);
  // The trainer empties the start and, with the picker, asks for reading Cloud PCs
  // and at most one permission: now it opens.
  draft.start = { roles: [], assignments: [] };
  draft.checks = [];
  await page.getByTestId('exercise-json').fill(JSON.stringify(draft));
  await page.getByTestId('check-kind').selectOption('enables');
  await page.getByTestId('check-operation').selectOption('permission:CloudPCs/Read');
  await page.getByTestId('check-add').click();
  await page.getByTestId('check-kind').selectOption('maxPermissions');
  await page.getByTestId('check-value').fill('one');
  await page.getByTestId('check-add').click();
  assert.match(await page.getByTestId('check-message').textContent(), /largest number/);
  await page.getByTestId('check-value').fill('1');
  await page.getByTestId('check-add').click();
  const picked = JSON.parse(await page.getByTestId('exercise-json').inputValue()).checks;
  assert.deepEqual(picked, [{ kind: 'enables', operation: 'permission:CloudPCs/Read' }, { kind: 'maxPermissions', count: 1 }]);
  await page.getByTestId('exercise-load').click();
  await page.getByTestId('exercise-my-exercise').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a student\'s answer is a link: the trainer opens it in a fresh profile and sees it graded', async () => {
  const student = await newPage(browser);
  await student.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await open(student.page, server.url, '#/training?ex=provisioning-policy-creator');
  await student.page.getByTestId('training-start').click();
  await student.page.getByTestId('training-open').waitFor();
  await student.page.getByTestId('answer-link').click();
  await student.page.getByTestId('notice').getByText(/Link to your answer copied/).waitFor();
  const link = await student.page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#\/training\?ex=provisioning-policy-creator&ans=/);
  await student.context.close();

  const trainer = await newPage(browser);
  await trainer.page.goto(link);
  const shared = trainer.page.getByTestId('shared-answer');
  await shared.waitFor();
  await shared.getByTestId('training-score').getByText('6 of 7 checks pass.').waitFor();
  assert.equal(await trainer.page.evaluate(() => localStorage.getItem('w365-explorer/state')), null, 'the trainer\'s own work is not written');
  // A damaged answer link says so, opened in the same tab (an outside review: the
  // first link's grade stayed until a reload)...
  await trainer.page.goto(link.replace(/ans=[^&]*/, 'ans=AAAA'));
  await trainer.page.getByTestId('shared-answer-error').waitFor();
  assert.equal(await shared.getByTestId('training-score').count(), 0, 'the first answer\'s grade is gone');
  // ...the exercise without an answer shows none, and Back grades the first again.
  await trainer.page.goto(link.replace(/&ans=[^&]*/, ''));
  await trainer.page.getByTestId('exercise').waitFor();
  await trainer.page.waitForFunction(() => !document.querySelector('[data-testid=shared-answer]'));
  await trainer.page.goBack();
  await trainer.page.getByTestId('shared-answer-error').waitFor();
  await trainer.page.goBack();
  await shared.getByTestId('training-score').getByText('6 of 7 checks pass.').waitFor();
  assert.deepEqual(trainer.page.errors, []);
  await trainer.context.close();
});

test('at 360 px a started scope-tag exercise fits the screen (its tag editor scrolls inside its box)', async () => {
  const { page, context } = await newPage(browser, { viewport: { width: 360, height: 740 } });
  await open(page, server.url, '#/training?ex=scope-tags-paris');
  await page.getByTestId('training-start').click();
  await page.getByTestId('tag-editor').waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide`);
  await context.close();
});

test('saved progress with an entry that cannot be read keeps the rest, says so, and keeps the text', async () => {
  // Review H2 H5: one entry of the wrong shape showed "0 of 17 passed" without a
  // word, and the next Check wrote over everything.
  const { page, context } = await newPage(browser);
  const K = (id) => `w365-builtin/${id}`;
  const good = { [K('auditor-reads-only')]: { best: 5, of: 5, passed: true }, [K('wildcard-grants-more')]: { best: 8, of: 8, passed: true } };
  const raw = JSON.stringify({ version: 1, exercises: { ...good, [K('data-actions-apart')]: { best: '7', of: 9, passed: false } } });
  await page.addInitScript((s) => {
    if (!sessionStorage.getItem('seeded')) { localStorage.setItem('w365-explorer/training-progress', s); sessionStorage.setItem('seeded', '1'); }
  }, raw);
  await open(page, server.url, '#/training');
  await page.getByTestId('training-progress').waitFor();
  assert.match(await page.getByTestId('training-progress').textContent(), /^2 of \d+ passed$/);
  const problem = await page.getByTestId('progress-problem').textContent();
  assert.match(problem, /data-actions-apart/);
  assert.match(problem, /kept in this browser's storage/);
  assert.equal(await page.evaluate(() => localStorage.getItem('w365-explorer/training-progress.unreadable')), raw);
  // A Check keeps the two readable entries beside the new one.
  await open(page, server.url, '#/training?ex=helpdesk-reboot-rename-restore');
  await page.getByTestId('training-start').click();
  await page.getByTestId('training-banner').waitFor();
  await page.getByTestId('training-check').click();
  await page.getByTestId('check-results').waitFor();
  const after = await page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('w365-explorer/training-progress')).exercises));
  assert.deepEqual(after.sort(), [K('auditor-reads-only'), K('helpdesk-reboot-rename-restore'), K('wildcard-grants-more')]);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('opening another exercise says the answer in progress was not kept, and Undo opens it again as left (outside review)', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/training?ex=provisioning-policy-creator');
  await page.getByTestId('training-start').click();
  await page.getByTestId('training-banner').waitFor();
  // Opening another exercise with the start untouched: nothing to say.
  await page.goto(server.url + '#/training?ex=auditor-reads-only');
  const auditor = (await page.locator('#exercise-title').textContent()).trim();
  await page.getByTestId('training-start').click();
  await page.getByTestId('training-banner').filter({ hasText: auditor }).waitFor();
  assert.equal(await page.getByTestId('notice').filter({ hasText: 'was not kept' }).count(), 0);
  // Nor over the loaded solution.
  await page.getByTestId('training-reveal').click();
  await page.getByTestId('training-load-solution').click();
  await page.getByTestId('notice').filter({ hasText: 'The solution is now your training workspace' }).waitFor();
  await page.goto(server.url + '#/training?ex=provisioning-policy-creator');
  const creator = (await page.locator('#exercise-title').textContent()).trim();
  await page.getByTestId('training-start').click();
  await page.getByTestId('training-banner').filter({ hasText: creator }).waitFor();
  assert.equal(await page.getByTestId('notice').filter({ hasText: 'was not kept' }).count(), 0);
  // Back to the first, with an answer in progress.
  await page.goto(server.url + '#/training?ex=provisioning-policy-creator');
  await page.getByTestId('training-start').click();
  await page.goto(server.url + '#/compose');
  await page.getByTestId('saved-role').first().locator('a').click();
  await page.locator('input[data-perm="Device Images/Read"]').check();
  await page.waitForFunction(() => document.querySelector('input[data-perm="Device Images/Read"]').checked);
  await page.goto(server.url + '#/training?ex=auditor-reads-only');
  await page.getByTestId('training-start').click();
  const notice = page.getByTestId('notice').filter({ hasText: 'was not kept' });
  await notice.waitFor();
  assert.match(await notice.textContent(), /your answer to “[^”]+” was not kept/);
  await notice.getByRole('button', { name: /Undo/ }).click();
  await page.goto(server.url + '#/compose');
  await page.getByTestId('saved-role').first().locator('a').click();
  await page.locator('input[data-perm="Device Images/Read"]').waitFor();
  assert.equal(await page.locator('input[data-perm="Device Images/Read"]').isChecked(), true);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an answer built to match the solution, not yet checked, is not thrown away without a word (outside review)', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/training?ex=helpdesk-reboot-rename-restore');
  await page.getByTestId('training-start').click();
  await page.getByTestId('training-banner').waitFor();
  await page.goto(server.url + '#/compose');
  await page.getByTestId('saved-role').first().locator('a').click();
  for (const perm of ['CloudPCs/Reboot', 'CloudPCs/Rename', 'CloudPCs/Restore']) {
    await page.locator(`input[data-perm="${perm}"]`).check();
    await page.waitForFunction((p) => document.querySelector(`input[data-perm="${p}"]`).checked, perm);
  }
  await page.goto(server.url + '#/training?ex=auditor-reads-only');
  await page.getByTestId('training-start').click();
  const notice = page.getByTestId('notice').filter({ hasText: 'was not kept' });
  await notice.waitFor();
  await notice.getByRole('button', { name: /Undo/ }).click();
  // Undo on the other exercise's page goes to the reopened one's.
  await page.waitForFunction(() => location.hash.includes('ex=helpdesk-reboot-rename-restore'));
  await page.getByTestId('training-check').click();
  await page.getByTestId('check-results').waitFor();
  assert.match(await page.getByTestId('training-score').textContent(), /(\d+) of \1/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('360 px wide: an exercise picked from the list is brought into view (outside review)', async () => {
  const { page, context } = await newPage(browser, { viewport: { width: 360, height: 740 } });
  await open(page, server.url, '#/training');
  await page.locator('.exercise-list__item a').nth(1).click();
  await page.getByTestId('exercise').waitFor();
  await page.waitForFunction(() => {
    const top = document.getElementById('exercise').getBoundingClientRect().top;
    return top >= 0 && top < innerHeight;
  });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('leaving training from a training role in Compose drops it from the address (outside review)', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/training?ex=helpdesk-reboot-rename-restore');
  await page.getByTestId('training-start').click();
  await page.getByTestId('training-banner').waitFor();
  await open(page, server.url, '#/compose');
  await page.getByTestId('saved-role').locator('a').first().click();
  await page.waitForURL(/[?&]role=/);
  await page.getByTestId('training-leave').click();
  await page.getByTestId('training-banner').waitFor({ state: 'detached' });
  await page.waitForFunction(() => !/[?&]role=/.test(location.hash));
  assert.equal(await page.getByText(/This role is not saved in this browser/).count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an exercise picked from the list opens without the last one\'s hints or solution, and revealing is recorded (outside review)', async () => {
  const { page, context } = await newPage(browser);
  await open(page, server.url, '#/training?ex=helpdesk-reboot-rename-restore');
  await page.getByTestId('training-hint').click();
  await page.getByTestId('training-hint').click();
  await page.getByTestId('training-reveal').click();
  await page.getByTestId('training-solution').waitFor();
  await page.getByTestId('exercise-wildcard-grants-more').locator('a').click();
  await page.waitForURL(/ex=wildcard-grants-more/);
  await page.getByTestId('training-hint').waitFor();
  assert.equal(await page.getByTestId('training-solution').count(), 0);
  assert.equal(await page.getByTestId('training-hints').count(), 0);
  assert.equal(await page.getByTestId('training-reveal').isDisabled(), false);
  // Revealed here, it is recorded for this exercise.
  await page.getByTestId('training-reveal').click();
  await page.waitForFunction(() => Object.entries(JSON.parse(localStorage.getItem('w365-explorer/training-progress') || '{}').exercises || {})
    .some(([k, d]) => k.endsWith('/wildcard-grants-more') && d.revealed));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an exercise opened again brings back its steps: Ctrl+Z there undoes the change made before leaving (outside review)', async () => {
  const { page, context } = await newPage(browser);
  const count = (n) => page.waitForFunction((n) => document.querySelectorAll('[data-testid="saved-role"]').length === n, n);
  await open(page, server.url, '#/training?ex=provisioning-policy-creator');
  await page.getByTestId('training-start').click();
  await page.getByTestId('training-banner').waitFor();
  await page.getByTestId('nav-compose').click();
  await page.getByTestId('saved-role').first().waitFor();
  const first = await page.getByTestId('saved-role').count();
  await page.getByTestId('saved-role').first().getByTestId('delete-role').click();
  await page.getByTestId('notice').getByText(/^Deleted/).waitFor();
  await open(page, server.url, '#/training?ex=provisioning-policy-creator');
  await page.getByTestId('training-leave').click();
  await page.getByTestId('notice').filter({ hasText: /the answer was not kept/ }).getByRole('button', { name: /Undo/ }).click();
  await page.getByTestId('notice').getByText(/^Opened again your answer to “.+”, as you left it\.$/).waitFor();
  await page.getByTestId('nav-compose').click();
  await count(first - 1);
  await page.evaluate(() => document.getElementById('main').focus());
  await page.keyboard.press('Control+z');
  await page.getByTestId('notice').getByText(/^Undone: Deleted/).waitFor();
  await count(first);
  // And Redo makes it again.
  await page.keyboard.press('Control+Shift+z');
  await count(first - 1);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('Ctrl+Z after leaving an exercise opens it again, as the notice says, and an exercise\'s change is never undone on another (outside review)', async () => {
  const { page, context } = await newPage(browser);
  const names = () => page.getByTestId('saved-role').locator('a').allTextContents();
  await open(page, server.url, '#/training?ex=provisioning-policy-creator');
  await page.getByTestId('training-start').click();
  await page.getByTestId('training-banner').waitFor();
  await page.getByTestId('nav-compose').click();
  await page.getByTestId('saved-role').first().waitFor();
  const first = await names();
  await page.getByTestId('saved-role').first().getByTestId('delete-role').click();
  await page.getByTestId('notice').getByText(/^Deleted/).waitFor();
  // Leaving: the notice's Undo opens the answer again, and so does Ctrl+Z.
  await open(page, server.url, '#/training?ex=provisioning-policy-creator');
  await page.getByTestId('training-leave').click();
  await page.getByTestId('notice').getByText(/the answer was not kept/).waitFor();
  await page.evaluate(() => document.getElementById('main').focus());
  await page.keyboard.press('Control+z');
  await page.getByTestId('training-banner').waitFor();
  await page.getByTestId('notice').getByText(/^Opened again your answer to “.+”, as you left it\.$/).waitFor();
  await page.getByTestId('nav-compose').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="saved-role"]').length === n, first.length - 1);
  // Another exercise opened in its place: the first one's deletion is not made on it.
  await open(page, server.url, '#/training?ex=custom-image-with-anc');
  await page.getByTestId('training-start').click();
  await page.getByTestId('nav-compose').click();
  await page.getByTestId('saved-role').first().waitFor();
  const other = await names();
  // (Its notice offers the first answer back, which Ctrl+Z would take: dismissed.)
  await page.getByTestId('notice').getByText(/was not kept/).waitFor();
  await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
  await page.evaluate(() => document.getElementById('main').focus());
  await page.keyboard.press('Control+z');
  await page.getByTestId('notice').getByText('Nothing to undo in this tab.').waitFor();
  assert.deepEqual(await names(), other);
  assert.deepEqual(page.errors, []);
  await context.close();
});
