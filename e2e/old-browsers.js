// Old Chromium builds for the compatibility tier, from npm only: chrome-aws-lambda 5.3.1 ships Chromium 86 (the
// engine of 360 安全浏览器 13 in 极速模式), @sparticuz/chromium 109.0.6 ships Chromium 109 (the last Chrome on
// Windows 7). Each holds bin/chromium.br and bin/aws.tar.br (brotli; the tar holds the shared libraries the
// binary needs). They are unpacked once into target/old-browsers/<version>/ and driven by the puppeteer-core
// release of their time (playwright-core does not speak to Chromium 86).
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, chmodSync, mkdtempSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile, readdir, mkdir } from 'node:fs/promises';
import { ROOT, ARTIFACTS } from './helpers.js';

const require = createRequire(join(ROOT, 'package.json'));

/** The old browsers: npm package of the build and of its driver. */
export const OLD_BROWSERS = {
  86: { build: 'chrome-aws-lambda', driver: 'puppeteer-core-5' },
  109: { build: '@sparticuz/chromium', driver: 'puppeteer-core-19' },
};

const CACHE = join(ROOT, 'target', 'old-browsers');

/**
 * Unpacks Chromium `major` (86 or 109) unless already there; returns its executable and library directory.
 * Idempotent: a stamp naming the package version marks a complete unpack.
 */
export function unpack(major) {
  const { build } = OLD_BROWSERS[major];
  const pkgDir = join(ROOT, 'node_modules', build);
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const dir = join(CACHE, String(major));
  const stamp = join(dir, '.unpacked');
  const executablePath = join(dir, 'chromium');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== `${build}@${version}`) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(executablePath, brotliDecompressSync(readFileSync(join(pkgDir, 'bin', 'chromium.br'))));
    chmodSync(executablePath, 0o755);
    const tar = join(dir, 'aws.tar');
    writeFileSync(tar, brotliDecompressSync(readFileSync(join(pkgDir, 'bin', 'aws.tar.br'))));
    execFileSync('tar', ['-xf', tar, '-C', dir]);
    rmSync(tar);
    writeFileSync(stamp, `${build}@${version}`);
  }
  return { executablePath, lib: join(dir, 'lib') };
}

/**
 * Launches Chromium `major` headless with a fresh profile; a fresh start of the application is a fresh browser:
 * use `page` of the result. `onNewDocument` (a function, given `arg`) runs in every document before the page's
 * own scripts. Not --single-process: on this machine kind it made half the launches of Chromium 86 fail
 * ("Target closed" while puppeteer attaches) and lets a browser have only one page.
 */
export async function launchOld(major, { onNewDocument, arg } = {}) {
  const { executablePath, lib } = unpack(major);
  // Only for this browser: the bundled libraries (an older NSS among them) would break Debian's Chromium.
  const env = { ...process.env, LD_LIBRARY_PATH: [lib, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
  process.env.PUPPETEER_DISABLE_HEADLESS_WARNING = 'true';
  const puppeteer = require(OLD_BROWSERS[major].driver);
  const userDataDir = mkdtempSync(join(tmpdir(), `xzzp-chromium-${major}-`));
  const downloads = join(userDataDir, 'downloads');
  mkdirSync(downloads);
  const browser = await puppeteer.launch({
    executablePath,
    env,
    headless: true,
    userDataDir,
    defaultViewport: { width: 1366, height: 768 },
    args: ['--no-sandbox', '--no-zygote', '--disable-gpu', '--disable-dev-shm-usage',
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--lang=zh-CN'],
  });
  const [page] = await browser.pages();
  page.setDefaultTimeout(30_000);
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
  });
  const cdp = await page.target().createCDPSession();
  await cdp.send('Page.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  if (onNewDocument) await page.evaluateOnNewDocument(onNewDocument, arg);
  return {
    browser,
    page,
    downloads,
    profile: userDataDir,
    version: await browser.version(),
    close: async () => {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Closes the first-run guide the way a newcomer does, with 跳过, once the home page shows it. The tests do not
 * mark the guide as seen from a script injected before the page's own (`onNewDocument`): in Chromium 109, a
 * localStorage write from such a script in the first document of a fresh browser sometimes (3 launches in 60
 * with a one-line page) leaves that document's storage cut off from the browser, so that nothing it saves
 * survives a reload. Scripts injected by the tests therefore never touch storage.
 */
export async function skipGuide(page) {
  await clickText(page, '.guide button', '跳过');
  await page.waitForFunction(() => !document.querySelector('.guide'));
}

/** Clicks the first element of `selector` whose text contains `text`, once there is one (puppeteer has no text selectors). */
export async function clickText(page, selector, text) {
  await page.waitForFunction((s, t) => [...document.querySelectorAll(s)].some((e) => e.textContent.includes(t)), {}, selector, text);
  await page.evaluate((s, t) => [...document.querySelectorAll(s)].find((e) => e.textContent.includes(t)).click(), selector, text);
}

/**
 * Waits until `text` (as Chromium stores localStorage values: UTF-16) is in the profile's LevelDB files, that is,
 * until the browser has committed the page's writes to disk. Returns whether it was seen: a value split across
 * LevelDB's 32 KB blocks would not be, and the reload after it still checks the data, so a miss only says so.
 */
export async function onDisk(run, text, timeoutMs = 30_000) {
  const dir = join(run.profile, 'Default', 'Local Storage', 'leveldb');
  const needle = Buffer.from(text, 'utf16le');
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const files = await readdir(dir).catch(() => []);
    for (const f of files) {
      if ((await readFile(join(dir, f)).catch(() => Buffer.alloc(0))).includes(needle)) return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`# “${text}” was not seen in the profile's LevelDB files within ${timeoutMs / 1000} s`);
  return false;
}

/**
 * Reloads and waits for `selector`. When it does not come, the failure says what the page showed and what its
 * storage held after the reload and after a second one, with screenshots, so that a fault can be told apart
 * from a slow start.
 */
export async function reloadAndFind(page, selector, name) {
  await page.reload();
  try {
    await page.waitForSelector(selector);
  } catch (e) {
    await mkdir(ARTIFACTS, { recursive: true });
    const seen = async (shot) => {
      await page.screenshot({ path: join(ARTIFACTS, `compat-${name}-${shot}.png`) }).catch(() => {});
      return page.evaluate(() => ({
        route: document.querySelector('main')?.getAttribute('data-route'),
        keys: Object.keys(localStorage).sort(),
        notices: [...document.querySelectorAll('[data-testid=notice], #not-started, #crash')].map((n) => n.textContent),
      })).catch((err) => String(err));
    };
    const first = await seen('after-reload');
    await page.reload();
    await new Promise((r) => setTimeout(r, 5000));
    const second = await seen('after-second-reload');
    throw new Error(`${e.message}; after the reload: ${JSON.stringify(first)}; after a second reload: ${JSON.stringify(second)}; errors: ${JSON.stringify(page.errors)}`);
  }
}
