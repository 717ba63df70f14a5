// Benchmark of the evidence package in the browser (release build in dist/, Debian's Chromium):
//
// 1. attach FILES files of MB megabytes in all (incompressible bytes, as photos and scans are) to points of an
//    evaluation, spread over the points of the first screen, through the file input as a user picks them;
// 2. export the evidence package: time from the click to the download (and the app's own `evidence-export`
//    measure), the JS heap after, the peak resident memory of every Chromium process during the export, the
//    size of the ZIP and its entries (read back with Python's zipfile);
// 3. storage at its limit: a fresh profile whose quota is set to QUOTA_MB with the DevTools protocol, files
//    attached until the quota refuses them: what the user is told, and that nothing was half-saved.
//
// Run with `node bench/evidence.mjs [files] [MB] [quota MB]` after `trunk build --release`. Prints a table and
// appends it, dated, to BENCHMARKS.md. A measurement, not a test.
import { appendFile, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { join } from 'node:path';
import { serveDist, launch, newPage, openApp, addSchool, startEvaluation, ROOT } from '../e2e/helpers.js';

const FILES = Number(process.argv[2] ?? 200);
const MB = Number(process.argv[3] ?? 300);
const QUOTA_MB = Number(process.argv[4] ?? 60);
const OUT = join(ROOT, 'target', 'bench');
const FILES_DIR = join(OUT, 'evidence-files');
await mkdir(FILES_DIR, { recursive: true });

const server = await serveDist();
const browser = await launch();

/** Resident memory of every Chromium process, in MB. */
function chromiumRss() {
  const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss='], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).reduce((s, l) => s + Number(l), 0) / 1024;
}

/** The ids of the first `n` points of the open questionnaire that take files. */
async function pointIds(page, n) {
  return page.$$eval('[data-testid^="evidence-input-"]', (l, n) => l.slice(0, n).map((e) => e.dataset.testid.slice('evidence-input-'.length)), n);
}

async function attach(page, point, files) {
  const before = await page.locator(`[data-testid="evidence-${point}"] .evidence-file`).count();
  await page.setInputFiles(`[data-testid="evidence-input-${point}"]`, files);
  await page.waitForFunction(
    ([p, n]) => document.querySelectorAll(`[data-testid="evidence-${p}"] .evidence-file`).length >= n
      || /没有保存|存储空间|无法保存|不足/.test(document.querySelector('[data-testid=notice]')?.textContent ?? ''),
    [point, before + files.length],
    { timeout: 600_000, polling: 200 },
  );
}

/** A file on disk, as a user picks it (the protocol takes at most 50 MB of buffers in one call). */
async function file(i, size) {
  const buffer = Buffer.alloc(size);
  randomFillSync(buffer);
  buffer.write('%PDF-1.4\n', 0);
  const path = join(FILES_DIR, `扫描件-${String(i + 1).padStart(3, '0')}.pdf`);
  await writeFile(path, buffer);
  return path;
}

// 1 and 2: attach and export.
const page = await newPage(browser, { acceptDownloads: true });
await openApp(page, server.url);
await addSchool(page, '基准测试小学');
await startEvaluation(page);
const size = Math.floor((MB * 1024 * 1024) / FILES);
// The points of the first screen of the questionnaire, the files spread evenly over them.
const points = await pointIds(page, 1000);
const perPoint = Math.ceil(FILES / points.length);
const attachStart = Date.now();
for (let i = 0; i < FILES; i += perPoint) {
  const batch = [];
  for (let j = i; j < Math.min(FILES, i + perPoint); j++) batch.push(await file(j, size));
  await attach(page, points[i / perPoint], batch);
}
const attachMs = Date.now() - attachStart;
const attached = await page.locator('.evidence-file').count();

let peak = chromiumRss();
const sampler = setInterval(() => { peak = Math.max(peak, chromiumRss()); }, 100);
const rssBefore = peak;
const exportStart = Date.now();
const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.click('[data-testid=evidence-export]')]);
const zipPath = join(OUT, 'evidence-bench.zip');
await dl.saveAs(zipPath);
const exportMs = Date.now() - exportStart;
clearInterval(sampler);
const appMeasure = await page.evaluate(() => performance.getEntriesByName('evidence-export').at(-1)?.duration ?? null);
const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
const zipBytes = (await stat(zipPath)).size;
const entries = Number(execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(len(z.namelist()))', zipPath], { encoding: 'utf8' }).trim());
await rm(zipPath);
await page.context().close();

// 3: the quota reached.
const cx = await browser.newContext();
const small = await cx.newPage();
await openApp(small, server.url);
const cdp = await cx.newCDPSession(small);
await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(server.url).origin, quotaSize: QUOTA_MB * 1024 * 1024 });
await addSchool(small, '配额测试小学');
await startEvaluation(small);
const quotaPoints = await pointIds(small, 1000);
let stored = 0;
let refusal = '';
for (let i = 0; i < 2 * QUOTA_MB && !refusal; i++) {
  const batch = [await file(1000 + 2 * i, 4 * 1024 * 1024), await file(1001 + 2 * i, 4 * 1024 * 1024)];
  await attach(small, quotaPoints[i % quotaPoints.length], batch);
  const notice = (await small.textContent('[data-testid=notice]').catch(() => '')) ?? '';
  const now = await small.locator('.evidence-file').count();
  if (now < stored + batch.length) refusal = notice.replace(/关闭\s*$/, '').trim();
  stored = now;
}
// Nothing half-saved: the files shown are the files whose bytes are stored, and the batch refused left no blob.
const blobs = await small.evaluate(() => new Promise((ok, fail) => {
  const r = indexedDB.open('xzzp-evidence');
  r.onerror = () => fail(r.error);
  r.onsuccess = () => {
    const db = r.result;
    const names = [...db.objectStoreNames];
    if (names.length === 0) { db.close(); ok(0); return; }
    const c = db.transaction(names[0]).objectStore(names[0]).count();
    c.onsuccess = () => { db.close(); ok(c.result); };
  };
}));
const { usage, quota } = await small.evaluate(async () => { const e = await navigator.storage.estimate(); return { usage: e.usage, quota: e.quota }; });
await small.reload();
await small.waitForSelector('[data-testid^="evidence-input-"]');
const afterReload = await small.locator('.evidence-file').count();
await cx.close();
await rm(FILES_DIR, { recursive: true, force: true });
await browser.close();
await server.close();

const chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const date = new Date().toISOString().slice(0, 10);
const table = `
## ${date} — evidence package in the browser (\`node bench/evidence.mjs ${FILES} ${MB} ${QUOTA_MB}\`)

${chromium}, headless, release build served from dist/, on this machine (2 cores).

| measure | value |
|---|---|
| files attached (${perPoint} per point on ${Math.ceil(FILES / perPoint)} points, ${(size / 1048576).toFixed(2)} MB each, incompressible) | ${attached} of ${FILES} |
| attaching them (pick → stored, every file digested) | ${(attachMs / 1000).toFixed(1)} s |
| export: click → download complete | ${(exportMs / 1000).toFixed(1)} s |
| export: the app's \`evidence-export\` measure (parts → Blob offered) | ${appMeasure === null ? 'n/a' : `${Math.round(appMeasure)} ms`} |
| ZIP size, entries (Python's zipfile tests every CRC) | ${(zipBytes / 1048576).toFixed(1)} MB, ${entries} |
| JS heap after the export | ${heap === null ? 'n/a' : `${(heap / 1048576).toFixed(1)} MB`} |
| resident memory of all Chromium processes, before → peak during the export | ${rssBefore.toFixed(0)} → ${peak.toFixed(0)} MB |
| quota set to ${QUOTA_MB} MB: files stored before a batch of two 4 MB files was refused | ${stored} |
| what the user was told | ${refusal.replace(/\|/g, '/') || '(nothing refused)'} |
| blobs stored = files shown (nothing half-saved); after a reload | ${blobs} = ${stored}; ${afterReload} |
| storage used at the limit, and the quota the page is told (navigator.storage.estimate) | ${(usage / 1048576).toFixed(1)} MB of ${(quota / 1048576).toFixed(0)} MB |
`;
console.log(table);
await appendFile(join(ROOT, 'BENCHMARKS.md'), table);
