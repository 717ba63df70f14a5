// Splits the release module into a main part and parts loaded on demand, for scripts/postbuild.mjs.
//
// The pages a first screen does not need are split points (crates/app/src/later.rs, leptos `#[lazy]`). Trunk
// builds the module and runs wasm-bindgen on it whole; this step starts again from cargo's output, which keeps
// its relocations (crates/app/build.rs), and:
// 1. cuts it with wasm-split-cli (crate wasm_split_cli_support): a main module, one module per split point
//    and modules of the code several split points share, plus the loader (__wasm_split.js) that fetches and
//    instantiates them against the main module's memory and function table;
// 2. runs wasm-bindgen on the main module, as Trunk does;
// 3. exports the function table again (wasm-bindgen drops that export, and the parts import the table), before
//    wasm-opt, which may otherwise renumber or shrink a table nobody outside sees;
// 4. runs wasm-opt -Oz on every module with only the features Chromium 86 runs (WASM_FEATURES);
// 5. names the files after a digest of their contents: the main module and its glue beside the page, the
//    parts and their loader in parts-<digest>/.
import { readFile, writeFile, readdir, mkdir, mkdtemp, rm, unlink } from 'node:fs/promises';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WASM_FEATURES } from './compat.mjs';

const run = promisify(execFile);
const hash = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);

/** The file name of the loader of the parts, inside the parts folder. */
export const PARTS_LOADER = 'parts.js';

/** Cargo's output for the application binary in a release build. */
function cargoOutput() {
  const meta = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  return join(meta.target_directory, 'wasm32-unknown-unknown', 'release', 'school-self-eval.wasm');
}

function leb(buf, i) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = buf[i++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [value >>> 0, i];
}

function uleb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}

/** The module with `(export "__indirect_function_table" (table 0))` added, unless it has that export already. */
export function withTableExport(bytes) {
  const name = Buffer.from('__indirect_function_table');
  const parts = [bytes.subarray(0, 8)];
  let found = false;
  let i = 8;
  while (i < bytes.length) {
    const start = i;
    const id = bytes[i++];
    let size;
    [size, i] = leb(bytes, i);
    const end = i + size;
    if (id === 7) {
      found = true;
      if (bytes.subarray(i, end).includes(name)) return bytes;
      const [count, first] = leb(bytes, i);
      const body = Buffer.concat([uleb(count + 1), bytes.subarray(first, end), uleb(name.length), name,
        Buffer.from([0x01]), uleb(0)]);
      parts.push(Buffer.from([7]), uleb(body.length), body);
    } else {
      parts.push(bytes.subarray(start, end));
    }
    i = end;
  }
  if (!found) throw new Error('the main module has no export section');
  return Buffer.concat(parts);
}

/** Runs `jobs` (functions returning promises) two at a time: the build machines have two cores. */
async function pool(jobs, width = 2) {
  const queue = [...jobs];
  await Promise.all(Array.from({ length: width }, async () => {
    while (queue.length) await queue.shift()();
  }));
}

/**
 * Splits the application module into `dir` (the staging folder). Returns the new names: `glue` and `wasm`
 * (beside the page), `loader` (the parts' loader, `parts-<digest>/parts.js`) and `parts` (every file of the
 * parts folder, relative to `dir`).
 */
export async function splitModule(dir) {
  const work = await mkdtemp(join(tmpdir(), 'xzzp-split-'));
  try {
    const split = join(work, 'split');
    await run('wasm-split-cli', ['--target', 'web', '--out-name', 'app', cargoOutput(), split]);
    const bindgen = join(work, 'bindgen');
    await run('wasm-bindgen', ['--target=web', `--out-dir=${bindgen}`, '--out-name=app', '--no-typescript',
      join(split, 'app.wasm')]);
    await writeFile(join(work, 'main.wasm'), withTableExport(await readFile(join(bindgen, 'app_bg.wasm'))));

    const opt = join(work, 'opt');
    await mkdir(opt);
    const partFiles = (await readdir(split)).filter((f) => f.endsWith('.wasm') && f !== 'app.wasm').sort();
    const flags = ['-Oz', '--mvp-features', ...WASM_FEATURES.map((f) => `--enable-${f}`)];
    const jobs = [[join(work, 'main.wasm'), 'main.wasm'], ...partFiles.map((f) => [join(split, f), f])];
    await pool(jobs.map(([input, name]) => () => run('wasm-opt', [...flags, input, '-o', join(opt, name)])));

    const mainWasm = await readFile(join(opt, 'main.wasm'));
    const appGlue = await readFile(join(bindgen, 'app.js'), 'utf8');
    const loaderText = await readFile(join(split, '__wasm_split.js'), 'utf8');
    const partBytes = await Promise.all(partFiles.map((f) => readFile(join(opt, f))));
    const digest = hash(Buffer.concat([mainWasm, Buffer.from(appGlue), Buffer.from(loaderText), ...partBytes]));
    const glue = `school-self-eval-${digest}.js`;
    const wasm = `school-self-eval-${digest}_bg.wasm`;
    const folder = `parts-${digest}`;

    // The glue imports the loader, which imports the glue back (for the main module's exports).
    const loaderImport = 'from "./__wasm_split.js"';
    if (!appGlue.includes(loaderImport)) throw new Error('the glue of the split module does not import __wasm_split.js');
    const mainImport = 'from "./app.js"';
    if (!loaderText.includes(mainImport)) throw new Error(`__wasm_split.js does not import the glue (${mainImport})`);
    await writeFile(join(dir, glue), appGlue.replaceAll(loaderImport, `from "./${folder}/${PARTS_LOADER}"`));
    await writeFile(join(dir, wasm), mainWasm);
    await mkdir(join(dir, folder));
    await writeFile(join(dir, folder, PARTS_LOADER), loaderText.replace(mainImport, `from "../${glue}"`));
    await Promise.all(partFiles.map((f, i) => writeFile(join(dir, folder, f), partBytes[i])));
    return {
      glue,
      wasm,
      loader: `${folder}/${PARTS_LOADER}`,
      parts: [PARTS_LOADER, ...partFiles].map((f) => `${folder}/${f}`),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Removes the files of the unsplit module Trunk wrote. */
export async function removeUnsplit(dir, glue, wasm) {
  await unlink(join(dir, glue));
  await unlink(join(dir, wasm));
}
