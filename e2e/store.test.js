// The document store as a user meets it: damaged data travels in a backup as it was stored and comes back
// unreadable (never empty), deleting an evaluation leaves nothing of it behind, Chinese input methods save a
// composition once, and the English interface speaks English on its error paths too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newPage, openApp, ARTIFACTS, suite, pt, addSchool, startEvaluation, nav } from './helpers.js';

const env = suite();

/** Every key of this app in localStorage and IndexedDB, with its text. */
async function stored(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const k of Object.keys(localStorage)) if (k.startsWith('xzzp.')) out[k] = localStorage.getItem(k);
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open('xzzp');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    if (db.objectStoreNames.length > 0) {
      const names = [...db.objectStoreNames];
      for (const name of names) {
        const all = await new Promise((ok, fail) => {
          const tx = db.transaction(name, 'readonly');
          const s = tx.objectStore(name);
          const keys = s.getAllKeys();
          keys.onsuccess = () => ok(keys.result);
          keys.onerror = () => fail(keys.error);
        });
        for (const k of all) out[`idb:${name}:${k}`] = '';
      }
    }
    db.close();
    return out;
  });
}

test('a damaged evaluation goes into the full backup as it was stored and comes back unreadable, not empty', async () => {
  const page = await newPage(env.browser, { acceptDownloads: true });
  await openApp(page, env.server.url);
  await addSchool(page, '损坏自评小学');
  await startEvaluation(page);
  await page.click('label[for="pt-A1-1-1-value-B"]');
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.includes('.answers.')));
  const key = await page.evaluate(() => Object.keys(localStorage).find((k) => k.includes('.answers.')));
  const broken = '{"schema":2,"rev":3,"data":{"by_point":{"A1.1.1":{"value":{"t":"level","v":"B"';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, broken]);
  await page.reload();
  await page.waitForSelector('.banner');

  // The report refuses to draft from it and says why.
  await nav(page, '#/report');
  await page.waitForSelector('.notice.error');
  assert.match(await page.textContent('.notice.error'), /无法读取/);
  assert.equal(await page.$('.report-doc'), null, 'no report drafted from empty answers');

  // The full backup holds the raw text and says so.
  await nav(page, '#/data');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("导出全部数据")')]);
  const path = join(ARTIFACTS, 'backup-with-unreadable.json');
  await dl.saveAs(path);
  await page.waitForSelector('[data-testid=notice]:has-text("无法读取")');
  assert.match(await page.textContent('[data-testid=notice]'), /其中 1 份数据无法读取，已按原样/);
  const backup = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(backup.unreadable.length, 1);
  assert.equal(backup.unreadable[0].raw, broken, 'the stored text, unchanged');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), broken, 'still untouched here');
  await page.context().close();

  // On a clean computer the import restores it as unreadable.
  const other = await newPage(env.browser);
  await openApp(other, env.server.url + '#/data');
  await other.setInputFiles('#import-file', path);
  await other.waitForSelector('.import-preview');
  await other.click('button:has-text("确认导入")');
  await other.waitForSelector('[data-testid=notice]:has-text("导入完成")');
  await other.waitForSelector('#unreadable');
  assert.match(await other.textContent('#unreadable'), /一次自评的答案/);
  const restored = await other.evaluate(() => {
    const k = Object.keys(localStorage).find((x) => x.includes('.answers.'));
    return localStorage.getItem(k);
  });
  assert.equal(restored, broken, 'restored exactly as it was stored, not as empty answers');
  await nav(other, '#/survey');
  await other.waitForSelector('.notice.error, [role=alert]');
  assert.deepEqual(other.errors, []);
  await other.context().close();
});

