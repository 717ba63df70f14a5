// County review: three schools, each in its own browser, make an evaluation and export their 上报包; the bureau,
// in a fourth browser, imports the three packages and a damaged one, sees the damaged file's message and the
// school that has not submitted, opens one school's report, edits the 通报 and downloads it as Word (checked
// through LibreOffice) and the summary table as CSV (parsed here).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { newPage, openApp, screenshot, ARTIFACTS, suite, addSchool, startEvaluation, planAndTasks, nav } from './helpers.js';
import { convertToPdf, readPdf } from './office.js';

const env = suite();
const DIR = join(ARTIFACTS, 'county');
before(() => mkdir(DIR, { recursive: true }));

const SCHOOLS = [
  { name: '示例县第一小学', levels: ['A', 'A', 'B'], plan: false },
  { name: '示例县第二小学', levels: ['C', 'D', 'C'], plan: true },
  { name: '示例县城关中学', levels: ['B', 'B', 'B'], plan: false },
];
const MISSING = '示例县未报送小学';
const EDITED = '（一）局里改写的问题\n部分学校的自评方案尚未制定，请于下月底前补齐。';

/** One school's browser: profile, an evaluation with three answers, the package downloaded; returns its path. */
async function schoolExports(browser, s, n) {
  const page = await newPage(browser, { acceptDownloads: true });
  await openApp(page, env.server.url);
  await addSchool(page, s.name, { '#school-county': '示例县' });
  await startEvaluation(page);
  for (const [i, level] of s.levels.entries()) {
    await page.click(`label[for="pt-A1-1-${i + 1}-value-${level}"]`);
  }
  if (s.plan) await planAndTasks(page);
  await nav(page, '#/report');
  await page.waitForSelector('.report-doc');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#report-export-package')]);
  assert.match(dl.suggestedFilename(), /^上报包-.+\.json$/);
  const path = join(DIR, `school-${n}.json`);
  await dl.saveAs(path);
  await page.waitForSelector('.notice:has-text("已导出上报包")');
  assert.deepEqual(page.errors, []);
  await page.context().close();
  return path;
}

