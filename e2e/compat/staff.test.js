// Whole-staff self-evaluation in the old engines: Chromium 86 (360 安全浏览器 13, 极速模式) and Chromium 109. The
// principal gives 教务处 an indicator and one single point of another, names a teacher and exports her 填报包;
// the teacher, in a browser of her own, opens the package in teacher mode, answers, reloads (autosave), finishes
// and gets the answer file and the 答卷码; the principal imports the file and then the pasted code (the same
// answers again: it replaces, it is not counted twice) and finds nobody missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveDist, buildSingleFile, SINGLE, ARTIFACTS, pt } from '../helpers.js';
import { launchOld, skipGuide, clickText } from '../old-browsers.js';

let server;
before(async () => {
  server = await serveDist();
  buildSingleFile();
});
after(async () => {
  await server?.close();
});

/** Types into a text field and leaves it, as a user does (the field saves on change). */
async function typeAndLeave(page, selector, text) {
  await page.waitForSelector(selector);
  await page.focus(selector);
  await page.type(selector, text);
  await page.keyboard.press('Tab');
}

/** The first finished download whose name matches `pattern`. */
async function download(dir, pattern) {
  for (let i = 0; i < 150; i++) {
    const done = (await readdir(dir)).find((f) => pattern.test(f) && !f.endsWith('.crdownload'));
    if (done) return join(dir, done);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no download matching ${pattern}`);
}

async function upload(page, selector, path) {
  const input = await page.waitForSelector(selector);
  await input.uploadFile(path);
}

async function staffJourney(major, url, label) {
  const principal = await launchOld(major);
  let teacher;
  try {
    const p = principal.page;
    await p.goto(url);
    await p.waitForSelector('header.app-header nav a');
    await skipGuide(p);
    await p.click('header nav a[href="#/school"]');
    await typeAndLeave(p, '#school-name', `全员自评兼容小学（${major}，${label}）`);
    await p.select('#school-type', 'primary');
    await p.click('form button[type=submit]');
    await p.waitForSelector('.school-list li.current');
    await p.click('header nav a[href="#/survey"]');
    await clickText(p, 'form button[type=submit]', '开始自评');
    await p.waitForSelector(pt('A1.1.1'));

    // 分工: 教务处 answers A1.1 and, on its own, A2.1.1; 李华 follows the department.
    await p.click('header nav a[href="#/staff"]');
    await p.waitForSelector('#staff-new-department');
    await p.type('#staff-new-department', '教务处');
    await p.click('.add-department button[type=submit]');
    await p.waitForSelector('#staff-dept-d1 details.items > summary');
    await p.click('#staff-dept-d1 details.items > summary');
    await p.click('#staff-dept-d1-item-A1-1');
    await p.click('#staff-dept-d1 details.dept-points:nth-of-type(2) > summary');
    await p.click('#staff-dept-d1-pt-A2-1-1');
    await p.waitForFunction(() => / 4 个/.test(document.querySelector('#staff-dept-d1 details.items > summary').textContent));
    await p.click('#staff-dept-d1 button.add-person');
    await typeAndLeave(p, '#staff-dept-d1 input.person-name', '李华');
    await typeAndLeave(p, '#staff-dept-d1 input.person-role', '教务主任');
    await p.waitForFunction(() => !document.querySelector('.staff-problems'));
    await p.click('#staff-dept-d1 li.assignee button.export-package');
    const pkg = await download(principal.downloads, /填报包\.json$/);
    assert.match(pkg, /教务处-李华-填报包\.json$/);

    // The teacher: her own browser, the package from the home page, only her four points.
    teacher = await launchOld(major);
    const t = teacher.page;
    await t.goto(url);
    await skipGuide(t);
    await upload(t, '#teacher-package', pkg);
    await t.waitForSelector('.teacher-point');
    assert.deepEqual(await t.$$eval('.teacher-point', (l) => l.map((e) => e.id)), ['tp-A1-1-1', 'tp-A1-1-2', 'tp-A1-1-3', 'tp-A2-1-1']);
    for (const id of ['A1-1-1', 'A1-1-2', 'A1-1-3']) await t.click(`label[for="tp-${id}-value-B"]`);
    await t.waitForFunction(() => /3 \/ 4/.test(document.querySelector('.teacher-head .progress').textContent));
    // Autosave: a reload keeps the answers.
    await new Promise((r) => setTimeout(r, 1500));
    await t.reload();
    await t.waitForSelector('.teacher-works button');
    await t.click('.teacher-works button');
    await t.waitForSelector('#tp-A1-1-1');
    assert.equal(await t.$eval('#tp-A1-1-1-value-B', (e) => e.checked), true, 'answers kept after a reload');
    await t.evaluate(() => {
      const card = document.querySelector('#tp-A2-1-1');
      card.querySelector('label.choice')?.click();
    });
    await t.waitForFunction(() => /4 \/ 4/.test(document.querySelector('.teacher-head .progress').textContent));
    await t.click('#teacher-finish');
    const answers = await download(teacher.downloads, /^答卷-.*\.json$/);
    await t.waitForSelector('#teacher-code');
    const code = await t.$eval('#teacher-code', (e) => e.value);
    assert.ok(code.startsWith('XZZP'), code);
    await t.screenshot({ path: join(ARTIFACTS, `compat-${major}-${label}-teacher.png`) });
    assert.deepEqual(t.errors, []);

    // 回收: the file, then the same answers as a pasted code, which replaces them.
    await p.click('header nav a[href="#/staff"]');
    await upload(p, '#collect-files', answers);
    await p.waitForSelector('.import-results li.ok');
    assert.match(await p.$eval('.import-results', (e) => e.textContent), /已导入.*李华.*的答卷/);
    await p.focus('#collect-codes');
    await p.type('#collect-codes', `李华：\n${code}`);
    await p.click('#collect-import-codes');
    await p.waitForFunction(() => /已经导入过，不会重复计算/.test(document.querySelector('.import-results').textContent));
    const status = await p.$eval('.status-table tbody', (e) => e.textContent);
    assert.match(status, /^教务处11李华/, status);
    assert.match(await p.$eval('.staff-collect .missing', (e) => e.textContent), /分工中的填报人都已交回/);
    assert.deepEqual(p.errors, []);
  } finally {
    await teacher?.close();
    await principal.close();
  }
}

for (const major of [86, 109]) {
  test(`Chromium ${major}: principal assigns, the teacher answers her package, the principal collects (served)`, () => staffJourney(major, server.url, 'served'));
}
test('Chromium 86: the whole-staff journey on the single file from file://', () => staffJourney(86, pathToFileURL(SINGLE).href, 'file'));
