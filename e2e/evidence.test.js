// 佐证材料: attach a photo and a PDF to two points, reload, preview, tick listed items, export the evidence
// package and read its tree and 目录; refusals for a file over the limit and for a full storage; the stored
// bytes go with their evaluation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync, inflateRawSync } from 'node:zlib';
import { mkdir, readFile, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ARTIFACTS, newPage, openApp, pt, screenshot, suite, watchCsp, nav } from './helpers.js';
import { convertToPdf, isLandscapeA4, readPdf, squeeze } from './office.js';

const env = suite();

// ---- files made here -----------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A real PNG of w×h pixels in one colour. */
function png(w, h, [r, g, b]) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => [r, g, b]).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF with a correct cross-reference table. */
function pdf(text) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 18 Tf 30 100 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The entries of a ZIP from its central directory: name (UTF-8 flag checked), method, data. */
function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'end of central directory found');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const csize = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + csize);
    const data = method === 0 ? raw : inflateRawSync(raw);
    entries.push({ name, flags, method, crc, data });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

async function blobCount(page) {
  return Number(await blobCountOrFalse(page));
}

async function blobCountOrFalse(page) {
  // Opening a database that does not exist would create it: look first.
  return page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'xzzp-evidence') && new Promise((ok, fail) => {
    const req = indexedDB.open('xzzp-evidence');
    req.onerror = () => fail(req.error);
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('blobs')) return ok(0);
      const r = db.transaction('blobs').objectStore('blobs').count();
      r.onsuccess = () => { ok(r.result); db.close(); };
      r.onerror = () => fail(r.error);
    };
  }));
}

const PHOTO = png(64, 48, [200, 40, 40]);
const ZIP = join(ARTIFACTS, 'evidence-package.zip');
const BACKUP = join(ARTIFACTS, 'evidence-backup.json');
const MINUTES = pdf('Minutes 2025');
const ITEM_RULES = '党组织会议和校长办公会议议事规则';
const ITEM_MINUTES = '近一学年党组织会议、校长办公会议记录';

