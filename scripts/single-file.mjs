// Packs the release build (dist/) into ONE self-contained HTML file that works when opened by double-click
// (file://): styles, scripts, icon and the WebAssembly module are inlined, and the Content-Security-Policy
// allows exactly those inline blocks (by hash) and nothing from anywhere else. As in the served page, the
// first script (check.js) inserts the policy with the source its engine needs to compile WebAssembly.
import { readFile, writeFile, mkdir, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const out = join(root, 'dist-single');
const html = await readFile(join(dist, 'index.html'), 'utf8');
const pick = (re, what) => {
  const m = re.exec(html);
  if (!m) throw new Error(`dist/index.html has no ${what}; run a release build first`);
  return m[1];
};
const cssName = pick(/href="\.\/(main-[^"]+\.css)"/, 'stylesheet');
const bootName = pick(/src="\.\/(boot-[^"]+\.js)"/, 'boot script');
const boot = await readFile(join(dist, bootName), 'utf8');
const glueName = /from '\.\/([^']+\.js)'/.exec(boot)[1];
const wasmName = /module_or_path: '\.\/([^']+\.wasm)'/.exec(boot)[1];

const css = await readFile(join(dist, cssName), 'utf8');
const check = await readFile(join(dist, 'check.js'), 'utf8');
let glue = (await readFile(join(dist, glueName), 'utf8')).replace(/^export \{[^}]*\};?\s*$/m, '');

// The parts of the module loaded on demand (scripts/split.mjs), inlined as well: their loader becomes plain
// code before the glue, the glue's imports of it become references to its exports, and its fetches of the
// parts return the inlined bytes.
const partsImport = /^import \* as (\w+) from "\.\/(parts-[0-9a-f]+)\/parts\.js";?$/gm;
const partsFolder = [...glue.matchAll(partsImport)].map((m) => m[2])[0];
if (!partsFolder) throw new Error(`${glueName} does not import the parts' loader; run a release build first`);
glue = glue.replace(partsImport, (_, name) => `const ${name} = PARTS_LOADER;`);
const partFiles = (await readdir(join(dist, partsFolder))).filter((f) => f.endsWith('.wasm')).sort();
const partsData = {};
for (const f of partFiles) partsData[f] = (await readFile(join(dist, partsFolder, f))).toString('base64');
const exported = [];
let partsLoader = (await readFile(join(dist, partsFolder, 'parts.js'), 'utf8'))
  .replace(/^import \{ initSync \} from "[^"]+";?$/m, '')
  .replace(/^export const (\w+) =/gm, (_, name) => {
    exported.push(name);
    return `const ${name} =`;
  })
  .replace(/fetch\(new URL\("\.\/([^"]+\.wasm)", import\.meta\.url\)\)/g, (_, file) => {
    if (!partsData[file]) throw new Error(`the parts' loader asks for ${file}, which is not in ${partsFolder}`);
    return `inlinedPart(${JSON.stringify(file)})`;
  });
if (/import\.meta|^\s*(import|export)\b/m.test(partsLoader)) throw new Error("the parts' loader has a form this script does not know");
partsLoader = `const PARTS = ${JSON.stringify(partsData)};
function inlinedPart(file) {
  const text = atob(PARTS[file]);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return Promise.resolve(new Response(bytes, { headers: { 'Content-Type': 'application/wasm' } }));
}
${partsLoader}
const PARTS_LOADER = { ${exported.join(', ')} };
`;
const wasm = await readFile(join(dist, wasmName));
const icon = await readFile(join(dist, 'icon.svg'));

// The spreadsheet worker, inlined too: its glue and module become one script that the page turns into a Blob
// URL the first time a table is imported or exported (the policy allows workers from blob: only).
const loaderName = /xzzpSheetsWorkerUrl = \(\) => '\.\/([^']+)'/.exec(boot)[1];
const loader = await readFile(join(dist, loaderName), 'utf8');
const workerGlue = await readFile(join(dist, /importScripts\('\.\/([^']+)'\)/.exec(loader)[1]), 'utf8');
const workerWasm = await readFile(join(dist, /module_or_path: '\.\/([^']+)'/.exec(loader)[1]));
const workerSource = `${workerGlue}
(function () {
  var text = atob('${workerWasm.toString('base64')}');
  var bytes = new Uint8Array(text.length);
  for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  wasm_bindgen({ module_or_path: bytes }).catch(function (e) { setTimeout(function () { throw e; }); });
})();
`;

// The built-in template documents, inlined: the module fetches them through window.xzzpTemplate.
const templates = {};
for (const f of (await readdir(join(dist, 'templates'))).sort()) {
  templates[f] = await readFile(join(dist, 'templates', f), 'utf8');
}

const app = `${partsLoader}
${glue}
// The built-in template documents by file name (crates/app/src/templates.rs).
const TEMPLATES = ${JSON.stringify(templates).replaceAll('</', '<\\/')};
window.xzzpTemplate = (file) => Promise.resolve(Object.prototype.hasOwnProperty.call(TEMPLATES, file) ? TEMPLATES[file] : null);
// The spreadsheet worker's script, made into a Blob URL on first use.
const SHEETS_WORKER = ${JSON.stringify(workerSource).replaceAll('</', '<\\/')};
let sheetsWorkerUrl;
window.xzzpSheetsWorkerUrl = () => sheetsWorkerUrl
  || (sheetsWorkerUrl = URL.createObjectURL(new Blob([SHEETS_WORKER], { type: 'text/javascript' })));
// The WebAssembly module, inlined: a file opened from a USB stick cannot fetch anything. No top-level await:
// Chromium 86 would not parse the script at all.
const WASM = '${wasm.toString('base64')}';
function failed(error) {
  console.error(error);
  if (window.xzzpFailed) {
    window.xzzpFailed(error);
    return;
  }
  document.body.insertAdjacentHTML('beforeend',
    '<div class="fallback" role="alert"><h1>学校质量自评没有打开成功</h1><p>文件可能不完整。请重新复制这个文件后再打开；已填写的内容保存在本机浏览器中，不会丢失。</p></div>');
}
if (!window.xzzpUnsupported) {
  try {
    const text = atob(WASM);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    __wbg_init({ module_or_path: bytes }).then(() => {
      if (window.xzzpStarted) window.xzzpStarted();
    }, failed);
  } catch (error) {
    failed(error);
  }
}`;

const sha = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
// check.js has run when the policy starts to apply, so the policy names only the blocks after it.
const csp = [
  "default-src 'none'",
  `script-src ${sha(app)} {eval}`,
  `style-src ${sha(css)}`,
  'img-src data: blob:',
  'frame-src blob:',
  'worker-src blob:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const page = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<script data-csp="${csp}">${check}</script>
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>学校质量自评</title>
<link rel="icon" href="data:image/svg+xml;base64,${icon.toString('base64')}">
<style>${css}</style>
</head>
<body>
<noscript><div class="fallback"><h1>学校质量自评</h1><p>本工具需要启用 JavaScript 才能运行。请在浏览器设置中允许运行脚本，或换用新版 Chrome、Edge、Firefox 打开这个文件。</p></div></noscript>
<script type="module">${app}</script>
</body>
</html>
`;
await mkdir(out, { recursive: true });
const target = join(out, '学校质量自评.html');
await writeFile(target, page);
console.log(`${target}: ${(Buffer.byteLength(page) / 1024 / 1024).toFixed(2)} MB`);
