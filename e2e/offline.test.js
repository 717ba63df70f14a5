// Offline use: the installed app works with the network cut; the single HTML file works from file://; the
// app never contacts another origin; the Content-Security-Policy is never violated.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveDist, launch, openApp, screenshot, watchCsp, ARTIFACTS, SINGLE, buildSingleFile, pt, addSchool, startEvaluation, nav } from './helpers.js';

let browser;
before(async () => {
  browser = await launch();
  buildSingleFile();
});
after(async () => {
  await browser?.close();
});


async function newContext(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, ...options });
  await watchCsp(context);
  return context;
}

async function schoolWithEvaluation(page, name) {
  await addSchool(page, name);
  await startEvaluation(page);
}

/** Waits until the service worker is active, then reloads so that the page is certainly under its control. */
async function underServiceWorker(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForSelector('header.app-header nav a');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('after the first visit the app works with the network cut, under a sub-path', async (t) => {
  const server = await serveDist({ base: '/jiaoyu/ziping/' });
  t.after(() => server.close());
  const context = await newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  await openApp(page, server.url);
  await underServiceWorker(page);
  assert.ok(await page.evaluate(async () => (await caches.keys()).some((k) => k.startsWith('xzzp-'))));
  await schoolWithEvaluation(page, '离线测试小学');

  // Cut the network: the server is gone and the browser is offline.
  await server.close();
  await context.setOffline(true);
  await context.route('**/*', (route) => (route.request().url().startsWith('http') ? route.abort('internetdisconnected') : route.continue()));
  await page.reload();
  await page.waitForSelector(pt('A1.1.1'));
  await page.click('label[for="pt-A1-1-1-value-B"]');
  await page.fill(`${pt('A1.1.1')}-note`, '断网时填写的说明');
  await page.reload();
  await page.waitForSelector(pt('A1.1.1'));
  assert.equal(await page.inputValue(`${pt('A1.1.1')}-note`), '断网时填写的说明');
  await nav(page, '#/report');
  await page.waitForSelector('.report-doc');
  const [md] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("下载 Markdown")')]);
  const mdPath = join(ARTIFACTS, 'offline-report.md');
  await md.saveAs(mdPath);
  assert.match(await readFile(mdPath, 'utf8'), /离线测试小学/);
  const [docx] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("下载 Word")')]);
  assert.match(docx.suggestedFilename(), /\.docx$/);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
});

test('a new version is announced and taken on reload without losing data', async (t) => {
  let version = 1;
  const server = await serveDist({
    transform: (path, body) => (path === 'sw.js' && version > 1 ? Buffer.concat([body, Buffer.from(`\n// build ${version}\n`)]) : body),
  });
  t.after(() => server.close());
  const context = await newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  await openApp(page, server.url);
  await underServiceWorker(page);
  await schoolWithEvaluation(page, '更新测试小学');
  version = 2;
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.waitForSelector('#update-banner');
  assert.match(await page.textContent('#update-banner'), /新版本已就绪，刷新即可使用/);
  await screenshot(page, 'update-banner');
  await Promise.all([page.waitForEvent('load'), page.click('#update-banner button')]);
  await page.waitForSelector('header.app-header nav a');
  await nav(page, '#/school');
  assert.equal(await page.inputValue('#school-name'), '更新测试小学');
});

test('the single HTML file works from file://: answer, reload, find the answer, export', async () => {
  const size = (await readFile(SINGLE)).length;
  assert.ok(size > 500_000, `single file is ${size} bytes`);
  const context = await newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await openApp(page, pathToFileURL(SINGLE).href);
  await schoolWithEvaluation(page, 'U盘测试小学');
  await page.click('label[for="pt-A1-1-1-value-A"]');
  await page.fill(`${pt('A1.1.1')}-note`, '从U盘打开时填写');
  await page.reload();
  await page.waitForSelector(pt('A1.1.1'));
  assert.equal(await page.isChecked('#pt-A1-1-1-value-A'), true);
  assert.equal(await page.inputValue(`${pt('A1.1.1')}-note`), '从U盘打开时填写');
  await nav(page, '#/report');
  await page.waitForSelector('.report-doc');
  const [docx] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("下载 Word")')]);
  const path = join(ARTIFACTS, 'single-file-report.docx');
  await docx.saveAs(path);
  const xml = execFileSync('python3', ['-c', 'import sys,zipfile; print(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())', path], { encoding: 'utf8' });
  assert.ok(xml.includes('U盘测试小学'));
  await screenshot(page, 'single-file-report');
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a full journey makes requests to its own origin only and violates no policy', async () => {
  const server = await serveDist();
  const context = await newContext();
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await openApp(page, server.url);
  await schoolWithEvaluation(page, '请求记录小学');
  await page.click('label[for="pt-A1-1-1-value-D"]');
  await nav(page, '#/plan');
  await page.click('form button[type=submit]:has-text("生成方案")');
  await page.waitForSelector('#plan-title');
  await page.click('.doc-tools button:has-text("预览")');
  await page.click('a.tab[href="#/plan/ledger"]');
  await page.click('button:has-text("生成任务")');
  await page.waitForSelector('.ledger-table tbody.task');
  await Promise.all([page.waitForEvent('download'), page.click('button:has-text("导出 CSV")')]);
  await nav(page, '#/report');
  await page.waitForSelector('.report-doc');
  await Promise.all([page.waitForEvent('download'), page.click('button:has-text("下载 Word")')]);
  await nav(page, '#/data');
  await Promise.all([page.waitForEvent('download'), page.click('button:has-text("导出全部数据")')]);
  await page.click('button.lang-switch');
  await nav(page, '#/');
  const foreign = requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'no request leaves the origin');
  assert.ok(requests.length > 5);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|https?:/);
  await context.close();
  await server.close();
});

test('a browser without WebAssembly sees a readable message; one with storage blocked is told what to do', async () => {
  const server = await serveDist();
  let context = await newContext();
  await context.addInitScript(() => { delete window.WebAssembly; });
  let page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('#unsupported');
  assert.match(await page.textContent('#unsupported'), /浏览器版本过旧.*新版 Chrome、Edge、Firefox/s);
  await screenshot(page, 'no-webassembly');
  await context.close();

  context = await newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=notice]');
  assert.match(await page.textContent('[data-testid=notice]'), /浏览器禁用了本地存储.*允许本网站保存数据/);
  await screenshot(page, 'storage-blocked');
  await context.close();
  await server.close();
});
