// Shared helpers for the end-to-end journeys: a static server for dist/ and Debian's Chromium via playwright-core.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

export const ROOT = resolve(import.meta.dirname, '..');
export const DIST = join(ROOT, 'dist');
/** The single self-contained HTML file made by scripts/single-file.mjs from dist/. */
export const SINGLE = join(ROOT, 'dist-single', '学校质量自评.html');

/** Packs the release build in dist/ into the single file (SINGLE). */
export function buildSingleFile() {
  execFileSync('node', [join(ROOT, 'scripts', 'single-file.mjs')], { stdio: 'pipe' });
}

/** Where tests leave screenshots and downloads for a person to look at. */
export const ARTIFACTS = join(ROOT, 'target', 'e2e-artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/**
 * Serves dist/ on 127.0.0.1 at a free port, optionally under a sub-path (e.g. "/school/").
 * Returns { url, close, requests } where requests lists every path asked for.
 */
export async function serveDist({ base = '/', transform = null, root = DIST } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404).end('not found');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(base.length)) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(root, rel));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      let body = await readFile(file);
      if (transform) body = transform(rel, body);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${base}`,
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((ok) => {
      server.closeAllConnections?.();
      server.close(ok);
    }),
  };
}

/** Launches Debian's Chromium headless with the flags this machine needs (root, closed network). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** A new page that records console errors and uncaught exceptions into `page.errors`. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
  });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

/**
 * Clicks a link of the main navigation and waits until its page is the one shown: a click only queues the
 * hash change, so a check made right after it could still see the page before.
 */
export async function nav(page, hash) {
  await page.click(`header nav a[href="${hash}"]`);
  await page.waitForSelector(`main#main[data-route="${hash}"]`);
}

/** Opens the app and waits until the shell is mounted; closes the first-run guide unless `guide` is set. */
export async function openApp(page, url, { guide = false } = {}) {
  await page.goto(url);
  await page.waitForSelector('header.app-header nav a');
  if (!guide) {
    await page.evaluate(() => {
      const meta = JSON.parse(localStorage.getItem('xzzp.meta') ?? 'null');
      if (!meta?.data?.guide_done) {
        const data = { ...(meta?.data ?? {}), guide_done: true };
        localStorage.setItem('xzzp.meta', JSON.stringify({ schema: 1, rev: (meta?.rev ?? 0) + 1, data }));
      }
    });
    if (await page.$('.guide')) await page.reload();
    await page.waitForSelector('header.app-header nav a');
  }
}

/** Saves a screenshot under target/e2e-artifacts/ and returns its path. */
export async function screenshot(page, name, options = {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, ...options });
  return path;
}

/** Records Content-Security-Policy violations in `window.cspViolations` from the first script on. */
export async function watchCsp(context) {
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

/** Starts the static server and the browser before a file's tests and stops both after them. */
export function suite(options) {
  const env = {};
  before(async () => {
    env.server = await serveDist(options);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** The DOM id of an assessment point, e.g. A1.1.1 → #pt-A1-1-1. */
export const pt = (id) => `#pt-${id.replaceAll('.', '-')}`;

/** Adds a school on the school page (typing `fields` by their input ids first) and waits until it is current. */
export async function addSchool(page, name, fields = {}) {
  await nav(page, '#/school');
  await page.fill('#school-name', name);
  for (const [id, value] of Object.entries(fields)) await page.fill(id, value);
  await page.click('form button[type=submit]');
  await page.waitForSelector('.school-list li.current');
}

/** Starts an evaluation of the preselected framework for the current school and waits for its first point. */
export async function startEvaluation(page) {
  await nav(page, '#/survey');
  await page.click('form button[type=submit]:has-text("开始自评")');
  await page.waitForSelector(pt('A1.1.1'));
}

/** Makes the self-evaluation plan and drafts ledger tasks from the weak points of the open evaluation. */
export async function planAndTasks(page) {
  await nav(page, '#/plan');
  await page.click('form button[type=submit]:has-text("生成方案")');
  await page.waitForSelector('#plan-title');
  await page.click('a.tab[href="#/plan/ledger"]');
  await page.click('button:has-text("生成任务")');
  await page.waitForSelector('.ledger-table tbody.task');
}
