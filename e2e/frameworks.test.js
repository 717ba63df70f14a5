// The framework editor and sharing: copy a built-in framework, edit a point, save it as a version of one's
// own, start an evaluation on it, export the framework file and import it in another browser (a school), where
// the same tree appears; a broken file is refused with a Chinese message and saves nothing; a newer version
// imported later leaves the evaluation on the version it was started on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { newPage, openApp, suite, pt, addSchool, screenshot, ARTIFACTS, nav } from './helpers.js';

const env = suite();

const TITLE = '某县义务教育学校办学质量评价（2026）';
const POINT = '县域补充要点：落实课后服务“5+2”全覆盖';

/** The profile's stored frameworks, as the store keeps them. */
async function storedFrameworks(page) {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.endsWith('.frameworks.custom'));
    return key ? JSON.parse(localStorage.getItem(key)).data.frameworks : [];
  });
}

async function openFrameworks(page) {
  await page.evaluate(() => { location.hash = '#/frameworks'; });
  await page.waitForSelector('h1:has-text("评价框架")');
}

async function exportOwn(page, name) {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.click('#fw-own li.fw-own > button:has-text("导出框架文件")'),
  ]);
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await dl.saveAs(path);
  assert.match(dl.suggestedFilename(), /\.框架\.json$/);
  return path;
}