/** A small RFC 4180 reader: rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

test('three schools submit, the bureau rolls them up, finds the damaged file and the missing school, and drafts the 通报', async () => {
  const files = [];
  for (const [n, s] of SCHOOLS.entries()) files.push(await schoolExports(env.browser, s, n + 1));

  // A package changed by hand on the way: one figure inside the content altered.
  const good = await readFile(files[0], 'utf8');
  const damaged = join(DIR, '改过的上报包.json');
  await writeFile(damaged, good.replace('"示例县第一小学"', '"示例县第一小学（改）"'));

  const page = await newPage(env.browser, { acceptDownloads: true });
  page.on('dialog', (d) => d.accept());
  await openApp(page, env.server.url);
  await nav(page, '#/county');
  await page.waitForSelector('#county-import');
  assert.equal(await page.$('.county-table'), null, 'nothing before the import');

  await page.setInputFiles('#county-import', [...files, damaged]);
  await page.waitForSelector('.county-results li');
  const results = await page.$$eval('.county-results li', (els) => els.map((e) => ({ text: e.textContent, cls: e.className })));
  assert.equal(results.length, 4);
  for (const s of SCHOOLS) assert.ok(results.some((r) => r.cls === 'taken' && r.text.includes(s.name)), `${s.name} taken`);
  const bad = results.find((r) => r.text.includes('改过的上报包.json'));
  assert.equal(bad.cls, 'problem');
  assert.match(bad.text, /被改动过（校验码不符）/);
  assert.match(bad.text, /未导入任何内容/);

  // The table: three schools, the damaged one left out.
  await page.waitForSelector('.county-table tbody tr');
  assert.equal(await page.$$eval('.county-table tbody tr', (r) => r.length), 3);
  // Sorting by school name puts 城关 (U+57CE) before 第 (U+7B2C)… by character code.
  await page.click('.county-table thead th:first-child button');
  const names = await page.$$eval('.county-table tbody th', (els) => els.map((e) => e.textContent.trim()));
  assert.deepEqual(names, [...names].sort());
  // The lists: two schools made no plan; the one that did has tasks drafted from its weak points.
  const noPlan = await page.textContent('ul.county-without-plan');
  assert.ok(noPlan.includes('示例县第一小学') && noPlan.includes('示例县城关中学') && !noPlan.includes('示例县第二小学'));

  // The expected list, as a CSV saved by Chinese Excel (GBK), names a school that has not submitted.
  const csvText = `序号,学校名称\r\n${SCHOOLS.map((s, i) => `${i + 1},${s.name}`).join('\r\n')}\r\n4,${MISSING}\r\n`;
  const gbk = join(DIR, '应报学校名单.csv');
  execFileSync('python3', ['-c', 'import sys; open(sys.argv[1], "wb").write(sys.stdin.read().encode("gbk"))', gbk], { input: csvText });
  await page.setInputFiles('#county-expected-csv', gbk);
  await page.waitForSelector('ul.county-missing li');
  assert.match(await page.inputValue('#county-expected-text'), /4,示例县未报送小学/);
  assert.deepEqual(await page.$$eval('ul.county-missing li', (els) => els.map((e) => e.textContent)), [MISSING]);
  assert.match(await page.textContent('.county-rate'), /应报 4 所，已报 3 所/);

  // Drill into one school's report, read-only.
  await page.click('.county-open:has-text("示例县第一小学")');
  await page.waitForSelector('.county-drill .report-doc');
  const drill = await page.textContent('.county-drill');
  assert.ok(drill.includes('示例县第一小学') && drill.includes('一、基本情况'));
  assert.equal(await page.$$eval('.county-drill textarea, .county-drill input', (e) => e.length), 0, 'nothing to edit');
  await screenshot(page, 'county-drill');
  await page.click('.county-drill button:has-text("关闭")');

  // Edit the 通报 and see it kept after a reload (IndexedDB).
  await page.fill('#county-issuer', '示例县教育体育局');
  await page.fill('#county-section-problems', EDITED);
  await page.waitForSelector('.county-bulletin .tag');
  await page.waitForTimeout(300);
  await page.reload();
  await page.waitForSelector('#county-section-problems');
  assert.equal(await page.inputValue('#county-section-problems'), EDITED);
  assert.deepEqual(await page.$$eval('ul.county-missing li', (els) => els.map((e) => e.textContent)), [MISSING]);
  await screenshot(page, 'county-page', { fullPage: true });

  // Word → PDF through LibreOffice.
  const [docx] = await Promise.all([page.waitForEvent('download'), page.click('#county-word')]);
  assert.match(docx.suggestedFilename(), /通报\.docx$/);
  const docxPath = join(DIR, 'bulletin.docx');
  await docx.saveAs(docxPath);
  const [pdf] = convertToPdf([docxPath], join(DIR, 'lo'));
  const { text } = readPdf(pdf);
  for (const s of ['示例县教育体育局', '一、基本情况', '三、存在问题', '局里改写的问题', '部分学校的自评方案尚未制定', '示例县城关中学', MISSING]) {
    assert.ok(text.includes(s), `the Word bulletin holds ${s}`);
  }

  // Charts: schools per level, and one area across the schools (the area picked; unscored schools say so).
  assert.ok(await page.$('.county-level-chart svg[aria-label="各等级学校数"]'), 'the level distribution is drawn');
  assert.equal(await page.$$eval('.county-level-chart svg rect[y]', (r) => r.length) > 0, true);
  assert.equal(await page.$$eval('.county-area-schools svg rect[y]', (r) => r.length), 3, 'a bar per school in 方面 A1');
  await page.selectOption('#county-area-pick', '1');
  await page.waitForFunction(() => document.querySelectorAll('.county-area-schools svg rect[y]').length === 0);
  assert.match(await page.textContent('.county-area-schools'), /未评分/);

  // The print preview of the 通报: printing the page then prints the 通报 alone, in its 公文 layout.
  await page.click('#county-preview');
  await page.waitForSelector('.county-bulletin-print .report-doc');
  const printed = join(DIR, 'bulletin-print.pdf');
  await page.pdf({ path: printed, format: 'A4' });
  const paper = readPdf(printed).text;
  for (const s of ['示例县教育体育局', '一、基本情况', '局里改写的问题', MISSING]) assert.ok(paper.includes(s), `the printed bulletin holds ${s}`);
  for (const s of ['导入上报包', '预览与打印通报', '另存为 PDF']) assert.ok(!paper.includes(s), `the print shows no ${s}`);
  await page.click('#county-preview-close');
  await page.waitForSelector('.county-bulletin-print', { state: 'detached' });

  // The summary CSV, as a spreadsheet reads it.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#county-csv')]);
  const csvPath = join(DIR, 'summary.csv');
  await csv.saveAs(csvPath);
  const raw = await readFile(csvPath, 'utf8');
  assert.ok(raw.startsWith('\ufeff'), 'UTF-8 with a byte-order mark for Excel');
  assert.ok(raw.includes('\r\n'));
  const rows = parseCsv(raw.slice(1));
  assert.deepEqual(rows[0].slice(0, 3), ['序号', '学校', '学校类型']);
  const body = rows.slice(1);
  assert.equal(body.length, 4, 'three schools and the mean row');
  assert.deepEqual(body.slice(0, 3).map((r) => r[1]).sort(), SCHOOLS.map((s) => s.name).sort());
  assert.equal(body[3][1], '平均');
  assert.ok(body.every((r) => r.length === rows[0].length));
  // Best school first: 第一小学 answered A, A, B.
  assert.equal(body[0][1], '示例县第一小学');
  assert.match(body[0][4], /^\d+%$/);

  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a trainer loads the sample county into its own profile', async () => {
  const page = await newPage(env.browser);
  await openApp(page, env.server.url);
  await nav(page, '#/county');
  await page.click('details.county-demo > summary');
  await page.click('#county-demo');
  await page.waitForSelector('.county-table tbody tr');
  assert.equal(await page.$$eval('.county-table tbody tr', (r) => r.length), 12);
  assert.equal(await page.$$eval('ul.county-missing li', (r) => r.length), 2);
  assert.ok((await page.textContent('.county-results')).includes('重新报送'), 'the superseded export is replaced');
  assert.ok(await page.$('ul.county-improved li'), 'year over year from last year\'s packages');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('on a computer that holds a school, the bureau is offered a profile of its own, and the school stays apart', async () => {
  const page = await newPage(env.browser, { acceptDownloads: true });
  await openApp(page, env.server.url);
  await addSchool(page, '示例县第一小学');
  await startEvaluation(page);
  const path = join(DIR, 'own-profile-package.json');
  await nav(page, '#/report');
  await page.waitForSelector('.report-doc');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#report-export-package')]);
  await dl.saveAs(path);
  await nav(page, '#/county');
  await page.waitForSelector('.county-own-profile');
  await page.click('#county-own-profile');
  // The bureau's profile: no school, no offer, and the packages go here.
  await page.waitForSelector('.county-own-profile', { state: 'detached' });
  await page.setInputFiles('#county-import', path);
  await page.waitForFunction(() => document.querySelectorAll('.county-table tbody tr').length === 1);
  const keys = await page.evaluate(() => Object.keys(localStorage));
  const meta = JSON.parse(await page.evaluate(() => localStorage.getItem('xzzp.meta')));
  const bureau = meta.data.profiles.find((p) => p.name === '县区汇总（教育局）');
  assert.ok(bureau, JSON.stringify(meta.data.profiles));
  assert.equal(meta.data.active_profile, bureau.id);
  assert.ok(!keys.some((k) => k.startsWith(`xzzp.p.${bureau.id}.`) && k.includes('.answers.')), 'no school data in the bureau profile');
  // The school's own profile still holds the school.
  const workspace = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('xzzp.p.default.')).map((k) => localStorage.getItem(k)).join('\n'));
  assert.ok(workspace.includes('示例县第一小学'), 'the school stays in its own profile');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
