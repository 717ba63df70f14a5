// Benchmark of the county roll-up (县级复核) at scale: N packages of the largest built-in framework (74 points).
//
// 1. the roll-up in the core, natively: `examples/county_bench.rs` generates N packages of this year and N of
//    last year and times parsing, intake, roll-up, the expected-list match, year over year and the 通报 with its
//    Markdown and CSV (CPU time, median of several runs);
// 2. the same packages in the built app (release build in dist/, Debian's Chromium): imported at once as N
//    files, then as one .zip (deflate), timed from the pick until the table shows every school and until the
//    import says it is saved in IndexedDB; reopened after a reload; the stored size and what the browser
//    reports as used (`e2e/county-scale.js`).
//
// Run with `node bench/county.mjs [N]` after `trunk build --release`. Prints a table and appends it, dated, to
// BENCHMARKS.md. A measurement, not a test.
import { appendFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../e2e/helpers.js';

const N = Number(process.argv[2] ?? 300);
const OUT = join(ROOT, 'target', 'bench');
const DIR = join(OUT, `county-${N}`);
const ZIP = join(OUT, `county-${N}.zip`);
await rm(DIR, { recursive: true, force: true });
await mkdir(DIR, { recursive: true });

const native = execFileSync('cargo', ['run', '--release', '--locked', '-q', '-p', 'xzzp-documents', '--example', 'county_bench', '--', String(N), DIR], {
  cwd: ROOT,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
console.log(native);
const line = (label) => {
  const l = native.split('\n').find((x) => x.trim().startsWith(label));
  return l ? l.trim().slice(label.length).trim() : 'n/a';
};

// The example writes this year's packages (the bureau imports one year at a time).
const names = (await readdir(DIR)).filter((f) => f.endsWith('.json')).sort();
let bytes = 0;
for (const f of names) bytes += (await stat(join(DIR, f))).size;
execFileSync('python3', ['-c', `
import sys, zipfile, os
d, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for n in sys.argv[3:]:
        z.write(os.path.join(d, n), n)
`, DIR, ZIP, ...names]);
const zipBytes = (await stat(ZIP)).size;

function browserRun(args) {
  const out = execFileSync('node', [join(ROOT, 'e2e', 'county-scale.js'), ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.slice(out.indexOf('{')));
}
const files = browserRun([DIR]);
const zip = browserRun([ZIP, String(names.length)]);
for (const r of [files, zip]) if (r.errors.length) throw new Error(`console errors: ${r.errors.join('\n')}`);

const mb = (b) => (b === null || b === undefined ? 'n/a' : `${(b / 1048576).toFixed(1)} MB`);
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const date = new Date().toISOString().slice(0, 10);
const table = `
## ${date} — county roll-up at scale (\`node bench/county.mjs ${N}\`)

${names.length} package files of the 74-point framework (${mb(bytes)} as files, ${mb(zipBytes)} as one deflate .zip), on this machine (2 cores).

Native, release build of the core (\`examples/county_bench.rs\`, CPU time of the thread, median of several runs):

| step | time |
|---|---|
| parse ${2 * N} packages (checksum, every score recomputed) | ${line(`parse ${2 * N} packages`)} |
| intake | ${line('intake')} |
| groups + 2 roll-ups | ${line('groups + 2 roll-ups')} |
| expected list match | ${line('expected list match')} |
| year over year | ${line('year over year')} |
| 通报 + Markdown + CSV | ${line('通报 + Markdown + CSV')} |
| **total** | **${line('total')}** |

In the built app (${chromium}, headless, release build served from dist/, wall time):

| measure | ${names.length} files | one .zip |
|---|---|---|
| pick → table shows every school | ${s(files.import_until_table_ms)} | ${s(zip.import_until_table_ms)} |
| pick → 已导入并保存 (IndexedDB committed) | ${s(files.import_until_saved_ms)} | ${s(zip.import_until_saved_ms)} |
| reload → table shows every school | ${s(files.reload_until_table_ms)} | ${s(zip.reload_until_table_ms)} |
| stored document in IndexedDB | ${(files.stored_chars / 1e6).toFixed(1)} M chars | ${(zip.stored_chars / 1e6).toFixed(1)} M chars |
| storage used (navigator.storage.estimate), before → after → after reload | ${mb(files.storage_usage_before)} → ${mb(files.storage_usage_after)} → ${mb(files.storage_usage_after_reload)} | ${mb(zip.storage_usage_before)} → ${mb(zip.storage_usage_after)} → ${mb(zip.storage_usage_after_reload)} |
`;
console.log(table);
await appendFile(join(ROOT, 'BENCHMARKS.md'), table);
await rm(DIR, { recursive: true, force: true });
await rm(ZIP, { force: true });
