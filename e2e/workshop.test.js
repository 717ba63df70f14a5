// Workshops and classrooms: sample schools, projector mode at 1024×768, the first-run guide, keyboard-only
// answering, accessibility (axe-core) and complete English.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openApp, screenshot, ROOT, suite, addSchool, startEvaluation, nav } from './helpers.js';

const env = suite();
let axeSource;
before(async () => {
  axeSource = await readFile(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
});

const SCREENS = ['#/', '#/school', '#/survey', '#/plan', '#/plan/ledger', '#/report', '#/data'];
const SAMPLES = ['示例·青山乡中心小学', '示例·城东初级中学', '示例·河西高级中学'];

async function page(options = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 }, ...options });
  const p = await context.newPage();
  p.errors = [];
  p.on('pageerror', (e) => p.errors.push(String(e)));
  p.on('dialog', (d) => d.accept());
  return p;
}

async function loadDemo(p) {
  await openApp(p, env.server.url);
  await p.click('button:has-text("载入示例学校")');
  await p.waitForSelector('.demo-banner');
}

test('a trainer loads the sample schools, opens each report, and resets to empty', async () => {
  const p = await page();
  // Real data of this computer first: it must survive the demo untouched.
  await openApp(p, env.server.url);
  await addSchool(p, '本校真实数据小学');
  await loadDemo(p);
  const cards = await p.$$eval('.school-cards h3', (h) => h.map((x) => x.textContent));
  for (const s of SAMPLES) assert.ok(cards.some((c) => c.includes(s)), `${s} on the home page`);
  assert.ok(!cards.some((c) => c.includes('本校真实数据小学')), 'sample data does not mix with real data');
  for (const name of SAMPLES) {
    await p.click(`.school-cards li:has(h3:has-text("${name}")) button`);
    await nav(p, '#/report');
    await p.waitForSelector('.report-doc');
    const text = await p.textContent('.report-doc');
    assert.ok(text.includes(name), `report of ${name}`);
    assert.match(text, /与上次自评比较/, 'each sample has an earlier evaluation');
    assert.match(text, /四、下一步工作计划/);
    await nav(p, '#/plan');
    await p.click('a.tab[href="#/plan/ledger"]');
    await p.waitForSelector('main#main[data-route="#/plan/ledger"] .ledger-table tbody.task');
    for (const status of ['未开始', '进行中', '已完成', '已延期']) {
      assert.ok(await p.$(`.ledger-table .status:has-text("${status}")`), `${name}: a task ${status}`);
    }
    await nav(p, '#/');
  }
  await p.click('.demo-banner button');
  await p.waitForSelector('.demo-banner', { state: 'detached' });
  const left = await p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('xzzp.p.demo.')));
  assert.deepEqual(left, [], 'reset removes every sample key');
  await nav(p, '#/school');
  assert.equal(await p.inputValue('#school-name'), '本校真实数据小学');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('a newcomer sees three short steps and can skip them', async () => {
  const p = await page();
  await openApp(p, env.server.url, { guide: true });
  await p.waitForSelector('.guide[role=dialog]');
  assert.match(await p.textContent('.guide'), /快速入门 1\/3/);
  assert.match(await p.textContent('.guide h2'), /填写学校信息/);
  assert.equal(await p.evaluate(() => document.activeElement?.id), 'guide-title', 'focus moves into the dialog');
  await p.click('.guide button:has-text("下一步")');
  assert.match(await p.textContent('.guide h2'), /回答自评问卷/);
  await p.click('.guide button:has-text("下一步")');
  assert.match(await p.textContent('.guide h2'), /生成报告与台账/);
  await p.keyboard.press('Escape');
  await p.waitForSelector('.guide', { state: 'detached' });
  await p.reload();
  await p.waitForSelector('header.app-header nav a');
  assert.equal(await p.$('.guide'), null, 'it does not come back');
  await p.context().close();
});

