// The questionnaire: create a school and an evaluation, answer points of every kind, reload, find everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, openApp, screenshot, suite, pt, nav } from './helpers.js';

const env = suite();

/** The DOM id prefix of a point, e.g. A1.1.1 → #pt-A1-1-1. */

async function goToIndicator(page, indicatorId) {
  await page.click(`.q-nav a:has(.ind-id:text-is("${indicatorId}"))`);
  await page.waitForSelector(`.indicator-title:has-text("${indicatorId}")`);
}

const NOTE = '第一段：学校党组织会议记录齐全。\n\n第二段：“三重一大”事项均经集体讨论，<script>alert(1)</script> & 不会被执行。';

test('a principal creates a school and an evaluation, answers every kind of point, and finds it all after reload', async () => {
  const page = await newPage(env.browser);
  await openApp(page, env.server.url + '#/school');

  // School profile
  await page.fill('#school-name', '贺兰县示例第一小学');
  await page.selectOption('#school-type', 'primary');
  await page.fill('#school-county', '贺兰县');
  await page.fill('#school-principal', '王校长');
  await page.fill('#school-students', '1200');
  await page.fill('#school-classes', '24');
  await page.fill('#school-teachers', '80');
  await page.selectOption('#school-group-role', 'member');
  await page.fill('#school-group-name', '贺兰县第一教育集团');
  await page.click('form button[type=submit]');
  await page.waitForSelector('.school-list li.current');

  // A new evaluation of the compulsory-education framework
  await nav(page, '#/survey');
  assert.equal(await page.inputValue('#new-framework'), 'compulsory-2021', 'the framework for primary schools is preselected');
  await page.click('form button[type=submit]:has-text("开始自评")');
  await page.waitForSelector(pt('A1.1.1'));
  assert.equal(await page.textContent('[data-testid=progress-overall]'), '0/56 · 0%');

  // Level point with a note of several paragraphs
  await page.click(`label[for="pt-A1-1-1-value-B"]`);
  await page.fill(`${pt('A1.1.1')}-note`, NOTE);
  // Not applicable with a reason
  await page.check(`${pt('A1.1.2')}-na`);
  await page.fill(`${pt('A1.1.2')}-na-reason`, '本校党组织隶属中心校，不单独设置');
  // Number without target
  await goToIndicator(page, 'A1.2');
  await page.fill(`${pt('A1.2.2')}-value-n`, '6');
  // Yes/no
  await goToIndicator(page, 'A2.1');
  await page.click(`label[for="pt-A2-1-3-value-no"]`);
  // Number with a target: 80 against ≥ 85 is missed
  await goToIndicator(page, 'A2.2');
  await page.fill(`${pt('A2.2.5')}-value-n`, '80');
  assert.match(await page.textContent(`${pt('A2.2.5')} .target-status`), /未达到目标/);
  await page.fill(`${pt('A2.2.5')}-value-n`, '86.5');
  assert.match(await page.textContent(`${pt('A2.2.5')} .target-status`), /已达到目标/);
  // A bad number is refused with a message and changes nothing
  await page.fill(`${pt('A2.2.5')}-value-n`, '八十');
  assert.equal(await page.getAttribute(`${pt('A2.2.5')}-value-n`, 'aria-invalid'), 'true');
  await page.fill(`${pt('A2.2.5')}-value-n`, '86.5');
  // Free text
  await goToIndicator(page, 'A4.4');
  await page.fill(`${pt('A4.4.1')}-value-t`, '书法特色：每周一节书法课，全员参与。');
  await page.click(`${pt('A4.4.1')}-value-t`);

  const progressBefore = await page.textContent('[data-testid=progress-overall]');
  assert.equal(progressBefore, '6/56 · 10%');
  assert.equal(await page.textContent('[data-testid=progress-area-A1]'), '3/7');
  assert.equal(await page.textContent('[data-testid=progress-area-A2]'), '2/15');
  assert.equal(await page.textContent('[data-testid=progress-area-A4]'), '1/16');
  await screenshot(page, 'survey-answered');

  // Reload: everything is back, including the position.
  await page.reload();
  await page.waitForSelector(pt('A4.4.1'));
  assert.equal(await page.inputValue(`${pt('A4.4.1')}-value-t`), '书法特色：每周一节书法课，全员参与。');
  assert.match(await page.textContent('.indicator-title'), /A4\.4/, 'the questionnaire reopens where the user was');
  assert.equal(await page.textContent('[data-testid=progress-overall]'), progressBefore);
  await goToIndicator(page, 'A1.1');
  assert.equal(await page.isChecked('#pt-A1-1-1-value-B'), true);
  assert.equal(await page.inputValue(`${pt('A1.1.1')}-note`), NOTE);
  assert.equal(await page.isChecked(`${pt('A1.1.2')}-na`), true);
  assert.equal(await page.inputValue(`${pt('A1.1.2')}-na-reason`), '本校党组织隶属中心校，不单独设置');
  await goToIndicator(page, 'A1.2');
  assert.equal(await page.inputValue(`${pt('A1.2.2')}-value-n`), '6');
  await goToIndicator(page, 'A2.1');
  assert.equal(await page.isChecked('#pt-A2-1-3-value-no'), true);
  await goToIndicator(page, 'A2.2');
  assert.equal(await page.inputValue(`${pt('A2.2.5')}-value-n`), '86.5');
  assert.match(await page.textContent(`${pt('A2.2.5')} .target-status`), /已达到目标/);

  // The school profile is intact too.
  await nav(page, '#/school');
  assert.equal(await page.inputValue('#school-name'), '贺兰县示例第一小学');
  assert.equal(await page.inputValue('#school-students'), '1200');
  assert.equal(await page.inputValue('#school-group-name'), '贺兰县第一教育集团');
  assert.equal(await page.$$eval('script', (s) => s.filter((x) => x.textContent.includes('alert(1)')).length), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the next-unanswered button and Alt+N walk through the unfinished points', async () => {
  const page = await newPage(env.browser);
  await openApp(page, env.server.url + '#/school');
  await page.fill('#school-name', '示例初级中学');
  await page.selectOption('#school-type', 'junior');
  await page.click('form button[type=submit]');
  await nav(page, '#/survey');
  await page.click('form button[type=submit]:has-text("开始自评")');
  await page.waitForSelector(pt('A1.1.1'));
  await page.click(`label[for="pt-A1-1-1-value-A"]`);
  await page.click('button:has-text("下一个未完成的要点")');
  await page.waitForFunction(() => document.activeElement?.closest('article')?.id === 'pt-A1-1-2');
  // Keyboard only: pick a level with the arrow keys inside the radio group, then Alt+N.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Alt+KeyN');
  await page.waitForFunction(() => document.activeElement?.closest('article')?.id === 'pt-A1-1-3');
  assert.equal(await page.textContent('[data-testid=progress-overall]'), '2/56 · 3%');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