test('a principal attaches a photo and a PDF, finds them after reload, previews, ticks items and exports the package', async () => {
  const page = await newPage(env.browser, { acceptDownloads: true });
  await watchCsp(page.context());
  page.on('dialog', (d) => d.accept());
  await openApp(page, env.server.url + '#/school');
  await page.fill('#school-name', '贺兰县示例第一小学');
  await page.selectOption('#school-type', 'primary');
  await page.click('form button[type=submit]');
  await page.waitForSelector('.school-list li.current');
  await nav(page, '#/survey');
  await page.click('form button[type=submit]:has-text("开始自评")');
  await page.waitForSelector(pt('A1.1.1'));
  assert.match(await page.textContent('[data-testid="evidence-count-A1.1.1"]'), /^0\/4 项 · 0 个文件$/);

  // A photo on A1.1.1, a PDF on A1.1.2.
  await page.setInputFiles('[data-testid="evidence-input-A1.1.1"]', { name: '会议照片.png', mimeType: 'image/png', buffer: PHOTO });
  await page.waitForSelector(`${pt('A1.1.1')} .evidence-file:has-text("会议照片.png")`);
  await page.setInputFiles('[data-testid="evidence-input-A1.1.2"]', { name: '支部会议记录.pdf', mimeType: 'application/pdf', buffer: MINUTES });
  await page.waitForSelector(`${pt('A1.1.2')} .evidence-file:has-text("支部会议记录.pdf")`);
  assert.match(await page.textContent(`${pt('A1.1.1')} .evidence-file`), /图片 · 1\.\d KB|图片 · \d+ 字节/);
  assert.equal(await blobCount(page), 2);

  // The same photo again on the same point is refused and changes nothing.
  await page.setInputFiles('[data-testid="evidence-input-A1.1.1"]', { name: '副本.png', mimeType: 'image/png', buffer: PHOTO });
  await page.waitForSelector('[data-testid=notice]:has-text("内容完全相同")');
  assert.equal(await page.locator(`${pt('A1.1.1')} .evidence-file`).count(), 1);

  // Tick a listed item as present on paper, and link the photo to another item.
  await page.check(`${pt('A1.1.1')} .evidence-checklist li:has-text("${ITEM_RULES}") input`);
  await page.selectOption(`${pt('A1.1.1')} .evidence-file select`, ITEM_MINUTES);
  await page.waitForFunction(() => document.querySelector('[data-testid="evidence-count-A1.1.1"]').textContent === '2/4 项 · 1 个文件');
  assert.match(await page.textContent('[data-testid=evidence-overall]'), /佐证材料 2\/\d+ 项，2 个文件；\d+ 个要点尚无材料/);

  // Everything is there after a reload.
  await page.reload();
  await page.waitForSelector(`${pt('A1.1.1')} .evidence-file:has-text("会议照片.png")`);
  await page.waitForSelector(`${pt('A1.1.2')} .evidence-file:has-text("支部会议记录.pdf")`);
  assert.equal(await page.textContent('[data-testid="evidence-count-A1.1.1"]'), '2/4 项 · 1 个文件');
  assert.ok(await page.isChecked(`${pt('A1.1.1')} .evidence-checklist li:has-text("${ITEM_RULES}") input`));
  assert.ok(await page.isChecked(`${pt('A1.1.1')} .evidence-checklist li:has-text("${ITEM_MINUTES}") input`), 'linked by the photo');
  assert.equal(await page.inputValue(`${pt('A1.1.1')} .evidence-file select`), ITEM_MINUTES);

  // Preview: the photo in an <img>, the PDF in an <iframe>, both from object URLs the policy allows.
  await page.click(`${pt('A1.1.1')} .evidence-file button:has-text("预览")`);
  await page.waitForSelector(`${pt('A1.1.1')} .evidence-preview img`);
  await page.waitForFunction((sel) => document.querySelector(sel)?.naturalWidth === 64, `${pt('A1.1.1')} .evidence-preview img`);
  assert.match(await page.getAttribute(`${pt('A1.1.1')} .evidence-preview img`, 'src'), /^blob:/);
  await page.click(`${pt('A1.1.2')} .evidence-file button:has-text("预览")`);
  await page.waitForSelector(`${pt('A1.1.2')} .evidence-preview iframe`);
  assert.match(await page.getAttribute(`${pt('A1.1.2')} .evidence-preview iframe`, 'src'), /^blob:/);
  await screenshot(page, 'evidence-preview');
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  await page.click(`${pt('A1.1.1')} .evidence-preview button:has-text("关闭预览")`);
  assert.equal(await page.locator(`${pt('A1.1.1')} .evidence-preview`).count(), 0);

  // "Next point without evidence" leaves the two points that have some.
  await page.focus(`${pt('A1.1.2')} input`);
  await page.click('[data-testid=evidence-next]');
  await page.waitForFunction(() => {
    const p = document.activeElement?.closest('article.point');
    return p && p.id !== 'pt-A1-1-1' && p.id !== 'pt-A1-1-2';
  });

  // The evidence package: folders by area, indicator and point, readable names, the 目录 and the manifest.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=evidence-export]')]);
  assert.match(dl.suggestedFilename(), /^贺兰县示例第一小学\d{4}—\d{4}学年佐证材料\.zip$/);
  await mkdir(ARTIFACTS, { recursive: true });
  const zipPath = ZIP;
  await dl.saveAs(zipPath);
  const entries = unzip(await readFile(zipPath));
  const names = entries.map((e) => e.name);
  for (const e of entries) assert.ok(e.flags & 0x800, `UTF-8 flag on ${e.name}`);
  const root = names[0].split('/')[0];
  assert.equal(root + '.zip', dl.suggestedFilename());
  assert.ok(names.every((n) => n.startsWith(root + '/')), names.join('\n'));
  const photo = entries.find((e) => e.name.endsWith('.png'));
  const minutes = entries.find((e) => e.name.endsWith('.pdf'));
  const parts = photo.name.split('/');
  assert.equal(parts.length, 5, photo.name);
  assert.match(parts[1], /^A1 /);
  assert.match(parts[2], /^A1\.1 /);
  assert.match(parts[3], /^A1\.1\.1 /);
  assert.match(parts[4], /^A1\.1\.1-近一学年.*-01\.png$/);
  assert.match(minutes.name, /\/A1\.1\.2 [^/]+\/A1\.1\.2-支部会议记录-01\.pdf$/);
  assert.ok(photo.data.equals(PHOTO), 'the photo is the bytes attached');
  assert.ok(minutes.data.equals(MINUTES), 'the PDF is the bytes attached');
  assert.equal(photo.crc, crc32(PHOTO));
  const csv = entries.find((e) => e.name === `${root}/佐证材料目录.csv`).data;
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel and WPS');
  const rows = csv.toString('utf8').slice(1).trim().split(/\r?\n/);
  assert.match(rows[0], /^序号,方面,关键指标,要点编号,考查要点,对应的佐证材料,文件（包内位置）,原文件名,类型,大小,提供人,添加时间$/);
  assert.equal(rows.length, 4, rows.join('\n'));
  assert.ok(rows.some((r) => r.includes('A1.1.1') && r.includes('会议照片.png') && r.includes(ITEM_MINUTES) && r.includes(parts.slice(1).join('/'))));
  assert.ok(rows.some((r) => r.includes('A1.1.1') && r.includes(ITEM_RULES) && r.includes('纸质材料')));
  assert.ok(rows.some((r) => r.includes('A1.1.2') && r.includes('支部会议记录.pdf')));
  // The 目录 as a Word document too: LibreOffice reads it, landscape A4, every file and the paper-only item.
  const catalogueDocx = join(ARTIFACTS, 'evidence-catalogue.docx');
  await writeFile(catalogueDocx, entries.find((e) => e.name === `${root}/佐证材料目录.docx`).data);
  const [cataloguePdf] = convertToPdf([catalogueDocx], join(ARTIFACTS, 'evidence-pdf'));
  const catalogue = readPdf(cataloguePdf);
  assert.ok(catalogue.pages.every(isLandscapeA4), 'landscape A4');
  for (const t of ['贺兰县示例第一小学', '佐证材料目录', '会议照片.png', '支部会议记录.pdf', '纸质材料', '共2个电子文件、1项纸质材料']) {
    assert.ok(catalogue.text.includes(squeeze(t)), `the Word 目录 has ${t}`);
  }
  const manifest = JSON.parse(entries.find((e) => e.name === `${root}/xzzp-evidence.json`).data.toString('utf8'));
  assert.equal(manifest.files.length, 2);
  const measure = await page.evaluate(() => performance.getEntriesByName('evidence-export').map((e) => e.duration));
  assert.equal(measure.length, 1);
  console.log(`evidence package: ${entries.length} entries, exported in ${measure[0].toFixed(1)} ms`);

  // The backup of the answers (without the files: those travel in the evidence package).
  await nav(page, '#/data');
  const [bk] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("导出全部数据")')]);
  await bk.saveAs(BACKUP);
  await nav(page, '#/survey');
  await page.waitForSelector(pt('A1.1.1'));

  // A file over the 50 MB limit is refused before it is read; nothing is added.
  const big = join(tmpdir(), `xzzp-evidence-big-${process.pid}.mp4`);
  await writeFile(big, Buffer.alloc(50 * 1024 * 1024 + 1, 1));
  try {
    await page.setInputFiles('[data-testid="evidence-input-A1.1.1"]', big);
    await page.waitForSelector('[data-testid=notice]:has-text("超过每个文件 50.0 MB 的上限，没有添加")');
  } finally {
    await rm(big, { force: true });
  }
  assert.equal(await page.locator(`${pt('A1.1.1')} .evidence-file`).count(), 1);

  // A full storage: the browser's estimate made to report 20 MB + 100 bytes left of 1 GB (DevTools'
  // Storage.overrideQuotaForOrigin did not change what navigator.storage.estimate() reports in this Chromium).
  // The refusal says how much is needed and what is left (after the 20 MB kept for the other documents).
  await page.evaluate(() => {
    navigator.storage.estimate = async () => ({ quota: 1024 ** 3, usage: 1024 ** 3 - 20 * 1024 ** 2 - 100 });
  });
  const group = png(400, 300, [10, 90, 200]);
  await page.setInputFiles('[data-testid="evidence-input-A1.1.1"]', { name: '合影.png', mimeType: 'image/png', buffer: group });
  await page.waitForSelector('[data-testid=notice]:has-text("浏览器存储空间不足：这些文件需要")');
  assert.match(await page.textContent("[data-testid=notice]"), /这些文件需要 [\d.]+ KB，目前只剩 100 字节。什么都没有保存。/);
  assert.equal(await page.locator(`${pt('A1.1.1')} .evidence-file`).count(), 1);
  assert.equal(await blobCount(page), 2);
  await page.evaluate(() => { delete navigator.storage.estimate; });

  // Removing a file deletes its bytes; deleting the evaluation takes the rest with it.
  await page.click(`${pt('A1.1.2')} .evidence-file button:has-text("移除")`);
  await page.waitForFunction(() => !document.querySelector('#pt-A1-1-2 .evidence-file'));
  for (let i = 0; i < 50 && (await blobCount(page)) > 1; i++) await page.waitForTimeout(100);
  assert.equal(await blobCount(page), 1);
  await page.click('.eval-switch summary');
  await page.click('.eval-list li.current button.danger');
  await page.waitForSelector(pt('A1.1.1'), { state: 'detached' });
  for (let i = 0; i < 50 && (await blobCount(page)) > 0; i++) await page.waitForTimeout(100);
  assert.equal(await blobCount(page), 0);
  assert.deepEqual(page.errors, []);
});