test('a whole indicator can be completed with the keyboard alone', async () => {
  const p = await page();
  await openApp(p, env.server.url);
  await addSchool(p, '键盘测试小学');
  await startEvaluation(p);
  // From the first point's first control, using Tab, arrow keys, typing and Alt+N only.
  // Arrow keys move through a radio group and choose as they go; Space chooses the focused level.
  await p.focus('#pt-A1-1-1-value-A');
  await p.keyboard.press('ArrowDown'); // 良好
  await p.keyboard.press('Tab'); // → 清除 (clear the level)
  assert.equal(await p.evaluate(() => document.activeElement.textContent), '清除');
  await p.keyboard.press('Tab'); // → the note
  assert.equal(await p.evaluate(() => document.activeElement.id), 'pt-A1-1-1-note');
  await p.keyboard.type('键盘输入的说明');
  assert.equal(await p.inputValue('#pt-A1-1-1-note'), '键盘输入的说明');
  const focused = (id) => p.waitForFunction((x) => document.activeElement?.id === x, id);
  await p.keyboard.press('Alt+KeyN'); // → A1.1.2, focus on its first level
  await focused('pt-A1-1-2-value-A');
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('ArrowDown'); // 合格
  await p.keyboard.press('Alt+KeyN'); // → A1.1.3
  await focused('pt-A1-1-3-value-A');
  await p.keyboard.press('Space'); // 优秀
  assert.equal(await p.isChecked('#pt-A1-1-1-value-B'), true);
  assert.equal(await p.isChecked('#pt-A1-1-2-value-C'), true);
  assert.equal(await p.isChecked('#pt-A1-1-3-value-A'), true);
  const done = await p.textContent('.q-nav a:has(.ind-id:text-is("A1.1")) .count');
  assert.equal(done, '3/3', 'indicator A1.1 complete');
  // Focus is always visible: the focused control has an outline.
  const outline = await p.evaluate(() => getComputedStyle(document.activeElement.closest('.choice') ?? document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await p.context().close();
});

async function axe(p) {
  await p.evaluate(axeSource);
  return p.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

test('every main screen passes axe-core with no serious or critical violation, in both languages', async () => {
  // axe is injected through DevTools evaluation; the page keeps its Content-Security-Policy.
  const p = await page();
  await loadDemo(p);
  for (const lang of ['zh', 'en']) {
    if (lang === 'en') await p.click('button.lang-switch');
    for (const hash of SCREENS) {
      await p.evaluate((h) => { location.hash = h; }, hash);
      await p.waitForSelector('main h1');
      await p.waitForTimeout(100);
      const violations = await axe(p);
      assert.deepEqual(violations, [], `${lang} ${hash}`);
    }
  }
  await p.context().close();
});

test('the English interface has no Chinese left except marked template content and user data', async () => {
  const p = await page();
  await loadDemo(p);
  await p.click('button.lang-switch');
  const userData = [...SAMPLES, '示例县', '示例·柳湾村小学', '示例县第一教育集团', '（示例）'];
  for (const hash of SCREENS) {
    await p.evaluate((h) => { location.hash = h; }, hash);
    await p.waitForSelector('main h1');
    const leftovers = await p.evaluate((allowed) => {
      const cjk = /[\u3400-\u9fff]/;
      const out = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent.trim();
        if (!cjk.test(text)) continue;
        const el = n.parentElement;
        // Marked Chinese content (template text, Chinese documents) and user data (translate="no").
        if (el.closest('[lang^="zh"], [translate="no"], script, style, noscript, option, textarea')) continue;
        if (allowed.some((a) => text.includes(a))) continue;
        out.push(text.slice(0, 60));
      }
      // Form values typed by users are data, not interface.
      return out;
    }, userData);
    assert.deepEqual(leftovers, [], `untranslated text on ${hash}`);
  }
  await p.context().close();
});

test('projector mode: large type and the main screens fit 1024×768', async () => {
  const p = await page({ viewport: { width: 1024, height: 768 } });
  await loadDemo(p);
  await p.click('button.projector-switch');
  assert.equal(await p.evaluate(() => document.documentElement.classList.contains('projector')), true);
  assert.equal(await p.evaluate(() => getComputedStyle(document.documentElement).fontSize), '20px');
  for (const hash of SCREENS) {
    await p.evaluate((h) => { location.hash = h; }, hash);
    await p.waitForSelector('main h1');
    await p.waitForTimeout(100);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${hash} is ${overflow}px wider than the screen`);
    await screenshot(p, `projector${hash.replaceAll('/', '-').replace('#', '')}`);
  }
  await p.reload();
  await p.waitForSelector('header.app-header nav a');
  assert.equal(await p.evaluate(() => document.documentElement.classList.contains('projector')), true, 'remembered');
  await p.context().close();
});
