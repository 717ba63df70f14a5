// 压缩照片 in the old engines: Chromium 86 (360 安全浏览器 13, 极速模式) and Chromium 109 decode a large photo in
// an <img>, draw it on a canvas and encode it with HTMLCanvasElement.toBlob; the smaller copy is stored and
// previewed. The photo is made in the page (a canvas of noise, as badly compressible as a real photo) and
// handed to the file input through a DataTransfer, since the old drivers cannot make files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, pt } from '../helpers.js';
import { launchOld, clickText } from '../old-browsers.js';

let server;
before(async () => {
  server = await serveDist();
});
after(async () => {
  await server?.close();
});

for (const major of [86, 109]) {
  test(`Chromium ${major} shrinks a 12-megapixel photo on request and stores the smaller copy`, async () => {
    const run = await launchOld(major);
    const { page } = run;
    try {
      await page.goto(server.url + '#/school');
      await page.waitForSelector('#school-name');
      await page.focus('#school-name');
      await page.type('#school-name', `压缩照片测试小学（${major}）`);
      await page.select('#school-type', 'primary');
      await page.click('form button[type=submit]');
      await page.waitForSelector('.school-list li.current');
      await page.click('header nav a[href="#/survey"]');
      await clickText(page, 'form button[type=submit]', '开始自评');
      await page.waitForSelector(pt('A1.1.1'));
      const original = await page.evaluate(async (sel) => {
        const c = document.createElement('canvas');
        c.width = 4000;
        c.height = 3000;
        const ctx = c.getContext('2d');
        const img = ctx.createImageData(4000, 3000);
        let x = 7;
        for (let i = 0; i < img.data.length; i += 4) {
          x = (x * 1103515245 + 12345) & 0x7fffffff;
          img.data[i] = x & 255;
          img.data[i + 1] = (x >> 8) & 255;
          img.data[i + 2] = (i >> 14) & 255;
          img.data[i + 3] = 255;
        }
        ctx.putImageData(img, 0, 0);
        const blob = await new Promise((ok) => c.toBlob(ok, 'image/jpeg', 0.9));
        const dt = new DataTransfer();
        dt.items.add(new File([blob], '全校合影.jpg', { type: 'image/jpeg' }));
        const input = document.querySelector(sel);
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        return blob.size;
      }, '[data-testid="evidence-input-A1.1.1"]');
      assert.ok(original > 1024 * 1024, `${original} bytes`);
      await page.waitForSelector(`${pt('A1.1.1')} [data-testid=evidence-shrink]`);
      await page.click(`${pt('A1.1.1')} [data-testid=evidence-shrink]`);
      await page.waitForSelector(`${pt('A1.1.1')} .evidence-shrunk`);
      const note = await page.$eval(`${pt('A1.1.1')} .evidence-shrunk`, (e) => e.textContent);
      assert.match(note, /已压缩：原图 [\d.]+ MB（4000×3000）→ [\d.]+ (KB|MB)（2000×1500）/);
      const sizes = await page.evaluate(() => new Promise((ok, fail) => {
        const req = indexedDB.open('xzzp-evidence');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const r = req.result.transaction('blobs').objectStore('blobs').getAll();
          r.onsuccess = () => ok(r.result.map((b) => b.size));
          r.onerror = () => fail(r.error);
        };
      }));
      assert.equal(sizes.length, 1);
      assert.ok(sizes[0] < original / 2, `stored ${sizes[0]} of ${original}`);
      const ms = await page.evaluate(() => performance.getEntriesByName('evidence-shrink').map((e) => e.duration));
      console.log(`Chromium ${major}: ${original} → ${sizes[0]} bytes in ${ms[0].toFixed(0)} ms`);
      await clickText(page, `${pt('A1.1.1')} .evidence-file button`, '预览');
      await page.waitForFunction((s) => document.querySelector(s)?.naturalWidth === 2000, {}, `${pt('A1.1.1')} .evidence-preview img`);
      assert.deepEqual(page.errors, []);
    } finally {
      await run.close();
    }
  });
}
