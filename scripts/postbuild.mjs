// Trunk post-build hook: makes the built page work under a strict Content-Security-Policy, offline, and on
// every browser from Chromium 86 on.
//
// - The loader script Trunk inlines is moved into a file (boot-<hash>.js) without top-level await (Chromium
//   89+), so that the policy can allow scripts from the page's own origin only, with no inline script at all.
// - check.js comes first in the page and carries the policy in its data-csp attribute: it inserts the
//   policy with the strictest source its engine allows for compiling WebAssembly (see public/check.js).
// - In release builds the WebAssembly module is checked to use no feature beyond WASM_FEATURES (what
//   Chromium 86 runs and check.js tests for), and a service worker (sw.js) is written with the list of every
//   built file, so that the app works offline after the first visit; its version is a hash of those files,
//   so a new build installs as an update that the page announces.
// - The spreadsheet worker (crates/sheets-worker, a second module that Trunk builds as a classic worker) gets
//   content hashes in its file names like every other file, is checked for the same WebAssembly features, and
//   the boot script tells the page where it is (window.xzzpSheetsWorkerUrl); nothing loads it before a
//   spreadsheet is imported or exported.
// - The built-in templates (frameworks, archived versions, plan templates) are written to templates/ as JSON
//   files named after their digests; the module carries only their index and fetches them through
//   window.xzzpTemplate, set by templates-<hash>.js in the head (crates/app/src/templates.rs).
import { readFile, writeFile, readdir, rename, unlink } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CSP_TEMPLATE, checkWasmFeatures } from './compat.mjs';
import { splitModule, removeUnsplit } from './split.mjs';

const hash = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);

const dir = process.env.TRUNK_STAGING_DIR;
const release = process.env.TRUNK_PROFILE === 'release';
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk');
const indexPath = join(dir, 'index.html');
let html = await readFile(indexPath, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/.exec(html);
if (!inline) throw new Error('no inline loader script in index.html');
let glue = /from '\.\/([^']+\.js)'/.exec(inline[1])?.[1];
let wasm = /module_or_path: '\.\/([^']+\.wasm)'/.exec(inline[1])?.[1];
if (!glue || !wasm) throw new Error('cannot find the module and wasm names in the loader script');

// Release: the module is split, so that the pages a first screen does not need load on demand.
let parts = [];
if (release) {
  const split = await splitModule(dir);
  await removeUnsplit(dir, glue, wasm);
  // Trunk's preload links name the unsplit files; the split ones are preloaded instead, with the parts' loader
  // that the glue imports.
  const preloads = /<link rel="modulepreload"[^>]*>\s*<link rel="preload"[^>]*>/.exec(html);
  if (!preloads) throw new Error('no preload links for the module in index.html');
  html = html.replace(preloads[0], [
    `<link rel="modulepreload" href="./${split.glue}">`,
    `<link rel="modulepreload" href="./${split.loader}">`,
    `<link rel="preload" href="./${split.wasm}" as="fetch" type="application/wasm" crossorigin>`,
  ].join(''));
  ({ glue, wasm, parts } = split);
}

// The spreadsheet worker: sheets-worker.js (no-modules glue), sheets-worker_bg.wasm and the loader Trunk writes.
const workerGlueText = await readFile(join(dir, 'sheets-worker.js'));
const workerWasmBytes = await readFile(join(dir, 'sheets-worker_bg.wasm'));
const workerHash = hash(Buffer.concat([workerGlueText, workerWasmBytes]));
const workerGlue = `sheets-worker-${workerHash}.js`;
const workerWasm = `sheets-worker-${workerHash}_bg.wasm`;
const workerLoader = `sheets-worker-${workerHash}_loader.js`;
await rename(join(dir, 'sheets-worker.js'), join(dir, workerGlue));
await rename(join(dir, 'sheets-worker_bg.wasm'), join(dir, workerWasm));
await unlink(join(dir, 'sheets-worker_loader.js'));
// A module that fails to start throws from a timer, so that the page's Worker gets an error event.
await writeFile(join(dir, workerLoader), `importScripts('./${workerGlue}');
wasm_bindgen({ module_or_path: './${workerWasm}' }).catch(function (e) { setTimeout(function () { throw e; }); });
`);

