// County review, how files reach the bureau: dropped onto the import area (packages and the expected list),
// as a .zip that an archive tool compressed (deflate, data descriptors, GBK names as Windows writes them, and
// a zip bomb beside it), and into a browser whose storage is full (IndexedDB refuses the write: the bureau is
// told which packages were not kept, and a reload shows only what was really stored).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import { join, basename } from 'node:path';
import { execFileSync } from 'node:child_process';
import { newPage, openApp, screenshot, ARTIFACTS, suite, addSchool, startEvaluation, nav } from './helpers.js';

const env = suite();
const DIR = join(ARTIFACTS, 'county-files');
const SCHOOLS = [
  { name: '拖放县第一小学', levels: ['A', 'B', 'B'] },
  { name: '拖放县第二小学', levels: ['C', 'C', 'D'] },
  { name: '拖放县城关中学', levels: ['B', 'A', 'A'] },
];
const MISSING = '拖放县未报送小学';
/** The package files the three schools exported, made once for all tests. */
const packages = [];

/** One school's browser: profile, an evaluation with three answers, the package downloaded; returns its path. */
async function schoolExports(browser, s, n) {
  const page = await newPage(browser, { acceptDownloads: true });
  await openApp(page, env.server.url);
  await addSchool(page, s.name, { '#school-county': '拖放县' });
  await startEvaluation(page);
  for (const [i, level] of s.levels.entries()) {
    await page.click(`label[for="pt-A1-1-${i + 1}-value-${level}"]`);
  }
  await nav(page, '#/report');
  await page.waitForSelector('.report-doc');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#report-export-package')]);
  const path = join(DIR, `school-${n}.json`);
  await dl.saveAs(path);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  return path;
}

before(() => mkdir(DIR, { recursive: true }));

/** The three schools' packages, exported on first use. */
async function schoolPackages() {
  if (packages.length === 0) {
    for (const [n, s] of SCHOOLS.entries()) packages.push(await schoolExports(env.browser, s, n + 1));
  }
  return packages;
}

/** Python writes a file: `code` gets `out` (the path) and `paths` (the packages) as globals. */
function python(code, out, paths = []) {
  execFileSync('python3', ['-c', `import sys, zipfile, io\nout = sys.argv[1]\npaths = sys.argv[2:]\n${code}`, out, ...paths]);
  return out;
}

/** Drops files onto an element the way a file manager does: dragenter, dragover, then drop with a DataTransfer. */
async function drop(page, selector, paths) {
  const files = await Promise.all(paths.map(async (p) => ({ name: basename(p), data: (await readFile(p)).toString('base64') })));
  const dt = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name));
    }
    return dt;
  }, files);
  const taken = await page.$eval(selector, (el, dt) => {
    let taken = true;
    for (const type of ['dragenter', 'dragover']) {
      taken = !el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt })) && taken;
    }
    return taken;
  }, dt);
  assert.ok(taken, 'the area accepts the drag (its default is prevented)');
  const dragging = await page.waitForSelector(`${selector}.dragging`, { timeout: 2000 }).then(() => true, () => false);
  await page.$eval(selector, (el, dt) => el.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt })), dt);
  return dragging;
}

async function bureau(options = {}) {
  await schoolPackages();
  const page = await newPage(env.browser, options);
  if (options.init) await page.context().addInitScript(options.init);
  await openApp(page, env.server.url);
  await nav(page, '#/county');
  await page.waitForSelector('#county-import');
  return page;
}

const rows = (page) => page.$$eval('.county-table tbody tr', (r) => r.length);
const results = (page) => page.$$eval('.county-results li', (els) => els.map((e) => ({ text: e.textContent, cls: e.className })));

