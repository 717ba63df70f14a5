// The application shell: language switch, navigation to every area, reload on a deep route, no crash route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, openApp, screenshot, suite } from './helpers.js';

const env = suite();

/** Waits (up to 5 s) for the page heading to become `text`: the page renders after the hash changes. */
const heading = (page, text) => page
  .waitForFunction((t) => document.querySelector('main h1')?.textContent.trim() === t, text, { timeout: 5000 })
  .catch(() => {});

const AREAS = [
  { hash: '#/', zh: '首页', en: 'Home', h1zh: '学校质量自评', h1en: 'School Self-Evaluation' },
  { hash: '#/school', zh: '学校信息', en: 'School', h1zh: '学校信息', h1en: 'School profile' },
  { hash: '#/survey', zh: '自评问卷', en: 'Questionnaire', h1zh: '自评问卷', h1en: 'Self-assessment questionnaire' },
  { hash: '#/plan', zh: '方案与台账', en: 'Plan & ledger', h1zh: '自评方案与工作台账', h1en: 'Plan and work ledger' },
  { hash: '#/report', zh: '自评报告', en: 'Report', h1zh: '自评报告', h1en: 'Self-evaluation report' },
  { hash: '#/data', zh: '数据管理', en: 'Data', h1zh: '数据管理', h1en: 'Data management' },
  { hash: '#/staff', zh: '全员自评', en: 'Staff', h1zh: '全员自评', h1en: 'Staff' },
  { hash: '#/county', zh: '县区汇总', en: 'County roll-up', h1zh: '县区汇总（教育局用）', h1en: 'County roll-up (for the education bureau)' },
];

test('the shell opens in Chinese, switches to English and remembers it, and every area is reachable', async () => {
  const page = await newPage(env.browser);
  await openApp(page, env.server.url);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('header .brand .name'), '学校质量自评');
  const navZh = await page.$$eval('header nav a', (as) => as.map((a) => a.textContent.trim()));
  assert.deepEqual(navZh, AREAS.map((a) => a.zh));
  await screenshot(page, 'shell-home-zh');

  for (const area of AREAS) {
    await page.click(`header nav a[href="${area.hash}"]`);
    await page.waitForFunction((h) => location.hash === h || (h === '#/' && location.hash === '#/'), area.hash);
    await heading(page, area.h1zh);
    assert.equal((await page.textContent('main h1')).trim(), area.h1zh, `h1 of ${area.hash}`);
    assert.equal(await page.getAttribute(`header nav a[href="${area.hash}"]`, 'aria-current'), 'page');
  }

  await page.click('button.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.textContent('header .brand .name'), 'School Self-Evaluation');
  await page.reload();
  await page.waitForSelector('header.app-header nav a');
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the language is remembered across a reload');
  const navEn = await page.$$eval('header nav a', (as) => as.map((a) => a.textContent.trim()));
  assert.deepEqual(navEn, AREAS.map((a) => a.en));
  for (const area of AREAS) {
    await page.click(`header nav a[href="${area.hash}"]`);
    await heading(page, area.h1en);
    assert.equal((await page.textContent('main h1')).trim(), area.h1en);
  }
  await screenshot(page, 'shell-data-en');
  await page.click('button.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('reloading on a deep route stays there', async () => {
  const page = await newPage(env.browser);
  for (const area of AREAS.slice(1)) {
    await openApp(page, env.server.url + area.hash);
    assert.equal((await page.textContent('main h1')).trim(), area.h1zh, `direct load of ${area.hash}`);
    await page.reload();
    await page.waitForSelector('main h1');
    assert.equal((await page.textContent('main h1')).trim(), area.h1zh, `reload of ${area.hash}`);
  }
  await openApp(page, env.server.url + '#/no-such-page');
  assert.equal((await page.textContent('main h1')).trim(), '找不到这个页面');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the release build cannot be made to crash on purpose: #/crash-test is an unknown page', async () => {
  // The crash notice itself is checked by the browser tests (crates/app/tests/web.rs); the route that forces
  // a panic exists in development builds only.
  const page = await newPage(env.browser);
  await openApp(page, env.server.url + '#/crash-test');
  assert.equal((await page.textContent('main h1')).trim(), '找不到这个页面');
  assert.equal(await page.$('#crash'), null);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