test('deleting an evaluation with teachers’ answers leaves no key of it, in localStorage or IndexedDB', async () => {
  const teacher = await newPage(env.browser, { acceptDownloads: true });
  await openApp(teacher, env.server.url);
  await addSchool(teacher, '删除测试小学');
  await startEvaluation(teacher);
  await teacher.click('label[for="pt-A1-1-1-value-A"]');
  await nav(teacher, '#/data');
  await teacher.fill('#respondent-name', '李老师');
  const [dl] = await Promise.all([teacher.waitForEvent('download'), teacher.click('button:has-text("导出我的答卷")')]);
  const file = join(ARTIFACTS, 'answers-delete.json');
  await dl.saveAs(file);
  await teacher.context().close();

  const page = await newPage(env.browser);
  page.on('dialog', (d) => d.accept());
  await openApp(page, env.server.url);
  await addSchool(page, '删除测试小学');
  await startEvaluation(page);
  await page.click('label[for="pt-A1-1-2-value-C"]');
  await nav(page, '#/data');
  await page.setInputFiles('#respondent-files', [file]);
  await page.waitForSelector('[data-testid=notice]:has-text("已导入 1 份答卷")');
  await nav(page, '#/report');
  await page.waitForSelector('.report-doc');
  await page.fill('#report-doc-number', '删测〔2026〕1号');
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.includes('.report.')));
  const evaluation = await page.evaluate(() => Object.keys(localStorage).find((k) => k.includes('.answers.')).split('.answers.')[1]);
  const before = Object.keys(await stored(page)).filter((k) => k.includes(evaluation));
  assert.ok(before.some((k) => k.startsWith('idb:')), `teachers' answers are in IndexedDB: ${before}`);
  assert.ok(before.length >= 3, `answers, report edits and teachers' answers: ${before}`);

  await nav(page, '#/survey');
  await page.click('details.eval-switch > summary');
  await page.click('.eval-switch button:has-text("删除这次自评")');
  await page.waitForSelector('form button[type=submit]:has-text("开始自评")');
  await page.waitForFunction(
    async (id) => {
      const keys = Object.keys(localStorage).filter((k) => k.includes(id));
      return keys.length === 0;
    },
    evaluation,
  );
  const after = Object.entries(await stored(page)).filter(([k, v]) => k.includes(evaluation) || v.includes(evaluation));
  assert.deepEqual(after, [], 'nothing of the evaluation is left');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a Chinese input method: the composition is not saved half-way, the committed text is saved once', async () => {
  const page = await newPage(env.browser);
  await openApp(page, env.server.url);
  await addSchool(page, '输入法小学');
  await startEvaluation(page);
  const note = `${pt('A1.1.1')}-note`;
  await page.focus(note);
  const cdp = await page.context().newCDPSession(page);
  const answers = () =>
    page.evaluate(() => {
      const k = Object.keys(localStorage).find((x) => x.includes('.answers.'));
      return k ? localStorage.getItem(k) : '';
    });
  const revBefore = JSON.parse((await answers()) || '{"rev":0}').rev;
  // Typing pinyin: the field shows the composition, nothing is stored yet.
  for (const text of ['d', 'da', 'dang', '党']) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }
  await page.waitForTimeout(300);
  assert.doesNotMatch(await answers(), /dang|党/, 'nothing saved during the composition');
  // Committing it saves the text.
  await cdp.send('Input.insertText', { text: '党组织' });
  await page.waitForFunction((sel) => document.querySelector(sel).value === '党组织', note);
  await page.waitForFunction(() => {
    const k = Object.keys(localStorage).find((x) => x.includes('.answers.'));
    return k && /党组织/.test(localStorage.getItem(k));
  });
  const saved = JSON.parse(await answers());
  assert.equal(saved.data.by_point['A1.1.1'].note, '党组织');
  assert.ok(saved.rev - revBefore <= 2, `one save for the committed text (revisions ${revBefore} → ${saved.rev})`);
  await page.reload();
  await page.waitForSelector(note);
  assert.equal(await page.inputValue(note), '党组织');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('in English, refusals and warnings are English too', async () => {
  const page = await newPage(env.browser);
  page.on('dialog', (d) => d.accept());
  await openApp(page, env.server.url);
  await addSchool(page, 'Test School');
  await startEvaluation(page);
  await page.click('label[for="pt-A1-1-1-value-B"]');
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.includes('.answers.')));
  await page.click('button.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const cjk = /[\u3400-\u9fff]/;
  // A file that is not a backup.
  await nav(page, '#/data');
  await page.setInputFiles('#import-file', { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await page.waitForSelector('[data-testid=notice]');
  const refusal = await page.textContent('[data-testid=notice]');
  assert.match(refusal, /Cannot import/);
  assert.doesNotMatch(refusal, cjk, refusal);
  // A cut-off file.
  await page.setInputFiles('#import-file', { name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"xzzp-backup","version":2,"sch') });
  await page.waitForFunction(() => /incomplete/.test(document.querySelector('[data-testid=notice]')?.textContent ?? ''));
  assert.doesNotMatch(await page.textContent('[data-testid=notice]'), cjk);
  // Damaged stored data: the banner speaks English.
  const key = await page.evaluate(() => Object.keys(localStorage).find((k) => k.includes('.answers.')));
  await page.evaluate((k) => localStorage.setItem(k, '{"schema":2,"rev":1,"data":'), key);
  await nav(page, '#/survey');
  await page.reload();
  await page.waitForSelector('.banner');
  const banner = await page.textContent('.banner');
  assert.doesNotMatch(banner, cjk, banner);
  await nav(page, '#/data');
  await page.waitForSelector('#unreadable');
  const listed = await page.textContent('#unreadable');
  assert.doesNotMatch(listed, cjk, listed);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('in English, a task with problems, nearly full storage and a save that does not fit speak English', async () => {
  const page = await newPage(env.browser);
  page.on('dialog', (d) => d.accept());
  await openApp(page, env.server.url);
  await addSchool(page, 'Full Storage School');
  await startEvaluation(page);
  await page.click('label[for="pt-A1-1-1-value-D"]');
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.includes('.answers.')));
  await page.click('button.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const cjk = /[\u3400-\u9fff]/;
  // A drafted task whose due date is moved before its start: the problems are named in English.
  await nav(page, '#/plan');
  await page.click('a.tab[href="#/plan/ledger"]');
  await page.click('button:has-text("Draft tasks")');
  await page.waitForSelector('.ledger-table tbody.task');
  await page.click('.ledger-table tbody.task >> nth=0 >> button:has-text("Edit")');
  const editor = '#' + (await page.getAttribute('.ledger-table tbody.task >> nth=0 >> tr.task-editor-row', 'id'));
  await page.fill(`${editor} [id$="-title"]`, '');
  await page.fill(`${editor} input[id$="-due"]`, '2000-01-01');
  await page.waitForSelector(`${editor} ul.errors li >> nth=1`);
  const problems = await page.textContent(`${editor} ul.errors`);
  assert.doesNotMatch(problems, cjk, problems);
  assert.match(problems, /task's name.*due date is before the start/s, problems);
  // Another page of this site filled storage to about 90 %: the warning is English.
  await page.evaluate(() => localStorage.setItem('other-site-data', 'x'.repeat(Math.floor(5 * 1024 * 1024 * 0.9))));
  await page.reload();
  await page.waitForSelector('[data-testid=storage-warning]');
  const warning = await page.textContent('[data-testid=storage-warning]');
  assert.doesNotMatch(warning, cjk, warning);
  await nav(page, '#/data');
  const usage = await page.textContent('[data-testid=usage-text]');
  assert.doesNotMatch(usage, cjk, usage);
  // Full: a long note does not fit; the notice and its button are English.
  await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 18; size >= 8; size >>= 1) {
      try { for (;;) localStorage.setItem('filler-' + n++, 'y'.repeat(size)); } catch {}
    }
  });
  await nav(page, '#/survey');
  await page.fill(`${pt('A1.1.1')}-note`, 'A long note. '.repeat(800));
  await page.waitForSelector('[data-testid=notice]');
  const full = await page.textContent('[data-testid=notice]');
  assert.doesNotMatch(full, cjk, full);
  assert.match(full, /not saved|full/i, full);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
