// The pages a first screen does not need come in parts of the module fetched on demand (crates/app/src/later.rs,
// scripts/split.mjs): the questionnaire starts without them, a page says it is loading while its parts come, a
// part that cannot be fetched is said and Retry brings the page, and the service worker keeps every part for
// offline use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, openApp, addSchool, startEvaluation, nav, screenshot, suite } from './helpers.js';

const env = suite();
const PART = /\/parts-[0-9a-f]+\/[^/]+\.wasm$/;

test('the questionnaire starts without any part; the plan page says it is loading until its parts have come', async () => {
  const page = await newPage(env.browser, { serviceWorkers: 'block' });
  const asked = [];
  page.on('request', (r) => {
    if (PART.test(new URL(r.url()).pathname)) asked.push(new URL(r.url()).pathname.split('/').pop());
  });
  await openApp(page, env.server.url + '#/school');
  await addSchool(page, '分块载入小学');
  await startEvaluation(page);
  await page.click('label[for="pt-A1-1-1-value-B"]');
  await page.reload();
  await page.waitForSelector('#pt-A1-1-1-value-B:checked', { state: 'attached' });
  assert.deepEqual(asked, [], 'the home, school and questionnaire pages need no part');

  // The plan page's parts are held back: the page says it is loading, and is drawn when they come.
  const held = [];
  let hold = true;
  await page.route(PART, (route) => (hold ? held.push(route) : route.continue()));
  await page.click('header nav a[href="#/plan"]');
  await page.waitForSelector('main#main[data-route="#/plan"] .page-loading');
  assert.match(await page.textContent('.page-loading'), /正在载入这一页/);
  for (let i = 0; i < 100 && !held.length; i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(held.length > 0, 'the plan page asked for its parts');
  hold = false;
  for (const route of held) await route.continue();
  await page.waitForSelector('form button[type=submit]:has-text("生成方案")');
  assert.equal(await page.$('.page-loading'), null);
  assert.ok(asked.some((f) => f.startsWith('split_plan')), `asked: ${asked.join(', ')}`);

  // Pages that share code with the plan page fetch only what they do not have yet; each page's own part once.
  const before = asked.length;
  await nav(page, '#/report');
  await page.waitForSelector('.report-doc');
  const reportParts = asked.slice(before);
  assert.ok(reportParts.some((f) => f.startsWith('split_report')), `asked: ${reportParts.join(', ')}`);
  assert.ok(!reportParts.some((f) => f.startsWith('split_plan')), 'the plan part is not fetched again');
  const again = asked.length;
  await nav(page, '#/plan');
  await nav(page, '#/report');
  await page.waitForSelector('.report-doc');
  assert.equal(asked.length, again, 'a page opened before fetches nothing');
  assert.deepEqual(page.errors, []);
});

test('a part that cannot be fetched is said on its page, and Retry brings the page', async () => {
  const page = await newPage(env.browser, { serviceWorkers: 'block' });
  await openApp(page, env.server.url);
  let fail = true;
  await page.route(PART, (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
  await nav(page, '#/county');
  await page.waitForSelector('[data-testid=page-not-loaded]');
  assert.match(await page.textContent('[data-testid=page-not-loaded]'), /这一页没有载入成功.*已填写的内容都在本机/s);
  await screenshot(page, 'page-not-loaded');
  // The rest of the application still works.
  await nav(page, '#/school');
  await page.waitForSelector('#school-name');

  // A failure is not kept: coming back once the connection is there fetches again.
  fail = false;
  await nav(page, '#/county');
  await page.waitForSelector('main h1:has-text("县区汇总")');
  assert.equal(await page.$('[data-testid=page-not-loaded]'), null);
});

test('Retry on the page that could not load draws it without leaving it', async () => {
  const page = await newPage(env.browser, { serviceWorkers: 'block' });
  await openApp(page, env.server.url);
  let fail = true;
  await page.route(PART, (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
  await nav(page, '#/staff');
  await page.waitForSelector('[data-testid=page-not-loaded]');
  fail = false;
  await page.click('[data-testid=page-not-loaded] button:has-text("重试")');
  await page.waitForSelector('main h1:has-text("全员自评")');
  assert.equal(await page.$('[data-testid=page-not-loaded]'), null);
});

test('the service worker keeps every part, so that a page never opened online opens offline', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await openApp(page, env.server.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Installed: every file of the build is in its cache.
  await page.waitForFunction(async () => {
    const names = await caches.keys();
    if (!names.length) return false;
    const cache = await caches.open(names[0]);
    return (await cache.keys()).some((r) => /\/parts-[0-9a-f]+\/split_staff/.test(r.url));
  }, null, { timeout: 30_000 });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller);
  await context.setOffline(true);
  await nav(page, '#/staff');
  await page.waitForSelector('main h1:has-text("全员自评")');
  await context.close();
});
