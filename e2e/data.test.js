// Data safety: corrupt storage, nearly full storage, two tabs, backup and restore, teachers' answer files,
// profiles on a shared computer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newPage, openApp, screenshot, ARTIFACTS, suite, pt, addSchool, startEvaluation, planAndTasks, nav } from './helpers.js';

const env = suite();

const WS = 'xzzp.p.default.workspace';



async function saved(page, key, text) {
  await page.waitForFunction(([k, t]) => (localStorage.getItem(k) ?? '').includes(t), [key, text]);
}

test('a corrupted save is reported, kept, offered for download and never overwritten', async () => {
  const page = await newPage(env.browser, { acceptDownloads: true });
  page.on('dialog', (d) => d.accept());
  await openApp(page, env.server.url);
  await addSchool(page, '损坏测试小学');
  const broken = '{"schema":1,"rev":2,"data":{"schools":[{"id":"x","name":"损坏测试小学"';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [WS, broken]);
  await page.reload();
  await page.waitForSelector('.banner');
  assert.match(await page.textContent('.banner'), /有数据无法读取，已原样保留/);
  // Trying to work does not overwrite the unreadable value.
  await page.goto(env.server.url + '#/school');
  await page.fill('#school-name', '新学校');
  await page.click('form button[type=submit]');
  await page.waitForSelector('[data-testid=notice]');
  assert.match(await page.textContent('[data-testid=notice]'), /修改暂不保存/);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), WS), broken, 'the raw text is untouched');
  // The data page lists it and offers the raw copy.
  await nav(page, '#/data');
  await page.waitForSelector('#unreadable');
  assert.match(await page.textContent('#unreadable'), /学校与自评清单/);
  assert.match(await page.textContent('#unreadable'), /数据已损坏/);
  await screenshot(page, 'data-unreadable');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#unreadable button:has-text("下载原始数据")')]);
  const rawPath = join(ARTIFACTS, 'unreadable-raw.txt');
  await dl.saveAs(rawPath);
  assert.equal(await readFile(rawPath, 'utf8'), broken);
  // Discarding it (after the download) lets the user start again.
  await page.click('#unreadable button:has-text("清除这份数据")');
  await page.waitForSelector('#unreadable', { state: 'detached' });
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), WS), null);
  await addSchool(page, '重新开始小学');
  assert.match(await page.evaluate((k) => localStorage.getItem(k), WS), /重新开始小学/);
  await page.context().close();
});

test('nearly full storage warns, and a save that does not fit keeps the text and offers a backup', async () => {
  const page = await newPage(env.browser, { acceptDownloads: true });
  await openApp(page, env.server.url);
  await addSchool(page, '存储测试小学');
  await startEvaluation(page);
  // Another page of this site filled storage to about 90 %.
  await page.evaluate(() => localStorage.setItem('other-site-data', 'x'.repeat(Math.floor(5 * 1024 * 1024 * 0.9))));
  await page.reload();
  await page.waitForSelector('[data-testid=storage-warning]');
  assert.match(await page.textContent('[data-testid=storage-warning]'), /快用满了/);
  await nav(page, '#/data');
  assert.match(await page.textContent('[data-testid=usage-text]'), /已用浏览器本地存储的 9\d%/);
  // Fill it up completely, then type a long note: the save fails, the text stays on screen.
  await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 18; size >= 8; size >>= 1) {
      try { for (;;) localStorage.setItem('filler-' + n++, 'y'.repeat(size)); } catch {}
    }
  });
  await nav(page, '#/survey');
  const note = '很长的佐证说明'.repeat(400);
  await page.fill(`${pt('A1.1.1')}-note`, note);
  await page.waitForSelector('[data-testid=notice]');
  assert.match(await page.textContent('[data-testid=notice]'), /存储空间已满，最近的修改没有保存/);
  assert.equal(await page.inputValue(`${pt('A1.1.1')}-note`), note, 'nothing typed is lost from the screen');
  assert.doesNotMatch(await page.textContent('.save-status'), /已自动保存/, 'the header does not claim it was saved');
  await screenshot(page, 'storage-full');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=notice] button:has-text("下载备份")')]);
  const path = join(ARTIFACTS, 'backup-when-full.json');
  await dl.saveAs(path);
  const backup = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(backup.format, 'xzzp-backup');
  assert.equal(backup.evaluations[0].answers.by_point['A1.1.1'].note, note, 'the backup holds the unsaved text');
  await page.context().close();
});