test('a copied and edited framework is saved, used, exported and imported elsewhere with the same tree', async () => {
  const page = await newPage(env.browser);
  page.on('dialog', (d) => d.accept());
  await openApp(page, env.server.url);
  await addSchool(page, '框架测试小学');
  // The questionnaire's picker leads to the framework page.
  await nav(page, '#/survey');
  await page.click('a[href="#/frameworks"]');
  await page.waitForSelector('#fw-built-in');
  await page.click('#fw-built-in li:first-child button:has-text("复制为新框架")');
  await page.waitForSelector('#fw-editor-title');
  await page.waitForSelector('#fw-problems .ok');
  await page.fill('#fw-name', TITLE);
  await page.fill('#fw-issuer', '某县教育局');
  // Edit the first point; an emptied text is named as a problem of that very point.
  await page.click('#fw-node-0-0-0');
  await page.fill('#fw-point-text', '');
  await page.waitForSelector('#fw-problems li:has-text("考查要点 A1.1.1：要点内容")');
  await page.fill('#fw-point-text', POINT);
  await page.waitForSelector('#fw-problems .ok');
  assert.match(await page.textContent('#fw-node-0-0-0'), /县域补充要点/);
  // Reorder by keyboard: the point moves down and back up, and stays selected.
  await page.focus('#fw-down');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#fw-node-0-0-1[aria-pressed="true"]');
  assert.match(await page.textContent('#fw-node-0-0-1'), /县域补充要点/);
  await page.click('#fw-up');
  await page.waitForSelector('#fw-node-0-0-0[aria-pressed="true"]');
  // A number point: kind, unit, direction and target; a target that is not a number is refused.
  await page.click('#fw-node-0-0-1');
  await page.selectOption('#fw-kind', 'number');
  await page.fill('#fw-unit', '%');
  await page.fill('#fw-target', '九十');
  await page.waitForSelector('#fw-target-help:has-text("请填写数字")');
  await page.fill('#fw-target', '90');
  await page.waitForSelector('#fw-target-help', { state: 'detached' });
  await page.waitForSelector('#fw-problems .ok');
  await screenshot(page, 'frameworks-editor-1366');
  await page.click('#fw-save');
  await page.waitForSelector('[data-testid=notice]:has-text("已保存")');
  await page.waitForSelector(`#fw-own li:has-text("${TITLE}")`);
  const [saved] = await storedFrameworks(page);
  assert.equal(saved.version, '1');
  assert.equal(saved.issuer, '某县教育局');
  assert.equal(saved.areas[0].indicators[0].points[0].text, POINT);
  assert.equal(saved.areas[0].indicators[0].points[1].kind, 'number');
  assert.equal(saved.areas[0].indicators[0].points[1].target, 90);
  assert.equal(saved.based_on.startsWith('compulsory-2021@'), true);

  // Start an evaluation on it: the questionnaire shows the edited point.
  await nav(page, '#/survey');
  const value = await page.$eval('#new-framework', (s, title) =>
    [...s.options].find((o) => o.textContent.includes(title))?.value, TITLE);
  assert.equal(value, saved.id);
  await page.selectOption('#new-framework', value);
  await page.click('form button[type=submit]:has-text("开始自评")');
  await page.waitForSelector(pt('A1.1.1'));
  assert.match(await page.textContent(pt('A1.1.1')), /县域补充要点/);

  // Export the framework file.
  await openFrameworks(page);
  const file = await exportOwn(page, 'county-framework-v1.json');

  // Another computer (a school): a fresh browser context on a phone-sized screen.
  const school = await newPage(env.browser, { viewport: { width: 390, height: 844 } });
  school.on('dialog', (d) => d.accept());
  await openApp(school, env.server.url);
  await addSchool(school, '接收学校');
  await openFrameworks(school);
  // A broken file first: refused with a Chinese message, nothing saved.
  const broken = join(ARTIFACTS, 'county-framework-broken.json');
  const text = await (await import('node:fs/promises')).readFile(file, 'utf8');
  await writeFile(broken, text.slice(0, Math.floor(text.length / 2)));
  await school.setInputFiles('#fw-import-file', broken);
  await school.waitForSelector('#fw-import-error:has-text("没有保存任何内容")');
  assert.deepEqual(await storedFrameworks(school), []);
  // A file of another kind of this tool.
  const other = join(ARTIFACTS, 'not-a-framework.json');
  await writeFile(other, JSON.stringify({ format: 'xzzp-backup', version: 1 }));
  await school.setInputFiles('#fw-import-file', other);
  await school.waitForSelector('#fw-import-error');
  assert.deepEqual(await storedFrameworks(school), []);
  // The real file: preview first, then saved.
  await school.setInputFiles('#fw-import-file', file);
  await school.waitForSelector('#fw-preview');
  const preview = await school.textContent('#fw-preview');
  assert.ok(preview.includes(TITLE));
  assert.ok(preview.includes('某县教育局'));
  assert.ok(preview.includes(POINT));
  assert.match(preview, /\d+ 个方面，\d+ 个关键指标，\d+ 个考查要点/);
  assert.deepEqual(await storedFrameworks(school), [], 'the preview saves nothing');
  assert.ok(await school.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling at 390 px');
  await screenshot(school, 'frameworks-import-390');
  await school.click('#fw-import-save');
  await school.waitForSelector('[data-testid=notice]:has-text("已保存")');
  const imported = await storedFrameworks(school);
  assert.deepEqual(imported, [saved], 'the same tree on the other computer');

  // The school starts an evaluation on version 1.
  await nav(school, '#/survey');
  await school.selectOption('#new-framework', saved.id);
  await school.click('form button[type=submit]:has-text("开始自评")');
  await school.waitForSelector(pt('A1.1.1'));
  await school.click('label[for="pt-A1-1-1-value-B"]');

  // The bureau edits a second version and sends it.
  await page.click('#fw-own button:has-text("编辑为新版本")');
  await page.waitForSelector('#fw-editor-title');
  assert.equal(await page.$('#fw-id'), null, 'a stored framework keeps its id');
  assert.equal(await page.inputValue('#fw-version'), '2');
  await page.click('#fw-node-0-0-0');
  await page.fill('#fw-point-text', `${POINT}（修订）`);
  await page.click('#fw-save');
  await page.waitForSelector('[data-testid=notice]:has-text("第 2 版")');
  const file2 = await exportOwn(page, 'county-framework-v2.json');

  await openFrameworks(school);
  await school.setInputFiles('#fw-import-file', file2);
  await school.waitForSelector('#fw-preview:has-text("新版本")');
  await school.click('#fw-import-save');
  await school.waitForSelector('[data-testid=notice]:has-text("第 2 版")');
  assert.equal((await storedFrameworks(school)).length, 2, 'both versions kept');
  // The evaluation stays on version 1 and is offered the move.
  const version = await school.evaluate(() => {
    const k = Object.keys(localStorage).find((x) => x.endsWith('.workspace'));
    return JSON.parse(localStorage.getItem(k)).data.evaluations[0].framework_version;
  });
  assert.equal(version, '1');
  await nav(school, '#/survey');
  await school.waitForSelector('#framework-upgrade');
  assert.equal(await school.isChecked('#pt-A1-1-1-value-B'), true);
  const shown = await school.textContent(pt('A1.1.1'));
  assert.ok(shown.includes(POINT) && !shown.includes(`${POINT}（修订）`), 'version 1 wording');

  assert.deepEqual(page.errors, []);
  assert.deepEqual(school.errors, []);
  await school.context().close();
  await page.context().close();
});

test('an empty framework names every missing field and is not saved until they are filled (on a 390 px phone)', async () => {
  const page = await newPage(env.browser, { viewport: { width: 390, height: 844 } });
  page.on('dialog', (d) => d.accept());
  await openApp(page, env.server.url);
  await openFrameworks(page);
  await page.click('#fw-blank');
  await page.waitForSelector('#fw-editor-title');
  await page.waitForSelector('#fw-problems li:has-text("考查要点 A1.1.1")');
  await page.click('#fw-save');
  await page.waitForSelector('[data-testid=notice]:has-text("尚未保存")');
  assert.deepEqual(await storedFrameworks(page), []);
  await page.fill('#fw-name', '空白起步的指标');
  await page.fill('#fw-issuer', '某县教育局');
  await page.fill('#fw-document', '某县办学质量评价细则');
  for (const [node, field, text] of [
    ['#fw-node-0', '#fw-item-title', '办学方向'],
    ['#fw-node-0-0', '#fw-item-title', '加强党建工作'],
    ['#fw-node-0-0-0', '#fw-point-text', '落实党组织领导的校长负责制'],
  ]) {
    await page.click(node);
    await page.fill(field, text);
    await page.fill('#fw-source-note', '据某县细则第一条转写');
  }
  await page.fill('#fw-guidance', '查阅会议记录');
  await page.fill('#fw-evidence', '会议记录\n\n制度文本\n');
  // Add a second point below and delete it again.
  await page.click('#fw-add-below');
  await page.waitForSelector('#fw-node-0-0-1[aria-pressed="true"]');
  await page.click('#fw-delete');
  await page.waitForSelector('#fw-node-0-0-1', { state: 'detached' });
  await page.waitForSelector('#fw-problems .ok');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling at 390 px');
  await screenshot(page, 'frameworks-editor-390', { fullPage: true });
  await page.click('#fw-save');
  await page.waitForSelector('[data-testid=notice]:has-text("已保存")');
  const [fw] = await storedFrameworks(page);
  assert.equal(fw.title, '空白起步的指标');
  assert.deepEqual(fw.areas[0].indicators[0].points[0].evidence, ['会议记录', '制度文本']);
  assert.equal(fw.areas[0].indicators[0].points.length, 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

const SHEETS = join(import.meta.dirname, '..', 'tests', 'fixtures', 'sheets');

test('a county table is imported from .xlsx through the spreadsheet worker, loaded only then; a broken table saves nothing', async () => {
  const page = await newPage(env.browser);
  page.on('dialog', (d) => d.accept());
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await openApp(page, env.server.url);
  await addSchool(page, '表格导入小学');
  await openFrameworks(page);
  assert.deepEqual(requested.filter((u) => u.includes('sheets-worker')), [], 'the first load does not fetch the worker');

  // A broken table: every problem names its sheet, row and column; nothing is saved.
  await page.fill('#fw-sheet-issuer', '示例县教育局');
  await page.setInputFiles('#fw-sheet-file', join(SHEETS, 'broken.csv'));
  await page.waitForSelector('#fw-sheet-errors');
  const errors = await page.textContent('#fw-sheet-errors');
  assert.ok(errors.includes('没有保存任何内容'), errors);
  assert.ok(errors.includes('工作表“broken.csv”第 2 行 C 列（考查要点）'), errors);
  assert.ok(errors.includes('第 3 行 D 列（类型）：无法识别类型“打分”'), errors);
  assert.ok(errors.includes('第 4 行 E 列（目标）'), errors);
  assert.ok(requested.some((u) => /sheets-worker-[0-9a-f]+_bg\.wasm$/.test(u)), 'the worker module was loaded on demand');
  assert.deepEqual(await storedFrameworks(page), []);

  // The county's workbook with merged cells: preview first, then saved.
  await page.setInputFiles('#fw-sheet-file', join(SHEETS, 'county.xlsx'));
  await page.waitForSelector('#fw-sheet-preview');
  assert.equal(await page.$('#fw-sheet-errors'), null);
  const preview = await page.textContent('#fw-sheet-preview');
  assert.ok(preview.includes('示例县义务教育学校办学质量评价指标（测试样表）'), preview);
  assert.ok(preview.includes('县级指标'), 'names the sheet');
  assert.ok(preview.includes('2 个方面，3 个关键指标，6 个考查要点'), preview);
  assert.ok(preview.includes('B1 加强党建工作'), preview);
  assert.deepEqual(await storedFrameworks(page), [], 'the preview saves nothing');
  await page.click('#fw-sheet-save');
  await page.waitForSelector('[data-testid=notice]:has-text("已保存")');
  const [fw] = await storedFrameworks(page);
  assert.equal(fw.issuer, '示例县教育局');
  assert.equal(fw.areas.length, 2);

  // An evaluation on it.
  await nav(page, '#/survey');
  await page.selectOption('#new-framework', fw.id);
  await page.click('form button[type=submit]:has-text("开始自评")');
  await page.waitForSelector('#pt-1');
  // The evaluation says which version of the framework it is answered on.
  assert.equal((await page.textContent('.eval-list li.current .framework-version')).trim(), `框架版本 ${fw.version}`);

  // The county's framework file of the table, opened on a school's computer: the very same framework.
  await openFrameworks(page);
  const fwFile = await exportOwn(page, 'county-table-framework.json');
  const school = await newPage(env.browser);
  await openApp(school, env.server.url);
  await openFrameworks(school);
  await school.setInputFiles('#fw-import-file', fwFile);
  await school.waitForSelector('#fw-preview');
  await school.click('#fw-import-save');
  await school.waitForSelector('[data-testid=notice]:has-text("已保存")');
  assert.deepEqual(await storedFrameworks(school), [fw], 'the framework file carries the whole imported tree');
  assert.deepEqual(school.errors, []);
  await school.context().close();

  // Exported as a spreadsheet and read back on another computer: the same tree (under a new id).
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.click('#fw-own li.fw-own > button:has-text("导出为表格")'),
  ]);
  assert.match(dl.suggestedFilename(), /\.xlsx$/);
  const xlsx = join(ARTIFACTS, 'county-export.xlsx');
  await dl.saveAs(xlsx);
  const [tpl] = await Promise.all([page.waitForEvent('download'), page.click('#fw-sheet-template')]);
  assert.match(tpl.suggestedFilename(), /\.xlsx$/);

  const other = await newPage(env.browser);
  await openApp(other, env.server.url);
  await openFrameworks(other);
  await other.fill('#fw-sheet-issuer', '示例县教育局');
  await other.setInputFiles('#fw-sheet-file', xlsx);
  await other.waitForSelector('#fw-sheet-preview');
  await other.click('#fw-sheet-save');
  await other.waitForSelector('[data-testid=notice]:has-text("已保存")');
  const [back] = await storedFrameworks(other);
  const tree = (f) => f.areas.map((a) => [a.title, a.indicators.map((i) => [i.title, i.points.map((p) => [p.text, p.kind, p.guidance])])]);
  assert.deepEqual(tree(back), tree(fw));
  assert.deepEqual(page.errors, []);
  assert.deepEqual(other.errors, []);
  await other.context().close();
  await page.context().close();
});
