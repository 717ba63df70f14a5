// Framework versions: an evaluation started on an earlier version of its framework keeps that version, is
// offered the move to the current one with what would change, and keeps its answers when moved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, openApp, suite, pt, addSchool, startEvaluation } from './helpers.js';

const env = suite();

test('an evaluation on an earlier framework version is offered the current one and keeps its answers', async () => {
  const page = await newPage(env.browser);
  page.on('dialog', (d) => d.accept());
  await openApp(page, env.server.url);
  await addSchool(page, '版本测试小学');
  await startEvaluation(page);
  await page.click('label[for="pt-A1-1-1-value-B"]');
  await page.fill(`${pt('A1.1.1')}-note`, '会议记录齐全');
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.includes('.answers.') && localStorage.getItem(k).includes('会议记录齐全')));
  assert.equal(await page.$('#framework-upgrade'), null, 'a new evaluation is on the current version');
  const ws = await page.evaluate(() => Object.keys(localStorage).find((k) => k.endsWith('.workspace')));
  const current = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).data.evaluations[0].framework_version, ws);
  // The evaluation as an earlier release of the tool stored it: on the version before the current one.
  await page.evaluate((k) => {
    const doc = JSON.parse(localStorage.getItem(k));
    doc.data.evaluations[0].framework_version = '2026.1';
    localStorage.setItem(k, JSON.stringify(doc));
  }, ws);
  await page.reload();
  await page.waitForSelector('#framework-upgrade');
  const offer = await page.textContent('#framework-upgrade');
  assert.match(offer, /2026\.1/);
  assert.ok(offer.includes(current), `${current} offered`);
  await page.click('#framework-upgrade summary');
  assert.match(await page.textContent('#framework-upgrade .upgrade-counts'), /原样带过去的答案：1/);
  assert.equal(await page.isChecked('#pt-A1-1-1-value-B'), true, 'the answers show on the version they were given in');
  await page.click('#framework-upgrade button:has-text("转到新版本")');
  await page.waitForSelector('[data-testid=notice]:has-text("已转到新版本")');
  await page.waitForSelector('#framework-upgrade', { state: 'detached' });
  const moved = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).data.evaluations[0].framework_version, ws);
  assert.equal(moved, current);
  await page.reload();
  await page.waitForSelector(pt('A1.1.1'));
  assert.equal(await page.isChecked('#pt-A1-1-1-value-B'), true);
  assert.equal(await page.inputValue(`${pt('A1.1.1')}-note`), '会议记录齐全');
  assert.equal(await page.$('#framework-upgrade'), null);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