test('two tabs see each other’s edits and neither overwrites the other', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const a = await context.newPage();
  await openApp(a, env.server.url + '#/school');
  await a.fill('#school-name', '两个窗口小学');
  await a.click('form button[type=submit]');
  await a.waitForSelector('.school-list li.current');
  await startEvaluation(a);
  const b = await context.newPage();
  await openApp(b, env.server.url + '#/survey');
  await b.waitForSelector(pt('A1.1.1'));
  // An edit in A appears in B.
  await a.click('label[for="pt-A1-1-1-value-A"]');
  await b.waitForFunction(() => document.querySelector('#pt-A1-1-1-value-A')?.checked === true);
  // An edit in B appears in A.
  await b.fill(`${pt('A1.1.2')}-note`, '在第二个窗口填写');
  await a.waitForFunction(() => document.querySelector('#pt-A1-1-2-note')?.value === '在第二个窗口填写');
  // Both tabs edit the same evaluation at the same moment, several times over (each its own points, so that the
  // last edit of each point is clear): the writes cross within milliseconds, and every edit survives, in storage
  // and on both screens.
  const rounds = [
    ['A1-1-3', 'B', 'A1-1-2', 'C'],
    ['A1-1-1', 'C', 'A1-1-2', 'D'],
    ['A1-1-3', 'A', 'A1-1-2', 'A'],
    ['A1-1-1', 'D', 'A1-1-2', 'B'],
  ];
  for (const [pa, va, pb, vb] of rounds) {
    await Promise.all([a.click(`label[for="pt-${pa}-value-${va}"]`), b.click(`label[for="pt-${pb}-value-${vb}"]`)]);
  }
  const want = { 'A1.1.1': 'D', 'A1.1.2': 'B', 'A1.1.3': 'A' };
  // Both saves land; waiting for them (rather than a fixed pause) keeps the check honest on a busy machine.
  const answers = () => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.includes('.answers.')))).data.by_point;
  const settled = (w) => {
    try {
      const key = Object.keys(localStorage).find((k) => k.includes('.answers.'));
      const got = JSON.parse(localStorage.getItem(key)).data.by_point;
      return Object.entries(w).every(([p, v]) => got[p]?.value?.v === v);
    } catch {
      return false;
    }
  };
  await a.waitForFunction(settled, want, { timeout: 10000 }).catch(() => {});
  const got = await a.evaluate(answers);
  assert.deepEqual(Object.fromEntries(Object.keys(want).map((p) => [p, got[p]?.value?.v])), want, 'every edit of both tabs is stored');
  for (const page of [a, b]) {
    for (const [p, v] of Object.entries(want)) {
      await page.waitForFunction((id) => document.querySelector(id)?.checked === true, `#pt-${p.replaceAll('.', '-')}-value-${v}`);
    }
  }
  const stored = await a.evaluate(answers);
  assert.equal(stored['A1.1.2'].note, '在第二个窗口填写');
  await b.reload();
  await b.waitForSelector(pt('A1.1.3'));
  assert.equal(await b.isChecked('#pt-A1-1-3-value-A'), true);
  // The school name edited in one tab shows in the other.
  await nav(a, '#/school');
  await nav(b, '#/school');
  await a.fill('#school-name', '两个窗口小学（改名）');
  await b.waitForFunction(() => document.querySelector('#school-name')?.value === '两个窗口小学（改名）');
  await context.close();
});

test('export a backup, wipe this computer, import it, and find everything back', async () => {
  const page = await newPage(env.browser, { acceptDownloads: true });
  page.on('dialog', (d) => d.accept());
  await openApp(page, env.server.url);
  await addSchool(page, '备份恢复小学');
  await startEvaluation(page);
  await page.click('label[for="pt-A1-1-1-value-D"]');
  await page.fill(`${pt('A1.1.1')}-note`, '备份前写下的说明');
  await planAndTasks(page);

  await nav(page, '#/data');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("导出全部数据")')]);
  assert.match(dl.suggestedFilename(), /^学校质量自评备份-全部数据-\d{4}-\d{2}-\d{2}\.json$/);
  const path = join(ARTIFACTS, 'backup-all.json');
  await dl.saveAs(path);

  await page.click('button:has-text("清除本机全部数据")');
  await page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith('xzzp.')).length <= 1);
  await nav(page, '#/school');
  assert.equal(await page.$('.school-list'), null, 'no school is left');

  await nav(page, '#/data');
  await page.setInputFiles('#import-file', path);
  await page.waitForSelector('.import-preview');
  const preview = await page.textContent('.import-preview');
  assert.match(preview, /新增\s*学校：备份恢复小学/);
  assert.match(preview, /自评：备份恢复小学/);
  assert.match(preview, /方案：/);
  assert.match(preview, /工作台账：备份恢复小学（1 项任务）/);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('xzzp.p.')).length), 0, 'nothing is written before confirming');
  await page.click('button:has-text("确认导入")');
  await page.waitForSelector('[data-testid=notice]:has-text("导入完成")');
  await nav(page, '#/survey');
  await page.waitForSelector(pt('A1.1.1'));
  assert.equal(await page.isChecked('#pt-A1-1-1-value-D'), true);
  assert.equal(await page.inputValue(`${pt('A1.1.1')}-note`), '备份前写下的说明');
  await nav(page, '#/plan');
  await page.waitForSelector('#plan-title');
  await page.click('a.tab[href="#/plan/ledger"]');
  await page.waitForSelector('.ledger-table tbody.task');
  assert.equal(await page.$$eval('.ledger-table tbody.task', (b) => b.length), 1);

  // A bad file is refused with a Chinese message and changes nothing.
  await nav(page, '#/data');
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  await page.setInputFiles('#import-file', join(import.meta.dirname, '..', 'tests', 'fixtures', 'import', 'bad', '06-truncated.json'));
  await page.waitForSelector('[data-testid=notice]:has-text("无法导入")');
  assert.match(await page.textContent('[data-testid=notice]'), /无法导入：文件不完整.*现有数据没有任何改动/);
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before);
  await page.context().close();
});

