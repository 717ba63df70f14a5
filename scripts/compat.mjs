// Rules of the build shared by scripts/postbuild.mjs, scripts/single-file.mjs and the tests: the page's
// Content-Security-Policy and the WebAssembly features the module may use (what Chromium 86 runs).
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The page's policy; `{eval}` becomes 'wasm-unsafe-eval' or, on engines that do not know it (Chromium < 97),
 * 'unsafe-eval' (check.js decides).
 */
export const CSP_TEMPLATE = [
  "default-src 'none'",
  "script-src 'self' {eval}",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  // Evidence PDFs are previewed in an <iframe> of an object URL made in the page.
  'frame-src blob:',
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The post-MVP WebAssembly features the module may use: all run on Chromium 75+ (reference-types and
 * multivalue, which need 96+ and 85+, are switched off in .cargo/config.toml). check.js probes exactly these.
 */
export const WASM_FEATURES = ['bulk-memory', 'mutable-globals', 'nontrapping-float-to-int', 'sign-ext'];

/** The module without its target_features section, which would make wasm-opt enable what it lists. */
export function withoutTargetFeatures(bytes) {
  const parts = [bytes.subarray(0, 8)];
  let i = 8;
  while (i < bytes.length) {
    const start = i;
    const id = bytes[i++];
    let size = 0;
    let shift = 0;
    let b;
    do {
      b = bytes[i++];
      size |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    const end = i + size;
    const named = id === 0 && bytes.subarray(i + 1, i + 1 + bytes[i]).toString() === 'target_features';
    if (!named) parts.push(bytes.subarray(start, end));
    i = end;
  }
  return Buffer.concat(parts);
}

/** Fails unless the module validates with only WASM_FEATURES enabled. */
export async function checkWasmFeatures(path) {
  const dir = await mkdtemp(join(tmpdir(), 'xzzp-wasm-'));
  try {
    const copy = join(dir, 'module.wasm');
    await writeFile(copy, withoutTargetFeatures(await readFile(path)));
    const flags = ['--mvp-features', ...WASM_FEATURES.map((f) => `--enable-${f}`)];
    try {
      execFileSync('wasm-opt', [...flags, copy], { stdio: 'pipe' });
    } catch (error) {
      const detail = String(error.stderr).split('\n').filter((l) => l.includes('error')).slice(0, 3).join('\n');
      throw new Error(`${path} uses a WebAssembly feature beyond ${WASM_FEATURES.join(', ')}, so Chromium 86 ` +
        `cannot run it; check the wasm32 rustflags in .cargo/config.toml.\n${detail}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
