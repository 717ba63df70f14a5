// The spreadsheet worker in the old engines: in Chromium 86 (360 安全浏览器 13, 极速模式) and Chromium 109, on
// the served build and on the single file from file://, a county's .xlsx table is read by the worker (a
// classic worker: no module workers, no top-level await), previewed and saved, under the page's policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveDist, buildSingleFile, SINGLE, ROOT } from '../helpers.js';
import { launchOld, skipGuide } from '../old-browsers.js';

let server;
before(async () => {
  server = await serveDist();
  buildSingleFile();
});
after(async () => {
  await server?.close();
});

function beforePage() {
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
}

async function importTable(major, url) {
  const run = await launchOld(major, { onNewDocument: beforePage });
  const { page } = run;
  try {
    await page.goto(url);
    await page.waitForSelector('header.app-header nav a');
    await skipGuide(page);
    await page.evaluate(() => { location.hash = '#/frameworks'; });
    await page.waitForSelector('#fw-sheet-file');
    await page.focus('#fw-sheet-issuer');
    await page.type('#fw-sheet-issuer', '示例县教育局');
    const input = await page.$('#fw-sheet-file');
    await input.uploadFile(join(ROOT, 'tests', 'fixtures', 'sheets', 'county.xlsx'));
    await page.waitForSelector('#fw-sheet-preview', { timeout: 60_000 });
    const preview = await page.$eval('#fw-sheet-preview', (e) => e.textContent);
    assert.ok(preview.includes('2 个方面，3 个关键指标，6 个考查要点'), preview);
    await page.click('#fw-sheet-save');
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.endsWith('.frameworks.custom')));
    // Chromium before 97 reports WebAssembly compilation as a "script-src eval" miss before allowing it through
    // 'unsafe-eval' (see journey.test.js); nothing else may be reported.
    const violations = await page.evaluate(() => window.cspViolations);
    assert.deepEqual(major < 97 ? violations.filter((v) => v !== 'script-src eval') : violations, []);
    assert.deepEqual(page.errors, []);
  } finally {
    await run.close();
  }
}

for (const major of [86, 109]) {
  test(`Chromium ${major}: a table is imported through the worker on the served build`, () => importTable(major, server.url));
  test(`Chromium ${major}: a table is imported through the worker on the single file from file://`, () => importTable(major, pathToFileURL(SINGLE).href));
}