// The template documents, written by the templates crate's own command (it validates them as the build does).
// It prints "<file> <id>" per file: templates-<hash>.js fetches early the files of the ids the stored data names.
const templateIndex = execFileSync('cargo', ['run', '--offline', '--quiet', '-p', 'xzzp-templates', '--bin',
  'template-assets', '--', join(dir, 'templates')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  .trim().split('\n').map((line) => line.split(' '));

const boot = `// Starts the application; written by scripts/postbuild.mjs. No top-level await: Chromium 86 would not parse
// the module at all. check.js (the page's first script) defines xzzpStarted and xzzpFailed.
import init from './${glue}';

// Where the spreadsheet worker is; started only when a table is imported or exported.
window.xzzpSheetsWorkerUrl = () => './${workerLoader}';

// The template documents: templates-<hash>.js, run in the head right after check.js, defines how they are
// fetched and asks early for those the stored data names. Without it they are fetched plainly.
if (!window.xzzpTemplate) {
  window.xzzpTemplate = (file) => fetch('./templates/' + file).then((r) => (r.ok ? r.text() : null), () => null);
}

function failed(error) {
  console.error(error);
  if (window.xzzpFailed) {
    window.xzzpFailed(error);
    return;
  }
  const box = document.createElement('div');
  box.className = 'fallback';
  box.setAttribute('role', 'alert');
  const h = document.createElement('h1');
  h.textContent = '学校质量自评没有加载成功';
  const p = document.createElement('p');
  p.textContent = '可能是网络中断或文件不完整。请刷新页面重试；已填写的内容保存在本机，不会丢失。';
  box.append(h, p);
  document.body.append(box);
}

if (!window.xzzpUnsupported) {
  performance.mark('wasm:start');
  init({ module_or_path: './${wasm}' }).then((exports) => {
    performance.measure('wasm:load', 'wasm:start');
    // Read by the benchmark (scripts/bench) to report the module's memory.
    window.xzzpMemory = exports.memory;
    if (window.xzzpStarted) window.xzzpStarted();
  }, failed);
}
${release ? SW_REGISTRATION() : ''}`;

function SW_REGISTRATION() {
  return `
// Offline use: the service worker keeps every file of this version. When a new version has been
// downloaded, say so and let the user switch when it suits them; data in the browser is kept either way.
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  let switching = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (switching) location.reload();
  });
  const announce = (worker) => {
    if (document.getElementById('update-banner')) return;
    const en = document.documentElement.lang === 'en';
    const bar = document.createElement('div');
    bar.id = 'update-banner';
    bar.setAttribute('role', 'status');
    const text = document.createElement('span');
    text.textContent = en ? 'A new version is ready. Reload to use it.' : '新版本已就绪，刷新即可使用。';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'primary';
    button.textContent = en ? 'Reload' : '刷新';
    button.addEventListener('click', () => {
      switching = true;
      worker.postMessage('skip-waiting');
    });
    bar.append(text, button);
    document.body.append(bar);
  };
  navigator.serviceWorker.register('./sw.js').then((registration) => {
    if (!registration) return;
    if (registration.waiting && navigator.serviceWorker.controller) announce(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(worker);
      });
    });
  }).catch((error) => console.warn('service worker not registered', error));
}
`;
}

// Classic script in ES5 syntax, run before the module: the earlier the template requests start, the likelier
// the texts are here when the module starts, so that the first screen is drawn in the same task.
const templatesScript = `// The built-in template documents (crates/app/src/templates.rs); written by scripts/postbuild.mjs.
(function () {
  'use strict';
  if (!window.fetch || !window.Promise) return;
  // A document's text, or null when it cannot be fetched (never a rejection).
  function get(file) {
    return fetch('./templates/' + file).then(function (r) { return r.ok ? r.text() : null; }, function () { return null; });
  }
  var early = {};
  // Texts that have arrived when the module starts are taken at once, without waiting for a promise.
  window.xzzpTemplateTexts = {};
  // A request made early is handed to the first caller; every later call fetches again, so that asking after
  // a failure or a damaged copy tries afresh.
  window.xzzpTemplate = function (file) {
    var p = early[file] || get(file);
    delete early[file];
    delete window.xzzpTemplateTexts[file];
    return p;
  };
  var index = ${JSON.stringify(templateIndex)};
  var stored = [];
  try {
    for (var i = 0; i < localStorage.length; i++) stored.push(localStorage.getItem(localStorage.key(i)) || '');
  } catch (e) {
    return; // storage blocked: check.js says so
  }
  index.forEach(function (entry) {
    var file = entry[0];
    var named = stored.some(function (v) { return v.indexOf('"' + entry[1] + '"') >= 0; });
    if (!named) return;
    early[file] = get(file);
    early[file].then(function (text) {
      if (text !== null && early[file]) window.xzzpTemplateTexts[file] = text;
    });
  });
})();
`;
const templatesName = `templates-${hash(templatesScript)}.js`;
await writeFile(join(dir, templatesName), templatesScript);

const bootName = `boot-${hash(boot)}.js`;
await writeFile(join(dir, bootName), boot);

const head = [
  // First and not deferred: it inserts the policy before any other script runs.
  `<script src="./check.js" data-csp="${CSP_TEMPLATE}"></script>`,
  `<script src="./${templatesName}"></script>`,
  '<link rel="manifest" href="./manifest.webmanifest">',
  '<meta name="theme-color" content="#9e1b1b">',
  '<link rel="icon" href="./icon.svg" type="image/svg+xml">',
  '<link rel="apple-touch-icon" href="./icon-192.png">',
].join('\n  ');
html = html
  .replace(inline[0], `<script type="module" src="./${bootName}"></script>`)
  .replace('<link rel="icon" href="data:,">', '')
  .replace(/<meta charset="utf-8">/, (m) => `${m}\n  ${head}`);
await writeFile(indexPath, html);

if (release) {
  await checkWasmFeatures(join(dir, wasm));
  await checkWasmFeatures(join(dir, workerWasm));
  for (const f of parts.filter((p) => p.endsWith('.wasm'))) await checkWasmFeatures(join(dir, f));
  const templateFiles = (await readdir(join(dir, 'templates'))).map((f) => `templates/${f}`);
  const files = [...(await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name),
    ...templateFiles, ...parts].filter((f) => f !== 'sw.js').sort();
  const digest = createHash('sha256');
  for (const f of files) digest.update(f).update(await readFile(join(dir, f)));
  const version = digest.digest('hex').slice(0, 16);
  const assets = ['./', ...files.map((f) => `./${f}`)];
  const sw = `// Service worker of 学校质量自评, written by scripts/postbuild.mjs. Version ${version}.
// Navigations: network first (a new version is picked up when online), the cached page when offline.
// Other same-origin files: cache first; their names carry content hashes, so a cached copy is never stale.
const CACHE = 'xzzp-${version}';
const ASSETS = ${JSON.stringify(assets, null, 2)};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('xzzp-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put('./index.html', copy));
          return response;
        })
        .catch(() => caches.match('./index.html', { ignoreSearch: true })),
    );
    return;
  }
  event.respondWith(
    caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    })),
  );
});
`;
  await writeFile(join(dir, 'sw.js'), sw);
}