test('the bureau drops packages and the expected list (GBK CSV) onto the import area', async () => {
  const page = await bureau();
  const csvText = `序号,学校名称\r\n${SCHOOLS.map((s, i) => `${i + 1},${s.name}`).join('\r\n')}\r\n4,${MISSING}\r\n`;
  const csv = join(DIR, '应报学校名单.csv');
  execFileSync('python3', ['-c', 'import sys; open(sys.argv[1], "wb").write(sys.stdin.read().encode("gbk"))', csv], { input: csvText });

  assert.equal(await drop(page, '.county-drop', [packages[0], packages[1], csv]), true, 'marked while files hover');
  await page.waitForSelector('.notice:has-text("已导入并保存 2 份上报包")');
  assert.equal(await page.$('.county-drop.dragging'), null, 'unmarked after the drop');
  await page.waitForFunction(() => document.querySelectorAll('.county-table tbody tr').length === 2);
  const r = await results(page);
  assert.equal(r.length, 2);
  assert.ok(r.every((x) => x.cls === 'taken'), JSON.stringify(r));
  // The list went to the expected schools, decoded from GBK: two missing.
  assert.match(await page.inputValue('#county-expected-text'), /4,拖放县未报送小学/);
  assert.deepEqual((await page.$$eval('ul.county-missing li', (els) => els.map((e) => e.textContent))).sort(), [SCHOOLS[2].name, MISSING].sort());

  // The third package dropped alone, then a file that is no package: the same messages as picking.
  await drop(page, '.county-drop', [packages[2]]);
  await page.waitForFunction(() => document.querySelectorAll('.county-table tbody tr').length === 3);
  const bad = join(DIR, '说明.json');
  python('open(out, "w", encoding="utf-8").write("{\\"说明\\": 1}")', bad);
  await drop(page, '.county-drop', [bad]);
  await page.waitForSelector('.county-results li.problem');
  assert.match((await results(page))[0].text, /说明\.json/);
  assert.equal(await rows(page), 3);
  assert.deepEqual(await page.$$eval('ul.county-missing li', (els) => els.map((e) => e.textContent)), [MISSING]);
  await screenshot(page, 'county-drop');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the bureau imports a deflate .zip of three packages as Windows makes it; a zip bomb beside it is refused whole', async () => {
  // Deflate, written to a stream that cannot seek (every entry with a data descriptor), names in GBK without
  // the UTF-8 flag: what Windows Explorer's 压缩文件夹 makes on a Chinese Windows.
  const zipPath = python(`
class Pipe(io.RawIOBase):
    def __init__(self): self.buf = bytearray()
    def writable(self): return True
    def write(self, b): self.buf += b; return len(b)
zipfile.ZipInfo._encodeFilenameFlags = lambda self: (self.filename.encode('gbk'), self.flag_bits)
pipe = Pipe()
with zipfile.ZipFile(pipe, 'w', compression=zipfile.ZIP_DEFLATED) as z:
    for i, p in enumerate(paths):
        z.writestr('上报包/学校%d.json' % (i + 1), open(p, 'rb').read())
    # What else people put in such a folder: a note, a school's backup sent by mistake, a Word report.
    z.writestr('上报包/说明.txt', '各校上报包，请查收。'.encode('gbk'))
    z.writestr('上报包/第二小学备份.json', '{"format":"xzzp-backup","version":1,"data":{}}')
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, 'w') as w:
        w.writestr('word/document.xml', '<w:document/>')
    z.writestr('上报包/自评报告.docx', inner.getvalue())
open(out, 'wb').write(bytes(pipe.buf))
`, join(DIR, '三所学校上报包.zip'), packages);
  const zipBytes = await readFile(zipPath);
  const packBytes = (await Promise.all(packages.map((p) => readFile(p)))).reduce((n, b) => n + b.length, 0);
  assert.ok(zipBytes.length * 2 < packBytes, `compressed: ${zipBytes.length} of ${packBytes} bytes`);
  assert.equal(zipBytes.readUInt16LE(6) & 0x0808, 0x0008, 'data descriptor, no UTF-8 flag');
  assert.equal(zipBytes.readUInt16LE(8), 8, 'deflate');
  const bomb = python(`
with zipfile.ZipFile(out, 'w', compression=zipfile.ZIP_DEFLATED) as z:
    z.writestr('上报包.json', bytes(64 * 1024 * 1024))
`, join(DIR, '炸弹.zip'));

  const page = await bureau();
  await page.setInputFiles('#county-import', [zipPath, bomb]);
  await page.waitForSelector('.notice:has-text("已导入并保存 3 份上报包")');
  await page.waitForFunction(() => document.querySelectorAll('.county-table tbody tr').length === 3);
  const r = await results(page);
  for (let i = 1; i <= 3; i++) {
    assert.ok(r.some((x) => x.cls === 'taken' && x.text.includes(`三所学校上报包.zip/上报包/学校${i}.json`)), JSON.stringify(r));
  }
  // The other files of the archive are each named and refused with what they are; the packages still count.
  const other = (n) => r.find((x) => x.text.includes(`三所学校上报包.zip/上报包/${n}`));
  for (const [n, why] of [['说明.txt', /不是 UTF-8 文本|不是 JSON/], ['第二小学备份.json', /备份文件，不是上报包/], ['自评报告.docx', /压缩包或 Word、Excel 等文档/]]) {
    assert.equal(other(n)?.cls, 'problem', `${n}: ${JSON.stringify(r)}`);
    assert.match(other(n).text, why);
  }
  const refused = r.find((x) => x.text.includes('炸弹.zip'));
  assert.equal(refused.cls, 'problem');
  assert.match(refused.text, /解压后超过 10\.0 MB.*整个压缩包都没有导入/);
  for (const s of SCHOOLS) assert.ok((await page.textContent('.county-table')).includes(s.name));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('when IndexedDB refuses the write, the bureau is told which packages were not kept, and a reload shows only what was stored', async () => {
  // The browser's storage is "full" for the packages document once the test says so.
  const init = () => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      if (window.__storageFull && String(key).endsWith('.county.packages')) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.apply(this, arguments);
    };
  };
  const page = await bureau({ init });
  await page.setInputFiles('#county-import', [packages[0]]);
  await page.waitForSelector('.notice:has-text("已导入并保存 1 份上报包")');

  await page.evaluate(() => { window.__storageFull = true; });
  await page.setInputFiles('#county-import', [packages[1], packages[2]]);
  await page.waitForSelector('.notice:has-text("浏览器存储空间不足")');
  const notice = await page.textContent('.notice');
  assert.match(notice, /本次导入没有保存：2 份上报包都未导入/);
  assert.match(notice, /保存它们还需要约 \d+ KB/);
  const r = await results(page);
  assert.deepEqual(r.map((x) => [x.cls, x.text]), [
    ['problem', '“school-2.json”：存储空间不足，没有保存，未导入。'],
    ['problem', '“school-3.json”：存储空间不足，没有保存，未导入。'],
  ]);
  // Nothing half-kept: the table shows the one package that is stored.
  assert.equal(await rows(page), 1);
  await screenshot(page, 'county-storage-full');

  await page.reload();
  await page.waitForSelector('.county-table tbody tr');
  await page.waitForTimeout(300);
  assert.equal(await rows(page), 1);
  assert.ok((await page.textContent('.county-table')).includes(SCHOOLS[0].name));
  // With room again, the same files are taken.
  await page.setInputFiles('#county-import', [packages[1], packages[2]]);
  await page.waitForSelector('.notice:has-text("已导入并保存 2 份上报包")');
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('.county-table tbody tr').length === 3);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
