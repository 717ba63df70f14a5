// Plans and the ledger: generate the self-evaluation plan, edit it, draft tasks from weak points, edit and
// finish tasks, reload, and export the ledger as CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newPage, openApp, screenshot, ARTIFACTS, suite, pt, addSchool, startEvaluation, nav } from './helpers.js';
import { convertToPdf, readPdf, pageOf, isPortraitA4, isLandscapeA4 } from './office.js';

const env = suite();

/** A school with an evaluation with weak points: 待改进, 合格 and a missed number target. */
async function schoolWithWeakPoints(page) {
  await openApp(page, env.server.url);
  await addSchool(page, '贺兰县示例第二小学', { '#school-principal': '张明' });
  await startEvaluation(page);
  await page.click('label[for="pt-A1-1-1-value-D"]');
  await page.click('label[for="pt-A1-1-2-value-A"]');
  await page.click('label[for="pt-A1-1-3-value-C"]');
  await page.click('.q-nav a:has(.ind-id:text-is("A2.2"))');
  await page.fill(`${pt('A2.2.5')}-value-n`, '70');
}

test('a principal makes the self-evaluation plan, edits it, drafts and manages ledger tasks, and exports CSV', async () => {
  const page = await newPage(env.browser, { acceptDownloads: true });
  page.on('dialog', (d) => d.accept());
  await schoolWithWeakPoints(page);

  // The plan
  await nav(page, '#/plan');
  assert.equal(await page.inputValue('#plan-template'), 'self-eval-plan');
  await page.click('form button[type=submit]:has-text("生成方案")');
  await page.waitForSelector('#plan-title');
  assert.match(await page.inputValue('#plan-title'), /^贺兰县示例第二小学.*学校质量自评方案$/);
  const titles = await page.$$eval('.section-title', (els) => els.map((e) => e.value));
  for (const t of ['指导思想', '组织机构', '评价内容', '实施步骤', '工作要求']) assert.ok(titles.includes(t), `${t} in ${titles}`);
  const orgIndex = titles.indexOf('组织机构');
  // The principal leads the group; the framework's areas are listed.
  const peopleTable = `.plan-section:nth-of-type(${orgIndex + 1}) .people`;
  assert.equal(await page.inputValue(`${peopleTable} tr:first-child td:nth-child(2) input`), '张明');
  const content = await page.$$eval('.list textarea', (els) => els.map((e) => e.value).join('\n'));
  assert.match(content, /办学方向/);
  // Edit the first paragraph and add two people.
  const firstPara = '.plan-section:first-of-type .paragraph textarea';
  const added = '本方案经校务会议讨论通过，自印发之日起执行。';
  await page.fill(firstPara, (await page.inputValue(firstPara)) + added);
  const rowsBefore = await page.$$eval(`${peopleTable} tbody tr`, (r) => r.length);
  await page.click(`.plan-section:nth-of-type(${orgIndex + 1}) button:has-text("添加人员")`);
  await page.fill(`${peopleTable} tbody tr:nth-child(${rowsBefore + 1}) td:nth-child(2) input`, '李华');
  await page.click(`.plan-section:nth-of-type(${orgIndex + 1}) button:has-text("添加人员")`);
  await page.fill(`${peopleTable} tbody tr:nth-child(${rowsBefore + 2}) td:nth-child(2) input`, '赵强');
  await page.fill(`${peopleTable} tbody tr:nth-child(${rowsBefore + 2}) td:nth-child(3) input`, '信息中心主任');
  await screenshot(page, 'plan-editor');

  // The ledger: draft tasks from weak points.
  await page.click('a.tab[href="#/plan/ledger"]');
  await page.click('button:has-text("生成任务")');
  await page.waitForSelector('.ledger-table tbody.task');
  const drafted = await page.$$eval('.ledger-table tbody.task', (b) => b.length);
  assert.equal(drafted, 3, 'A1.1.1 (待改进), A1.1.3 (合格, at the framework threshold) and A2.2.5 (70 < 85) are weak');
  assert.match(await page.textContent('.notice'), /已根据薄弱项生成 3 项整改任务/);
  // Drafting again adds nothing.
  await page.click('button:has-text("生成任务")');
  assert.equal(await page.$$eval('.ledger-table tbody.task', (b) => b.length), 3);

  // Edit the first task (sorted by due date: both drafted today, so in framework order).
  const first = '.ledger-table tbody.task:nth-of-type(2)';
  await page.click(`${first} button:has-text("编辑")`);
  // Follow the task by its id: sorting by due date moves its row once the date changes.
  const editor = '#' + (await page.getAttribute(`${first} tr.task-editor-row`, 'id'));
  await page.fill(`${editor} input[id$="-owner"]`, '李华');
  await page.fill(`${editor} input[id$="-department"]`, '德育处');
  await page.fill(`${editor} input[id$="-due"]`, '2020-01-31');
  await page.click(`${editor} button:has-text("添加里程碑")`);
  await page.fill(`${editor} .milestones li input[type=text]`, '完成制度修订');
  await page.fill(`${editor} .note-add textarea`, '已召开专题会议');
  await page.click(`${editor} .note-add button`);
  // It is overdue now.
  await page.waitForSelector('.ledger-table tbody.task.overdue');
  // Mark the other one done.
  await page.click('.ledger-table tbody.task:not(.overdue) button:has-text("标记完成")');
  await page.waitForSelector('.ledger-table .status.done');
  assert.ok(await page.$('.timeline svg rect.bar.overdue'), 'the timeline marks the overdue task');
  assert.ok(await page.$('.timeline svg line.today'), 'the timeline shows today');
  await screenshot(page, 'ledger', { fullPage: true });

  // Reload: everything is as left.
  await page.reload();
  await page.waitForSelector('.ledger-table tbody.task');
  assert.equal(await page.$$eval('.ledger-table tbody.task', (b) => b.length), 3);
  assert.ok(await page.$('.ledger-table tbody.task.overdue'));
  assert.ok(await page.$('.ledger-table .status.done'));
  const ownerCells = await page.$$eval('.ledger-table tbody.task td:nth-child(4)', (t) => t.map((x) => x.textContent));
  assert.ok(ownerCells.includes('李华'));
  // Filters
  await page.selectOption('#filter-owner', '李华');
  assert.equal(await page.$$eval('.ledger-table tbody.task', (b) => b.length), 1);
  await page.selectOption('#filter-owner', '');
  await page.selectOption('#filter-status', 'done');
  assert.equal(await page.$$eval('.ledger-table tbody.task', (b) => b.length), 1);
  await page.selectOption('#filter-status', '');

  // CSV download
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("导出 CSV")')]);
  assert.match(download.suggestedFilename(), /^贺兰县示例第二小学-工作台账-\d{4}-\d{2}-\d{2}\.csv$/);
  const path = join(ARTIFACTS, 'ledger.csv');
  await download.saveAs(path);
  const bytes = await readFile(path);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark for Excel and WPS');
  const csv = bytes.toString('utf8').slice(1);
  const lines = csv.split('\r\n');
  assert.equal(lines[0], '序号,任务,关联考查要点,方面,责任人,责任部门,开始日期,完成时限,状态,是否逾期,里程碑,进展记录,目标');
  assert.match(csv, /李华,德育处,\d{4}-\d{2}-\d{2},2020-01-31,已延期,是,/);
  assert.match(csv, /完成制度修订/);
  assert.match(csv, /已召开专题会议/);
  assert.match(csv, /已完成,否/);
  assert.match(csv, /课后服务参与率/);

  // The plan is as left.
  await page.click('a.tab[href="#/plan"]');
  await page.waitForSelector('#plan-title');
  assert.ok((await page.inputValue(firstPara)).endsWith(added));
  const names = await page.$$eval(`${peopleTable} tbody tr td:nth-child(2) input`, (i) => i.map((x) => x.value));
  assert.deepEqual(names.slice(-2), ['李华', '赵强']);
  assert.equal(names[0], '张明');
  // Preview shows a document.
  await page.click('.doc-tools button:has-text("预览")');
  assert.match(await page.textContent('.document'), /组织机构/);
  assert.match(await page.textContent('.document'), /赵强/);
  await screenshot(page, 'plan-preview', { fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the plan goes out as a filed document: letterhead, number, date and the ledger as a landscape annex, in Word and Markdown', async () => {
  const page = await newPage(env.browser, { acceptDownloads: true });
  page.on('dialog', (d) => d.accept());
  await schoolWithWeakPoints(page);
  await nav(page, '#/plan');
  await page.click('form button[type=submit]:has-text("生成方案")');
  await page.waitForSelector('#plan-title');
  await page.click('a.tab[href="#/plan/ledger"]');
  await page.click('button:has-text("生成任务")');
  await page.waitForSelector('.ledger-table tbody.task');
  const task = (await page.textContent('.ledger-table tbody.task td.task-title')).trim();

  // The ledger on its own: a landscape A4 table in Word.
  const [ledgerDl] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("下载 Word（横向 A4 表格）")')]);
  assert.match(ledgerDl.suggestedFilename(), /^贺兰县示例第二小学-工作台账-\d{4}-\d{2}-\d{2}\.docx$/);
  const out = join(ARTIFACTS, 'filed');
  const ledgerDocx = join(out, 'ledger.docx');
  await ledgerDl.saveAs(ledgerDocx);

  // The plan's heading and signature, and the ledger attached.
  await page.click('a.tab[href="#/plan"]');
  await page.waitForSelector('#plan-title');
  await page.click('summary:has-text("文件头与落款")');
  await page.fill('#plan-issuer', '贺兰县示例第二小学文件');
  await page.fill('#plan-doc-number', '贺兰二小发〔2026〕3号');
  await page.fill('#plan-date', '2026-09-01');
  await page.check('#plan-attach-ledger');
  await page.click('.doc-tools button:has-text("预览")');
  const preview = await page.textContent('.document');
  for (const t of ['贺兰县示例第二小学文件', '贺兰二小发〔2026〕3号', '2026年9月1日', '附件', '工作台账', task]) {
    assert.ok(preview.includes(t), `${t} in the preview`);
  }
  const [wordDl] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("下载 Word（.docx）")')]);
  assert.match(wordDl.suggestedFilename(), /学校质量自评方案-\d{4}-\d{2}-\d{2}\.docx$/);
  const planDocx = join(out, 'plan.docx');
  await wordDl.saveAs(planDocx);
  const [mdDl] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("下载 Markdown（.md）")')]);
  const md = await readFile(await mdDl.path(), 'utf8');
  assert.match(md, /贺兰二小发〔2026〕3号/);
  assert.match(md, /工作台账/);

  // What a school would print, through LibreOffice.
  const [planPdf, ledgerPdf] = convertToPdf([planDocx, ledgerDocx], out);
  const plan = readPdf(planPdf);
  assert.ok(isPortraitA4(plan.pages[0]), 'the plan opens on portrait A4');
  for (const t of ['贺兰县示例第二小学文件', '贺兰二小发〔2026〕3号', '指导思想', '组织机构', '2026年9月1日']) {
    assert.ok(pageOf(plan.pages, t) > 0, `${t} in the plan's PDF`);
  }
  // A table cell may wrap: its first characters are on one line.
  const head = task.slice(0, 6);
  const annex = pageOf(plan.pages, head);
  assert.ok(annex > 1, 'the ledger follows the plan');
  assert.ok(isLandscapeA4(plan.pages[annex - 1]), 'the annexed ledger is landscape A4');
  const ledger = readPdf(ledgerPdf);
  assert.ok(ledger.pages.every(isLandscapeA4), 'every page of the ledger is landscape A4');
  assert.ok(pageOf(ledger.pages, head) > 0 && pageOf(ledger.pages, '责任人') > 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
