// The built-in templates arrive after the first screen: a new user's first screen needs none of them, a failed
// or damaged fetch is said and can be retried, and what a page drew without them is drawn again once they came.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, openApp, addSchool, nav, pt, screenshot, suite } from './helpers.js';

const env = suite();

test('templates that fail to arrive are reported, a damaged one is refused, and Retry brings them', async () => {
  // No service worker: every template request goes through the routes below.
  const page = await newPage(env.browser, { serviceWorkers: 'block' });
  const asked = [];
  let mode = 'damage';
  await page.route('**/templates/*.json', async (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    asked.push(name);
    if (mode === 'damage') {
      // The right file with one character changed: its digest no longer matches its name.
      const response = await route.fetch();
      const text = (await response.text()).replace('义务教育', '义務教育');
      await route.fulfill({ response, body: text });
    } else {
      await route.continue();
    }
  });
  await openApp(page, env.server.url);
  // The home page is up and usable although no template has been taken.
  await page.waitForSelector('[data-testid=templates-failed]');
  assert.match(await page.textContent('[data-testid=templates-failed]'), /评价框架没有载入成功/);
  assert.equal((await page.textContent('main h1')).trim(), '学校质量自评');
  assert.ok(asked.some((n) => n.startsWith('fw-compulsory-2021-')), `asked: ${asked.join(', ')}`);

  await addSchool(page, '载入测试小学', {});
  await nav(page, '#/survey');
  const options = await page.$$eval('#new-framework option', (os) => os.map((o) => o.value));
  assert.ok(!options.includes('compulsory-2021'), `a damaged framework is not offered: ${options.join(', ')}`);
  await screenshot(page, 'templates-failed');

  // The connection is back: Retry takes the documents and the page is drawn again with them.
  mode = 'pass';
  await page.click('[data-testid=templates-failed] button:has-text("重试")');
  await page.waitForSelector('[data-testid=templates-failed]', { state: 'detached' });
  await page.waitForFunction(() => [...document.querySelectorAll('#new-framework option')]
    .some((o) => o.value === 'compulsory-2021'));
  assert.equal(await page.inputValue('#new-framework'), 'compulsory-2021');
  await page.click('form button[type=submit]:has-text("开始自评")');
  await page.waitForSelector(pt('A1.1.1'));
  assert.deepEqual(page.errors.filter((e) => !/templates|Damaged|Failed to load resource/.test(e)), []);
});

test('a returning user gets the framework the stored evaluation uses before the first screen, the rest after', async () => {
  const page = await newPage(env.browser, { serviceWorkers: 'block' });
  await openApp(page, env.server.url + '#/school');
  await addSchool(page, '回访测试小学', {});
  await nav(page, '#/survey');
  await page.click('form button[type=submit]:has-text("开始自评")');
  await page.waitForSelector(pt('A1.1.1'));
  await page.click('label[for="pt-A1-1-1-value-B"]');

  // On the reload, the templates the evaluation does not use are held back: the questionnaire must be drawn
  // without them, and must not be drawn before its own framework has come.
  const held = [];
  await page.route('**/templates/*.json', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    if (name.includes('compulsory-2021')) return route.continue();
    held.push(route);
    return undefined;
  });
  await page.reload();
  await page.waitForSelector('#pt-A1-1-1-value-B:checked', { state: 'attached' });
  assert.ok(held.length >= 3, `the other templates were asked for after the first screen (${held.length})`);
  assert.equal(await page.$('[data-testid=templates-loading]'), null, 'no loading notice: nothing the page needs is missing');
  await Promise.all(held.map((r) => r.continue()));
  await nav(page, '#/plan');
  await page.waitForSelector('#plan-template option[value=self-eval-plan]', { state: 'attached' });
});

test('a new user who opens the questionnaire before the templates have come sees them listed when they come', async () => {
  const page = await newPage(env.browser, { serviceWorkers: 'block' });
  const held = [];
  await page.route('**/templates/*.json', (route) => {
    held.push(route);
    return undefined;
  });
  await openApp(page, env.server.url);
  await addSchool(page, '迟到测试小学', {});
  await nav(page, '#/survey');
  assert.deepEqual(await page.$$eval('#new-framework option', (os) => os.map((o) => o.value)), [],
    'no framework is offered before its document is here');
  await Promise.all(held.splice(0).map((r) => r.continue()));
  // No retry, no reload: the list fills as the documents arrive, and the page is not drawn again.
  await page.waitForFunction(() => [...document.querySelectorAll('#new-framework option')]
    .some((o) => o.value === 'compulsory-2021'));
  assert.equal(await page.$('[data-testid=templates-failed]'), null);
  await page.click('form button[type=submit]:has-text("开始自评")');
  await page.waitForSelector(pt('A1.1.1'));
});
