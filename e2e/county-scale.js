// Scale of the bureau's import in the built app (a measurement, not a test): imports N package files of the
// 74-point framework at once in Chromium and prints the time until the table shows them, the size of the
// stored document in IndexedDB and what the browser reports as used.
//
//   cargo run --release -p xzzp-documents --example county_bench -- 300 target/county-300
//   trunk build --release && node e2e/county-scale.js target/county-300
//
// Given a .zip of the packages instead of their folder (e.g. made with `cd target/county-300 && zip -9 -q
// ../county-300.zip *.json`, deflate), it imports that one archive: the same table must show every package.
//
//   node e2e/county-scale.js target/county-300.zip 300
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveDist, launch, newPage, openApp, nav } from './helpers.js';

const source = resolve(process.argv[2] ?? 'target/county-300');
const isZip = source.endsWith('.zip');
const files = isZip ? [source] : readdirSync(source).filter((f) => f.endsWith('.json')).sort().map((f) => join(source, f));
const expected = isZip ? Number(process.argv[3] ?? 300) : files.length;
const server = await serveDist();
const browser = await launch();
try {
  const page = await newPage(browser);
  await openApp(page, server.url);
  await nav(page, '#/county');
  await page.waitForSelector('#county-import');
  const before = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
  const t0 = Date.now();
  await page.setInputFiles('#county-import', files);
  await page.waitForFunction((n) => document.querySelectorAll('.county-table tbody tr').length === n, expected, { timeout: 300_000 });
  const shown = Date.now() - t0;
  // The import says "imported and saved" only once IndexedDB has committed the write.
  await page.waitForSelector('.notice:has-text("已导入并保存")', { timeout: 300_000 });
  const saved = Date.now() - t0;
  // Wait until IndexedDB holds the packages, then read the stored value's size.
  const stored = await page.evaluate(async () => {
    const db = await new Promise((ok, ko) => { const r = indexedDB.open('xzzp'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
    for (let i = 0; i < 100; i++) {
      const v = await new Promise((ok) => {
        const r = db.transaction('docs').objectStore('docs').get('xzzp.p.default.county.packages');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ok(null);
      });
      if (v) return typeof v === 'string' ? v.length : JSON.stringify(v).length;
      await new Promise((ok) => setTimeout(ok, 200));
    }
    return null;
  });
  const after = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
  const reload0 = Date.now();
  await page.reload();
  await page.waitForFunction((n) => document.querySelectorAll('.county-table tbody tr').length === n, expected, { timeout: 300_000 });
  const reopened = Date.now() - reload0;
  await page.waitForTimeout(3000);
  const settled = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
  console.log(JSON.stringify({
    packages: expected,
    source: isZip ? 'one .zip' : 'separate files',
    import_until_table_ms: shown,
    import_until_saved_ms: saved,
    reload_until_table_ms: reopened,
    stored_chars: stored,
    storage_usage_before: before,
    storage_usage_after: after,
    storage_usage_after_reload: settled,
    errors: page.errors,
  }, null, 1));
} finally {
  await browser.close();
  await server.close();
}
