// The whole-staff self-evaluation (全员自评): the principal assigns three departments and exports one 填报包 per
// person; three teachers (one on a 390×844 phone) open their package, answer and export; one changes an answer and
// exports again; one sends the 答卷码 pasted into chat text; the principal imports everything at once, sees the one
// person missing, adopts a department's answers, and the report (HTML and Word through LibreOffice) shows the
// participation.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { newPage, openApp, screenshot, ARTIFACTS, suite, addSchool, startEvaluation, nav } from './helpers.js';
import { convertToPdf, readPdf } from './office.js';

const env = suite();
const OUT = join(ARTIFACTS, 'staff');
before(() => mkdir(OUT, { recursive: true }));

const SCHOOL = '贺兰县示例第五小学';

/** Saves a download under OUT with its suggested name and returns the path. */
async function keep(download) {
  const path = join(OUT, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

/** Answers every point shown in teacher mode: the level at `level` (0 = 优秀), 是, a number, a text. */
async function answerAll(page, level) {
  const cards = await page.$$('.teacher-point');
  for (const card of cards) {
    const choices = await card.$$('label.choice');
    if (choices.length > 0) {
      await choices[Math.min(level, choices.length - 1)].click();
    } else if (await card.$('input[id$="-number"]')) {
      await (await card.$('input[id$="-number"]')).fill('50');
    } else if (await card.$('textarea[id$="-text"]')) {
      await (await card.$('textarea[id$="-text"]')).fill('按要求落实。');
    }
  }
  return cards.length;
}

/** A teacher's browser: opens the package from the home page and lands in teacher mode. */
async function teacher(options, packagePath) {
  const page = await newPage(env.browser, { acceptDownloads: true, ...options });
  await openApp(page, env.server.url);
  await page.setInputFiles('#teacher-package', packagePath);
  await page.waitForSelector('.teacher-point');
  return page;
}

async function finish(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#teacher-finish')]);
  await page.waitForSelector('#teacher-code');
  return { file: await keep(download), code: await page.inputValue('#teacher-code') };
}

/** 分工 on the staff page: three departments with their items, four people (李华 a4, 王芳 a5, 赵强 a6, 孙丽 a7). */
async function assignThreeDepartments(principal) {
  await nav(principal, '#/staff');
  await principal.waitForSelector('.staff-assign');
  for (const name of ['教务处', '德育处', '总务处']) {
    await principal.fill('#staff-new-department', name);
    await principal.click('.add-department button[type=submit]');
  }
  await principal.waitForSelector('article.department >> nth=2');
  const items = { d1: ['A1', 'A3', 'A2-1'], d2: ['A2-2', 'A2-3'], d3: ['A4-1'] };
  for (const [d, list] of Object.entries(items)) {
    await principal.click(`#staff-dept-${d} details.items > summary`);
    for (const i of list) await principal.check(`#staff-dept-${d}-item-${i}`);
  }
  const people = [['d1', '李华', '教务主任'], ['d1', '王芳', '语文教师'], ['d2', '赵强', '德育主任'], ['d3', '孙丽', '总务主任']];
  for (const [d, name, role] of people) {
    const before = await principal.$$eval(`#staff-dept-${d} li.assignee`, (l) => l.length);
    await principal.click(`#staff-dept-${d} button.add-person`);
    const row = `#staff-dept-${d} li.assignee >> nth=${before}`;
    await principal.fill(`${row} >> input.person-name`, name);
    await principal.fill(`${row} >> input.person-role`, role);
  }
  assert.match(await principal.textContent('.staff-assign summary >> nth=0'), /20/);
}

/** The principal's browser with a school and an evaluation. */
async function principalWithEvaluation(school) {
  const principal = await newPage(env.browser, { acceptDownloads: true });
  await openApp(principal, env.server.url);
  await addSchool(principal, school, { '#school-principal': '刘芳' });
  await startEvaluation(principal);
  return principal;
}

test('principal assigns and collects, teachers answer their packages, the report shows the participation', async () => {
  const principal = await principalWithEvaluation(SCHOOL);
  await assignThreeDepartments(principal);
  // A single point for a department: 总务处 answers A4.1 and, on its own, A4.2.1; A4.1's points show as covered.
  const d3Count = async () => Number(/(\d+) 个/.exec(await principal.textContent('#staff-dept-d3 details.items > summary'))[1]);
  const d3Before = await d3Count();
  await principal.click('#staff-dept-d3 details.dept-points >> nth=3 >> summary');
  assert.ok(await principal.isChecked('#staff-dept-d3-pt-A4-1-1'), 'A4.1.1 is covered by A4.1');
  assert.ok(await principal.isDisabled('#staff-dept-d3-pt-A4-1-1'), 'a covered point cannot be unticked alone');
  await principal.check('#staff-dept-d3-pt-A4-2-1');
  await principal.waitForFunction((n) => new RegExp(`${n} 个`).test(document.querySelector('#staff-dept-d3 details.items > summary').textContent), d3Before + 1);
  // Single points for named people: 王芳 answers only A1.1.1 and A1.1.2 of 教务处; A1.1.1 also goes to 赵强 of
  // 德育处 (a point may go to several people).
  await principal.click('#staff-a-a5 details.own-points > summary');
  await principal.click('#staff-a-a5 button.clear-points');
  await principal.waitForSelector('.staff-problems:has-text("王芳")');
  await principal.check('#staff-a-a5-pt-A1-1-1');
  await principal.check('#staff-a-a5-pt-A1-1-2');
  assert.match(await principal.textContent('#staff-a-a5 details.own-points > summary'), /2 个考查要点 · 单独指定/);
  await principal.click('#staff-a-a6 details.own-points > summary');
  const zhaoBefore = Number(/(\d+) 个/.exec(await principal.textContent('#staff-a-a6 details.own-points > summary'))[1]);
  await principal.check('#staff-a-a6-pt-A1-1-1');
  assert.match(await principal.textContent('#staff-a-a6 details.own-points > summary'), new RegExp(`${zhaoBefore + 1} 个考查要点 · 单独指定`));
  assert.ok(await principal.isChecked('#staff-a-a4-pt-A1-1-1'), '李华 keeps A1.1.1');
  assert.equal(await principal.$('.staff-problems'), null, 'no problems left');

  // One package per person.
  const packages = [];
  principal.on('download', (d) => packages.push(keep(d)));
  await principal.click('#staff-export-each');
  await principal.waitForFunction(() => true);
  for (let i = 0; i < 50 && packages.length < 4; i++) await principal.waitForTimeout(100);
  const paths = await Promise.all(packages);
  principal.removeAllListeners('download');
  assert.equal(paths.length, 4);
  const byName = (n) => paths.find((p) => p.includes(n));
  assert.ok(byName('教务处-李华-填报包.json'), paths.join(', '));

  // 王芳's package holds only her two points, 赵强's his department's and A1.1.1.
  const wang = await teacher({}, byName('王芳'));
  assert.deepEqual(await wang.$$eval('.teacher-point', (l) => l.map((e) => e.id)), ['tp-A1-1-1', 'tp-A1-1-2']);
  await wang.context().close();

  // 李华 on a phone: 20 points, answered, exported; then one answer changed and exported again.
  const li = await teacher({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, byName('李华'));
  const started = Date.now();
  assert.equal(await answerAll(li, 1), 20);
  assert.match(await li.textContent('.teacher-head .progress'), /20 \/ 20/);
  const liFirst = await finish(li);
  const scripted = Date.now() - started;
  assert.ok(liFirst.code.startsWith('XZZP'), liFirst.code);
  const width = await li.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling at 390 px (${width})`);
  await screenshot(li, 'staff-teacher-390');
  // Reopened after a reload (autosave), then changed: A1.1.1 to 优秀.
  await li.reload();
  await li.waitForSelector('.teacher-works button');
  await li.click('.teacher-works button');
  await li.waitForSelector('#tp-A1-1-1');
  assert.ok(await li.isChecked('#tp-A1-1-1-value-B'), 'answers kept after a reload');
  await li.click('label[for="tp-A1-1-1-value-A"]');
  const liSecond = await finish(li);

  // 赵强 on a PC, 孙丽 returns the 答卷码.
  const zhao = await teacher({}, byName('赵强'));
  assert.equal(await zhao.$$eval('.teacher-point', (l) => l.length), zhaoBefore + 1);
  assert.ok(await zhao.$('#tp-A1-1-1'));
  await answerAll(zhao, 2);
  const zhaoOut = await finish(zhao);
  const sun = await teacher({}, byName('孙丽'));
  assert.ok(await sun.$('#tp-A4-2-1'), "the department's single point is in its person's package");
  await answerAll(sun, 0);
  const sunOut = await finish(sun);

  // 回收: all files at once (both of 李华's), then the pasted code in chat text.
  await nav(principal, '#/staff');
  await principal.setInputFiles('#collect-files', [liFirst.file, zhaoOut.file, liSecond.file]);
  await principal.waitForSelector('.import-results li >> nth=2');
  const fileResults = await principal.textContent('.import-results');
  assert.match(fileResults, /替换第 1 次/, fileResults);
  await principal.fill('#collect-codes', `孙丽 10:32\n校长，这是我的答卷码：\n${sunOut.code}\n谢谢`);
  await principal.click('#collect-import-codes');
  await principal.waitForSelector('.import-results li.ok:has-text("孙丽")');
  const missing = await principal.textContent('.staff-collect .missing');
  assert.match(missing, /教务处 王芳/);
  assert.doesNotMatch(missing, /李华|赵强|孙丽/);
  // A cut-off code is refused with a message and changes nothing.
  await principal.fill('#collect-codes', sunOut.code.slice(0, sunOut.code.length - 10));
  await principal.click('#collect-import-codes');
  await principal.waitForSelector('.import-results li.error');
  assert.match(await principal.textContent('.import-results'), /截断|不完整|缺/);

  // Adopt 教务处's answers: the school's A1.1.1 becomes 优秀 (李华's second export), A1.1.2 良好.
  await principal.click('.status-table tr:has-text("教务处") button.adopt-all');
  await principal.waitForSelector('.notice:has-text("已采用部门意见")');
  await screenshot(principal, 'staff-collect', { fullPage: true });
  await nav(principal, '#/survey');
  await principal.waitForSelector('#pt-A1-1-1');
  assert.ok(await principal.isChecked('#pt-A1-1-1-value-A'));
  assert.ok(await principal.isChecked('#pt-A1-1-2-value-B'));

  // The report: participation in 基本情况 and staff statistics in the score sheet, in the preview and in Word.
  await nav(principal, '#/report');
  await principal.waitForSelector('.report-doc');
  const preview = await principal.textContent('.report-doc');
  assert.match(preview, /共收回答卷3份（应交4份/);
  assert.match(preview, /教务处应交2份、收回1份/);
  const [word] = await Promise.all([principal.waitForEvent('download'), principal.click('button:has-text("Word")')]);
  const docx = await keep(word);
  const [pdf] = convertToPdf([docx], OUT);
  const text = readPdf(pdf).pages.map((p) => p.text).join('');
  assert.ok(text.includes('共收回答卷3份'), 'Word report has the participation');
  assert.ok(text.includes('教务处应交2份、收回1份'), 'Word report has the departments');
  // The participation table (部门 · 应交 · 收回 · 回收率 · 未交) with the person missing, and the 合计 row.
  assert.ok(text.includes('教职工参与自评情况'), 'Word report has the participation annex');
  assert.ok(text.includes('回收率'), 'participation table header');
  assert.ok(text.includes('教务处2150%王芳'), `教务处 row: ${text.slice(text.indexOf('教职工参与自评情况'), text.indexOf('教职工参与自评情况') + 200)}`);
  assert.ok(text.includes('德育处11100%无'), '德育处 row');
  assert.ok(text.includes('合计4375%1人'), '合计 row');
  // The score sheet's staff column beside the school's conclusion.
  assert.ok(text.includes('教职工填报'), 'staff column in the score sheet');
  // (LibreOffice wraps the narrow staff column, so its text interleaves with the point's text in the PDF.)
  const sheet = text.slice(text.indexOf('附件2自评得分表'), text.indexOf('附件3'));
  for (const piece of ['优秀1、合格', '均分', '意见分歧', '与学校结论不同']) assert.ok(sheet.includes(piece), `score sheet staff column: ${piece}`);
  assert.match(preview, /教职工参与自评情况/);
  // The 上报包 carries the collection upward: participation per department and the staff's figures per point.
  const [pkgDl] = await Promise.all([principal.waitForEvent('download'), principal.click('#report-export-package')]);
  const sent = JSON.parse(await readFile(await keep(pkgDl), 'utf8'));
  assert.equal(sent.version, 3);
  const staffPart = sent.content.evaluation.staff;
  assert.equal(staffPart.returned, 3);
  assert.deepEqual(staffPart.participation.map((r) => [r.department, r.returned]), [['教务处', 1], ['德育处', 1], ['总务处', 1]]);
  assert.ok(staffPart.points['A1.1.1'].stats.count >= 2, JSON.stringify(staffPart.points['A1.1.1']));

  console.log(`teacher, 20 points from package to exported answers (scripted clicks): ${scripted} ms; 答卷码 for 20 points without notes: ${liFirst.code.length} characters`);
  for (const p of [principal, li, zhao, sun]) assert.deepEqual(p.errors, [], 'no console errors');
  await readFile(docx);
});

test('an anonymous survey of all staff: one package for everyone, answers counted without names', async () => {
  const principal = await newPage(env.browser, { acceptDownloads: true });
  await openApp(principal, env.server.url);
  await addSchool(principal, '贺兰县示例第六小学');
  await startEvaluation(principal);
  await nav(principal, '#/staff');
  await principal.click('#staff-add-school-staff');
  const row = '.school-level li.assignee';
  await principal.waitForSelector(row);
  await principal.fill(`${row} input[id$="-expected"]`, '2');
  await principal.check(`${row} input[id$="-anon"]`);
  const [pkg] = await Promise.all([principal.waitForEvent('download'), principal.click(`${row} button.export-package`)]);
  const path = await keep(pkg);
  assert.match(path, /全体教职工-填报包\.json$/);

  const t = await teacher({ viewport: { width: 390, height: 844 }, isMobile: true }, path);
  assert.equal(await t.$('#teacher-name'), null, 'an anonymous survey asks no name');
  assert.equal(await answerAll(t, 3), 56, 'all staff of the school answer the whole framework');
  await t.fill('#tp-A1-1-1-note', '制度齐全但落实不够。');
  const out = await finish(t);

  await principal.setInputFiles('#collect-files', [out.file]);
  await principal.waitForSelector('.import-results li.ok:has-text("一位匿名教职工")');
  const status = await principal.textContent('.status-table');
  assert.match(status, /全体教职工 1\/2/);
  const note = await principal.textContent('#collect-A1-1-1 .notes');
  assert.equal(note, '制度齐全但落实不够。', 'the note carries no author');
  assert.deepEqual(principal.errors, []);
  assert.deepEqual(t.errors, []);
});

test('the 自评方案 prefills the 分工, and the plan text follows every change of it', async () => {
  const principal = await principalWithEvaluation('贺兰县示例第七小学');
  // The plan: the 领导小组 with names for the 教务主任 and 德育主任 posts (its 职务或分工 column names the
  // departments; 总务主任 stays without a name).
  await nav(principal, '#/plan');
  await principal.click('form button[type=submit]:has-text("生成方案")');
  await principal.waitForSelector('#plan-title');
  const titles = await principal.$$eval('.section-title', (els) => els.map((e) => e.value));
  const org = `.plan-section:nth-of-type(${titles.indexOf('组织机构') + 1}) .people tbody`;
  const posts = await principal.$$eval(`${org} tr td:nth-child(3) input`, (l) => l.map((e) => e.value));
  await principal.fill(`${org} tr:nth-child(${posts.indexOf('教务主任') + 1}) td:nth-child(2) input`, '李华');
  await principal.fill(`${org} tr:nth-child(${posts.indexOf('德育主任') + 1}) td:nth-child(2) input`, '赵强');
  assert.ok(!titles.includes('职责分工'), 'no 职责分工 before the 分工 exists');

  // 分工 opens prefilled: 教务处 (李华), 德育处 (赵强), 总务处 (no head yet).
  await nav(principal, '#/staff');
  await principal.waitForSelector('article.department >> nth=2');
  const depts = await principal.$$eval('article.department input[id$="-name"]:not(.person-name)', (l) => l.map((e) => e.value));
  assert.deepEqual(depts, ['教务处', '德育处', '总务处']);
  assert.equal(await principal.inputValue('#staff-dept-d1-lead'), '李华');
  assert.equal(await principal.inputValue('#staff-dept-d3-lead'), '赵强');
  assert.equal(await principal.inputValue('#staff-dept-d1 li.assignee input.person-name'), '李华');
  await principal.waitForSelector('.notice-area :text("已从自评方案带入 3 个部门")');

  // Change it: 教务处 takes the first area, a second person joins it with two points of her own.
  await principal.click('#staff-dept-d1 details.items > summary');
  await principal.check('#staff-dept-d1-item-A1');
  await principal.click('#staff-dept-d1 button.add-person');
  const row = '#staff-dept-d1 li.assignee >> nth=1';
  await principal.fill(`${row} >> input.person-name`, '王芳');
  await principal.fill(`${row} >> input.person-role`, '语文教师');
  const wangId = await principal.getAttribute(row, 'id');
  await principal.click(`#${wangId} details.own-points > summary`);
  await principal.click(`#${wangId} button.clear-points`);
  await principal.check(`#${wangId}-pt-A1-1-1`);
  await principal.check(`#${wangId}-pt-A1-1-2`);

  // The plan follows: a 职责分工 section after 组织机构, in its text the departments, heads, scope and people.
  await nav(principal, '#/plan');
  await principal.waitForSelector('#plan-title');
  const after = await principal.$$eval('.section-title', (els) => els.map((e) => e.value));
  assert.equal(after[after.indexOf('组织机构') + 1], '职责分工', after.join(' / '));
  const duties = await principal.$$eval(`.plan-section:nth-of-type(${after.indexOf('职责分工') + 1}) textarea`, (l) => l.map((e) => e.value).join('\n'));
  assert.match(duties, /教务处（负责人：李华）：负责“[^”]+”方面（共 \d+ 个考查要点）。填报人员：李华（教务主任）、王芳（语文教师，考查要点 A1\.1\.1、A1\.1\.2）。/, duties);
  assert.match(duties, /德育处（负责人：赵强）：负责分工待定。填报人员：赵强（德育主任）。/, duties);
  assert.match(duties, /总务处：负责分工待定。/, duties);

  // One more change, and the plan's text changes with it.
  await nav(principal, '#/staff');
  await principal.click('#staff-dept-d3 details.items > summary');
  await principal.check('#staff-dept-d3-item-A4');
  await nav(principal, '#/plan');
  await principal.waitForSelector('#plan-title');
  const again = await principal.$$eval('.plan-section textarea', (l) => l.map((e) => e.value).join('\n'));
  assert.match(again, /德育处（负责人：赵强）：负责“[^”]+”方面/, again);
  await screenshot(principal, 'staff-plan-duties', { fullPage: true });
  assert.deepEqual(principal.errors, []);
});

test('a teacher answers a package of 20 points with real clicks and typing: time and 答卷码 size with notes', async () => {
  const principal = await principalWithEvaluation('贺兰县示例第八小学');
  await assignThreeDepartments(principal);
  const [pkg] = await Promise.all([principal.waitForEvent('download'), principal.click('#staff-a-a4 button.export-package')]);
  const path = await keep(pkg);

  // From choosing the received file on the home page to the answer file being saved.
  const t = await newPage(env.browser, { acceptDownloads: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await openApp(t, env.server.url);
  const started = Date.now();
  await t.setInputFiles('#teacher-package', path);
  await t.waitForSelector('.teacher-point');
  const cards = await t.$$('.teacher-point');
  assert.equal(cards.length, 20);
  for (const [i, card] of cards.entries()) {
    const id = await card.getAttribute('id');
    const choices = await card.$$('label.choice');
    if (choices.length > 0) {
      await choices[i % choices.length].click();
    } else if (await card.$('input[id$="-number"]')) {
      await t.click(`#${id}-number`);
      await t.keyboard.type('92');
    } else {
      await t.click(`#${id}-text`);
      await t.keyboard.type('按课程方案开齐开足，记录完整。');
    }
    // A short note on every point, typed key by key.
    await t.click(`#${id}-note`);
    await t.keyboard.type(`第${i + 1}项已落实，佐证见台账。`);
  }
  assert.match(await t.textContent('.teacher-head .progress'), /20 \/ 20/);
  const out = await finish(t);
  const elapsed = Date.now() - started;
  const notes = [...out.code].length;
  console.log(`teacher, 20 points with a typed note on each, package chosen to answer file saved (real clicks and key presses): ${elapsed} ms; 答卷码 for 20 points with notes: ${notes} characters (${Buffer.byteLength(out.code)} bytes UTF-8)`);
  assert.ok(out.code.startsWith('XZZP'));
  // The code still reads: pasted in the principal's 回收, the answers and notes arrive.
  await principal.fill('#collect-codes', out.code);
  await principal.click('#collect-import-codes');
  await principal.waitForSelector('.import-results li.ok:has-text("李华")');
  assert.match(await principal.textContent('#collect-A1-1-1 .notes'), /第1项已落实，佐证见台账。/);
  assert.deepEqual(t.errors, []);
  assert.deepEqual(principal.errors, []);
});

/** The manifest of an evidence package (a ZIP of stored entries), read with Python's zipfile. */
function manifestOf(zipPath) {
  const out = execFileSync('python3', ['-c', [
    'import sys, zipfile, json',
    'z = zipfile.ZipFile(sys.argv[1])',
    'name = next(n for n in z.namelist() if n.endswith("/xzzp-evidence.json"))',
    'print(json.dumps({"names": z.namelist(), "manifest": json.loads(z.read(name))}))',
  ].join('\n'), zipPath], { encoding: 'utf8' });
  return JSON.parse(out);
}

const MINUTES = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PLAN_DOC = Buffer.from('PK\u0003\u0004 a Word file of the teaching plan');

test('a teacher attaches evidence to assigned points in teacher mode, and the principal merges it under those points', async () => {
  const principal = await principalWithEvaluation('贺兰县示例第六小学');
  principal.on('dialog', (d) => d.accept());
  await assignThreeDepartments(principal);
  const packages = [];
  principal.on('download', (d) => packages.push(keep(d)));
  await principal.click('#staff-export-each');
  for (let i = 0; i < 50 && packages.length < 4; i++) await principal.waitForTimeout(100);
  const paths = await Promise.all(packages);
  principal.removeAllListeners('download');
  const liPackage = paths.find((p) => p.includes('李华') && p.includes('第六小学'));
  assert.ok(liPackage, paths.join(', '));

  // 李华 attaches the minutes to A1.1.1 and a Word file to A1.1.2, ticks a listed item, reloads: all kept.
  const li = await teacher({}, liPackage);
  li.on('dialog', (d) => d.accept());
  await li.setInputFiles('[data-testid="evidence-input-A1.1.1"]', { name: '教研会议记录.pdf', mimeType: 'application/pdf', buffer: MINUTES });
  await li.waitForSelector('#tp-A1-1-1 .evidence-file:has-text("教研会议记录.pdf")');
  assert.match(await li.textContent('#tp-A1-1-1 .evidence-file'), /提交人：李华（教务处）/);
  await li.setInputFiles('[data-testid="evidence-input-A1.1.2"]', { name: '教学计划.docx', mimeType: '', buffer: PLAN_DOC });
  await li.waitForSelector('#tp-A1-1-2 .evidence-file:has-text("教学计划.docx")');
  await li.check('#tp-A1-1-2-ev-0');
  await li.waitForFunction(() => /^1\/\d+ 项 · 1 个文件$/.test(document.querySelector('[data-testid="evidence-count-A1.1.2"]').textContent));
  await li.reload();
  await li.waitForSelector('.teacher-works button');
  await li.click('.teacher-works button');
  await li.waitForSelector('#tp-A1-1-1 .evidence-file:has-text("教研会议记录.pdf")');
  assert.ok(await li.isChecked('#tp-A1-1-2-ev-0'), 'the tick is kept');
  // A preview works in teacher mode too.
  await li.click('#tp-A1-1-1 .evidence-file button:has-text("预览")');
  await li.waitForSelector('#tp-A1-1-1 .evidence-preview iframe');

  // 完成并导出, then the evidence package beside the answer file.
  await answerAll(li, 1);
  const answers = await finish(li);
  const [zip] = await Promise.all([li.waitForEvent('download'), li.click('#teacher-export-evidence')]);
  assert.equal(zip.suggestedFilename(), '佐证材料-贺兰县示例第六小学-教务处-李华.zip');
  const zipPath = await keep(zip);
  const { names, manifest } = manifestOf(zipPath);
  assert.equal(manifest.made_by.name, '李华');
  assert.ok(manifest.package && manifest.package.assignee_id, 'the package names the 填报包 it answers');
  assert.ok(names.some((n) => /A1\.1\.1-.*\.pdf$/.test(n)), names.join('\n'));
  assert.ok(names.some((n) => n.endsWith('佐证材料目录.csv')));

  // The principal drops both files into 回收: the answers are taken, and the files go under A1.1.1 and A1.1.2.
  await nav(principal, '#/staff');
  await principal.setInputFiles('#collect-files', [answers.file, zipPath]);
  await principal.waitForSelector('.import-results li:has-text("佐证材料包已导入：将添加 2 个文件")');
  await nav(principal, '#/survey');
  await principal.waitForSelector('#pt-A1-1-1 .evidence-file:has-text("教研会议记录.pdf")');
  assert.match(await principal.textContent('#pt-A1-1-1 .evidence-file'), /提交人：李华（教务处）/);
  await principal.waitForSelector('#pt-A1-1-2 .evidence-file:has-text("教学计划.docx")');
  assert.ok(await principal.isChecked('#pt-A1-1-2-ev-0'), 'the tick came with it');
  // The principal can open the teacher's file: the bytes arrived.
  await principal.click('#pt-A1-1-1 .evidence-file button:has-text("预览")');
  await principal.waitForSelector('#pt-A1-1-1 .evidence-preview iframe');

  // 李华 removes the Word file and sends again: the principal is asked, agrees, and it is gone; the rest stays.
  await li.click('#tp-A1-1-2 .evidence-file button.danger');
  await li.waitForFunction(() => !document.querySelector('#tp-A1-1-2 .evidence-file'));
  const [zip2] = await Promise.all([li.waitForEvent('download'), li.click('#teacher-export-evidence')]);
  const zip2Path = join(OUT, 'second-' + zip2.suggestedFilename());
  await zip2.saveAs(zip2Path);
  const asked = [];
  principal.removeAllListeners('dialog');
  principal.on('dialog', (d) => { asked.push(d.message()); d.accept(); });
  await principal.setInputFiles('#evidence-import-file', zip2Path);
  await principal.waitForSelector('[data-testid=notice]:has-text("佐证材料包已导入")');
  assert.equal(asked.length, 1);
  assert.match(asked[0], /不在新的佐证材料包中：A1\.1\.2 教学计划\.docx/);
  await principal.waitForFunction(() => !document.querySelector('#pt-A1-1-2 .evidence-file'));
  assert.equal(await principal.locator('#pt-A1-1-1 .evidence-file').count(), 1);

  await screenshot(li, 'staff-teacher-evidence');
  for (const p of [principal, li]) assert.deepEqual(p.errors, [], 'no console errors');
});
