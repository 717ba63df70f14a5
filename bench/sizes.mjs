// Sizes per file of the release build (dist/) and of the single file, and when each file is loaded: before the
// first screen, after it (the templates the first screen does not need; the service worker's copy for offline
// use), or on demand (the spreadsheet worker). Appends a dated table to BENCHMARKS.md (BENCH_APPEND=0: print
// only). "First load" is what a new user's first screen fetches; a returning user's also fetches the
// documents of the frameworks the stored data names (see bench/run.mjs).
import { readFile, readdir, appendFile, stat } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { ROOT, DIST, SINGLE } from '../e2e/helpers.js';

const html = await readFile(join(DIST, 'index.html'), 'utf8');
const boot = /src="\.\/(boot-[^"]+\.js)"/.exec(html)[1];
const bootText = await readFile(join(DIST, boot), 'utf8');
const glue = /from '\.\/([^']+\.js)'/.exec(bootText)[1];
const wasm = /module_or_path: '\.\/([^']+\.wasm)'/.exec(bootText)[1];
// The parts of the module loaded on demand (scripts/split.mjs); the glue imports their loader.
const parts = /from "\.\/(parts-[0-9a-f]+)\/parts\.js"/.exec(await readFile(join(DIST, glue), 'utf8'))[1];
const first = new Set(['index.html', 'check.js', 'icon.svg', boot, glue, wasm, `${parts}/parts.js`,
  /href="\.\/(main-[^"]+\.css)"/.exec(html)[1], /src="\.\/(templates-[^"]+\.js)"/.exec(html)[1]]);
const when = (f) => (first.has(f) ? 'first load'
  : f.startsWith('templates/') ? 'after start (or before it, when the stored data names it)'
  : f.startsWith('sheets-worker') ? 'on demand (first spreadsheet import or export)'
  : f.startsWith(`${parts}/split_`) ? `on demand (the ${f.split('_')[1].replace('.wasm', '')} page opened)`
  : f.startsWith(`${parts}/`) ? 'on demand (with the first page opened that needs it)'
  : f === 'sw.js' ? 'after start' : 'after start (service worker, for offline use)');

const files = [
  ...(await readdir(DIST, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name),
  ...(await readdir(join(DIST, 'templates'))).map((f) => `templates/${f}`),
  ...(await readdir(join(DIST, parts))).map((f) => `${parts}/${f}`),
].sort();
const sizes = (body) => ({
  raw: body.length,
  gzip: gzipSync(body, { level: 9 }).length,
  br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length,
});
const rows = [];
const total = { raw: 0, gzip: 0, br: 0 };
// The parts of code that several pages share are many small files: one row for all of them (each compressed
// on its own, as it is sent).
const shared = { f: `${parts}/chunk_*.wasm (0 files)`, when: when(`${parts}/chunk`), raw: 0, gzip: 0, br: 0, count: 0 };
for (const f of files) {
  const r = { f, when: when(f), ...sizes(await readFile(join(DIST, f))) };
  if (f.startsWith(`${parts}/chunk_`)) {
    for (const k of ['raw', 'gzip', 'br']) shared[k] += r[k];
    shared.count += 1;
    shared.f = `${parts}/chunk_*.wasm (${shared.count} files)`;
    continue;
  }
  rows.push(r);
  if (first.has(f)) for (const k of ['raw', 'gzip', 'br']) total[k] += r[k];
}
if (shared.count) rows.push(shared);
const n = (x) => x.toLocaleString('en-US').replaceAll(',', ' ');
let single = 'not built';
try { single = `${n((await stat(SINGLE)).size)} bytes`; } catch { /* scripts/single-file not run */ }
const table = `
## Sizes per file, ${new Date().toISOString().slice(0, 10)} (\`node bench/sizes.mjs\`)

Release build (\`trunk build --release\`), bytes; gzip -9 and brotli quality 11 with Node's zlib.

| file | loaded | raw | gzip | brotli |
|---|---|---:|---:|---:|
${rows.map((r) => `| ${r.f} | ${r.when} | ${n(r.raw)} | ${n(r.gzip)} | ${n(r.br)} |`).join('\n')}
| **first load of a new user** | | **${n(total.raw)}** | **${n(total.gzip)}** | **${n(total.br)}** |

Single self-contained file: ${single}.
`;
if (process.env.BENCH_APPEND !== '0') await appendFile(join(ROOT, 'BENCHMARKS.md'), table);
console.log(table);