test('on a clean profile the backup and then the evidence package bring everything back; another evaluation refuses it', async () => {
  const page = await newPage(env.browser, { acceptDownloads: true });
  page.on('dialog', (d) => d.accept());
  await openApp(page, env.server.url + '#/data');
  await page.setInputFiles('#import-file', BACKUP);
  await page.waitForSelector('.import-preview');
  await page.click('button:has-text("确认导入")');
  await page.waitForSelector('[data-testid=notice]:has-text("导入完成")');
  await nav(page, '#/survey');
  await page.waitForSelector(pt('A1.1.1'));
  assert.equal(await page.locator('.evidence-file').count(), 0, 'a backup carries no files');
  assert.equal(await blobCount(page), 0);
  // A database of the same name without the object store (e.g. made by a look in DevTools) is upgraded.
  await page.evaluate(() => new Promise((ok) => { const r = indexedDB.open('xzzp-evidence'); r.onsuccess = () => { r.result.close(); ok(); }; }));

  await page.setInputFiles('#evidence-import-file', ZIP);
  await page.waitForSelector('[data-testid=notice]:has-text("佐证材料包已导入：将添加 2 个文件")');
  await page.waitForSelector(`${pt('A1.1.1')} .evidence-file:has-text("会议照片.png")`);
  await page.waitForSelector(`${pt('A1.1.2')} .evidence-file:has-text("支部会议记录.pdf")`);
  assert.equal(await page.textContent('[data-testid="evidence-count-A1.1.1"]'), '2/4 项 · 1 个文件');
  assert.equal(await page.inputValue(`${pt('A1.1.1')} .evidence-file select`), ITEM_MINUTES);
  assert.equal(await blobCount(page), 2);
  await page.click(`${pt('A1.1.1')} .evidence-file button:has-text("预览")`);
  await page.waitForFunction((sel) => document.querySelector(sel)?.naturalWidth === 64, `${pt('A1.1.1')} .evidence-preview img`);

  // The same package again adds nothing.
  await page.setInputFiles('#evidence-import-file', ZIP);
  await page.waitForSelector('[data-testid=notice]:has-text("将添加 0 个文件")');
  assert.equal(await page.locator('.evidence-file').count(), 2);

  // Into another evaluation: refused, nothing changes.
  await page.click('.picker > details.card summary');
  await page.selectOption('#new-term', { index: 1 });
  await page.click('form button[type=submit]:has-text("开始自评")');
  await page.waitForFunction(() => !document.querySelector('#pt-A1-1-1 .evidence-file'));
  await page.setInputFiles('#evidence-import-file', ZIP);
  await page.waitForSelector('[data-testid=notice]:has-text("不是当前打开的")');
  assert.equal(await page.locator('.evidence-file').count(), 0);
  assert.deepEqual(page.errors, []);
});