test('three teachers answer on their own computers and the principal sees the distribution', async () => {
  // A teacher on another computer exports her answers.
  const teacher = await newPage(env.browser, { acceptDownloads: true });
  await openApp(teacher, env.server.url);
  await addSchool(teacher, '汇总测试小学');
  await startEvaluation(teacher);
  await teacher.click('label[for="pt-A1-1-1-value-A"]');
  await teacher.fill(`${pt('A1.1.1')}-note`, '支部活动每月一次');
  await nav(teacher, '#/data');
  await teacher.fill('#respondent-name', '李老师');
  await teacher.fill('#respondent-role', '语文教师');
  const [dl] = await Promise.all([teacher.waitForEvent('download'), teacher.click('button:has-text("导出我的答卷")')]);
  assert.match(dl.suggestedFilename(), /^答卷-李老师-汇总测试小学-/);
  const first = join(ARTIFACTS, 'answers-li.json');
  await dl.saveAs(first);
  await teacher.context().close();
  // Two colleagues' files (same format, other names and answers).
  const base = JSON.parse(await readFile(first, 'utf8'));
  const files = [first];
  for (const [id, name, level] of [['wang-1', '王老师', 'B'], ['zhao-1', '赵老师', 'A']]) {
    const f = { ...base, id, respondent: { name, role: '数学教师' }, answers: { 'A1.1.1': { value: { t: 'level', v: level } } } };
    const p = join(ARTIFACTS, `answers-${id}.json`);
    await writeFile(p, JSON.stringify(f));
    files.push(p);
  }

  const page = await newPage(env.browser);
  await openApp(page, env.server.url);
  await addSchool(page, '汇总测试小学');
  await startEvaluation(page);
  await nav(page, '#/data');
  await page.setInputFiles('#respondent-files', files);
  await page.waitForSelector('[data-testid=notice]:has-text("已导入 3 份答卷")');
  assert.equal(await page.$$eval('.respondent-list li', (l) => l.length), 3);
  // Importing the same file again does not double-count.
  await page.setInputFiles('#respondent-files', [first]);
  await page.waitForSelector('[data-testid=notice]:has-text("已导入 0 份答卷")');
  assert.equal(await page.$$eval('.respondent-list li', (l) => l.length), 3);
  await nav(page, '#/survey');
  await page.waitForSelector(`${pt('A1.1.1')} .respondents`);
  const summary = await page.textContent(`${pt('A1.1.1')} .respondents`);
  assert.match(summary, /优秀 2、良好 1；均分 3\.7（3 人）/);
  await page.click(`${pt('A1.1.1')} .respondents summary`);
  assert.match(await page.textContent(`${pt('A1.1.1')} .respondents`), /李老师：支部活动每月一次/);
  // The principal's own answer stays separate.
  assert.equal(await page.isChecked('#pt-A1-1-1-value-A'), false);
  await screenshot(page, 'respondents');
  // The report's score sheet carries the statistics.
  await nav(page, '#/report');
  await page.waitForSelector('.report-doc');
  assert.match(await page.textContent('.score-sheet'), /教职工填报/);
  assert.match(await page.textContent('.score-sheet'), /优秀 2、良好 1；均分 3\.7（3 人）/);
  assert.match(await page.textContent('.report-doc'), /共有3名教职工参与填写自评问卷/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('each user of a shared computer has separate data, and removing mine removes every key of mine', async () => {
  const page = await newPage(env.browser);
  page.on('dialog', (d) => d.accept());
  await openApp(page, env.server.url);
  await addSchool(page, '默认使用者的学校');
  await nav(page, '#/data');
  await page.fill('#new-profile', '张老师');
  await page.click('button:has-text("添加并切换")');
  await nav(page, '#/school');
  assert.equal(await page.$('.school-list'), null, 'the new user starts empty');
  await page.fill('#school-name', '张老师的学校');
  await page.click('form button[type=submit]');
  await page.waitForSelector('.school-list li.current');
  const mine = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('xzzp.p.') && !k.startsWith('xzzp.p.default.')));
  assert.ok(mine.length >= 1);
  await nav(page, '#/data');
  await page.click('button:has-text("删除当前使用者的全部数据")');
  await page.waitForSelector('[data-testid=notice]:has-text("已从本机删除当前使用者")');
  const left = await page.evaluate((m) => m.filter((k) => localStorage.getItem(k) !== null), mine);
  assert.deepEqual(left, [], 'every key of the removed user is gone');
  await nav(page, '#/school');
  assert.equal(await page.inputValue('#school-name'), '默认使用者的学校', 'the other user is untouched');
  await page.context().close();
});