/** Sizes of every stored blob, from the evidence database. */
async function blobSizes(page) {
  return page.evaluate(() => new Promise((ok, fail) => {
    const req = indexedDB.open('xzzp-evidence');
    req.onerror = () => fail(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const r = db.transaction('blobs').objectStore('blobs').getAll();
      r.onsuccess = () => { ok(r.result.map((b) => b.size).sort((a, b) => a - b)); db.close(); };
      r.onerror = () => fail(r.error);
    };
  }));
}

/** A photo-like image made in the page (noise compresses badly, as a real photo does), as bytes. */
async function noiseImage(page, w, h, type, quality) {
  const b64 = await page.evaluate(async ([w, h, type, quality]) => {
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    const ctx = c.getContext('2d');
    const img = ctx.createImageData(w, h);
    let x = 12345;
    for (let i = 0; i < img.data.length; i += 4) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      img.data[i] = x & 255;
      img.data[i + 1] = (x >> 8) & 255;
      img.data[i + 2] = (i / 4 / w) % 256;
      img.data[i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    const blob = await new Promise((ok) => c.toBlob(ok, type, quality));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, [w, h, type, quality]);
  return Buffer.from(b64, 'base64');
}

test('a large photo is shrunk on request; the report counts the evidence and annexes the 目录; the 上报包 names the files for the county', async () => {
  const SCHOOL = '贺兰县示例第二小学';
  const page = await newPage(env.browser, { acceptDownloads: true });
  await watchCsp(page.context());
  page.on('dialog', (d) => d.accept());
  await openApp(page, env.server.url + '#/school');
  await page.fill('#school-name', SCHOOL);
  await page.selectOption('#school-type', 'primary');
  await page.click('form button[type=submit]');
  await page.waitForSelector('.school-list li.current');
  await nav(page, '#/survey');
  await page.click('form button[type=submit]:has-text("开始自评")');
  await page.waitForSelector(pt('A1.1.1'));

  // A 12-megapixel photo: offered to be shrunk; the originals are the default.
  const photo = await noiseImage(page, 4000, 3000, 'image/jpeg', 0.9);
  assert.ok(photo.length > 1024 * 1024, `${photo.length} bytes`);
  await page.setInputFiles('[data-testid="evidence-input-A1.1.1"]', { name: '全校合影.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.waitForSelector(`${pt('A1.1.1')} [data-testid=evidence-shrink-offer]`);
  assert.match(await page.textContent(`${pt('A1.1.1')} [data-testid=evidence-shrink-offer]`), /1 张照片超过 1\.0 MB：“全校合影\.jpg”（[\d.]+ MB）/);
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'evidence-keep-originals');
  assert.equal(await blobCountOrFalse(page), false, 'nothing stored while the choice is open');
  await page.click(`${pt('A1.1.1')} [data-testid=evidence-shrink]`);
  await page.waitForSelector(`${pt('A1.1.1')} .evidence-file:has-text("全校合影.jpg") .evidence-shrunk`);
  assert.match(await page.textContent(`${pt('A1.1.1')} .evidence-shrunk`), /已压缩：原图 [\d.]+ MB（4000×3000）→ [\d.]+ (KB|MB)（2000×1500）/);
  assert.equal(await page.locator(`${pt('A1.1.1')} [data-testid=evidence-shrink-offer]`).count(), 0);
  const [stored] = await blobSizes(page);
  assert.ok(stored < photo.length / 2, `stored ${stored} bytes of ${photo.length}`);
  const shrinkMs = await page.evaluate(() => performance.getEntriesByName('evidence-shrink').map((e) => e.duration));
  assert.equal(shrinkMs.length, 1);
  console.log(`shrinking a 12-megapixel photo: ${photo.length} → ${stored} bytes in ${shrinkMs[0].toFixed(0)} ms`);
  await page.click(`${pt('A1.1.1')} .evidence-file button:has-text("预览")`);
  await page.waitForFunction((sel) => document.querySelector(sel)?.naturalWidth === 2000, `${pt('A1.1.1')} .evidence-preview img`);
  await screenshot(page, 'evidence-shrunk');

  // A large PNG kept as it is (the default choice): stored byte for byte, no shrink note.
  const drawing = await noiseImage(page, 1000, 800, 'image/png');
  assert.ok(drawing.length > 1024 * 1024, `${drawing.length} bytes`);
  await page.setInputFiles('[data-testid="evidence-input-A1.1.2"]', { name: '校园平面图.png', mimeType: 'image/png', buffer: drawing });
  await page.click(`${pt('A1.1.2')} [data-testid=evidence-keep-originals]`);
  await page.waitForSelector(`${pt('A1.1.2')} .evidence-file:has-text("校园平面图.png")`);
  assert.equal(await page.locator(`${pt('A1.1.2')} .evidence-shrunk`).count(), 0);
  assert.ok((await blobSizes(page)).includes(drawing.length), 'the original is stored');
  await page.check(`${pt('A1.1.1')} .evidence-checklist li:has-text("${ITEM_RULES}") input`);

  // The report: 佐证材料情况 per area, and the 目录 as an annex on request; Word through LibreOffice.
  await nav(page, '#/report');
  await page.waitForSelector('.report-doc');
  const preview = await page.textContent('.report-doc');
  assert.ok(preview.includes('佐证材料情况'), 'the evidence annex');
  assert.match(preview, /其中2个已有材料/);
  // The first area's row: its two points with evidence (A1.1.1 and A1.1.2), two files.
  const row = await page.$eval('.report-doc table.evidence-summary tbody tr', (tr) => [...tr.cells].map((c) => c.textContent));
  assert.match(row[1], /^2\/\d+$/, row.join(' | '));
  assert.match(row[2], /^1\/\d+（\d+%）$/, row.join(' | ')); // the ticked 议事规则
  assert.equal(row[3], '2');
  assert.ok(!preview.includes('全校合影.jpg'), 'no 目录 unless asked');
  await page.check('#report-attach-catalogue');
  await page.waitForFunction(() => document.querySelector('.report-doc').textContent.includes('全校合影.jpg'));
  assert.ok(await page.$('.report-doc table.evidence-catalogue'));
  const [docx] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("下载 Word")')]);
  const docxPath = join(ARTIFACTS, 'report-with-evidence.docx');
  await docx.saveAs(docxPath);
  const [reportPdf] = convertToPdf([docxPath], join(ARTIFACTS, 'evidence-pdf'));
  const report = readPdf(reportPdf);
  for (const t of ['附件3　佐证材料情况', '有材料的要点', '附件4　佐证材料目录', '全校合影.jpg', '校园平面图.png', '包内文件名']) {
    assert.ok(report.text.includes(squeeze(t)), `the Word report has ${t}`);
  }
  const cataloguePage = report.pages.find((p) => p.text.includes(squeeze('附件4')) && p.text.includes(squeeze('佐证材料目录')));
  assert.ok(cataloguePage && isLandscapeA4(cataloguePage), 'the 目录 is on landscape pages');

  // The 上报包 with the evidence summary: names, sizes and SHA-256, no files; format version 2.
  await page.check('#report-package-evidence');
  const [pkg] = await Promise.all([page.waitForEvent('download'), page.click('#report-export-package')]);
  const pkgPath = join(ARTIFACTS, 'evidence-submission.json');
  await pkg.saveAs(pkgPath);
  const text = await readFile(pkgPath, 'utf8');
  const file = JSON.parse(text);
  assert.equal(file.version, 2);
  const p1 = file.content.evidence.points['A1.1.1'];
  assert.equal(p1.files[0].name, '全校合影.jpg');
  assert.equal(p1.files[0].size, stored);
  assert.match(p1.files[0].sha256, /^[0-9a-f]{64}$/);
  assert.ok(text.length < 200 * 1024, `${text.length} bytes: the files are not in it`);

  // The county imports it and sees the summary and the file list in the drill-down.
  await nav(page, '#/county');
  await page.waitForSelector('#county-import');
  await page.setInputFiles('#county-import', pkgPath);
  await page.waitForSelector('.county-results li.taken');
  await page.click(`.county-open:has-text("${SCHOOL}")`);
  await page.waitForSelector('.county-drill .report-doc');
  const drill = await page.textContent('.county-drill');
  for (const t of ['佐证材料情况', '佐证材料文件清单', '全校合影.jpg', '校园平面图.png', p1.files[0].sha256]) {
    assert.ok(drill.includes(t), `the drill-down has ${t}`);
  }
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(page.errors, []);
});
