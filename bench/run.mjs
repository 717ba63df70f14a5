// Benchmark: this app (release build in dist/) and a peer, SurveyJS (survey-core + survey-js-ui, served from
// node_modules), rendering the same framework. Appends a dated table to BENCHMARKS.md.
//
// 1. first-load bytes of the first screen (raw, gzip, brotli), per file and in total;
// 2. navigation start → questionnaire usable, at 1× and 4× CPU throttling, median/min/max of RUNS runs;
// 3. answer-to-saved latency over 200 answers with 200 notes stored (p50, p95);
// 4. report generation (model, HTML preview, DOCX, Markdown) for the largest framework fully answered;
// 5. JS heap and wasm memory after the journey;
// 6. navigation start → questionnaire usable in Chromium 86 (360 安全浏览器 13, 极速模式), 1× and 4×, each run a
//    fresh browser (see e2e/old-browsers.js), beside an empty page in the same browser.
import { writeFile, readFile, appendFile, mkdir } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { serveDist, launch, ROOT } from '../e2e/helpers.js';
import { launchOld } from '../e2e/old-browsers.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const FRAMEWORK = 'quality-action';
const OUT = join(ROOT, 'target', 'bench');
await mkdir(OUT, { recursive: true });

// ---------------------------------------------------------------------------------------------------------
// The framework, read from its template (Python's tomllib), and the same data for both apps.
const fw = JSON.parse(execFileSync('python3', ['-c', `
import json, sys, tomllib
print(json.dumps(tomllib.load(open(sys.argv[1], 'rb')), ensure_ascii=False))
`, join(ROOT, 'templates', 'frameworks', '20-quality-action.toml')], { encoding: 'utf8' }));
const points = fw.areas.flatMap((a) => a.indicators.flatMap((i) => i.points));
const levels = fw.scale.levels;
const NOTE = '本学期按计划开展，相关会议记录、活动照片和学生作品已整理归档；个别年级记录不完整，下学期由教务处统一督促补齐。';

function ourAnswers(noted) {
  const by_point = {};
  points.forEach((p, i) => {
    const value = p.kind === 'level' ? { t: 'level', v: levels[i % levels.length].id }
      : p.kind === 'yes_no' ? { t: 'yes_no', v: i % 3 !== 0 }
      : p.kind === 'number' ? { t: 'number', v: (p.target ?? 10) * 0.9 }
      : { t: 'text', v: '学校特色做法。' };
    by_point[p.id] = i < noted ? { value, note: `${NOTE}（${i + 1}）` } : { value };
  });
  return { by_point, position: points[0].id };
}

/** localStorage for this app: a school with three evaluations of the framework and 200 notes in all. */
function ourStorage() {
  const env = (data) => JSON.stringify({ schema: 1, rev: 1, data });
  const evals = [['e-current', 2026, 74], ['e-2025', 2025, 74], ['e-2024', 2024, 52]];
  const storage = {
    'xzzp.meta': env({ lang: 'zh-CN', active_profile: 'default', profiles: [{ id: 'default', name: '' }], guide_done: true }),
    'xzzp.p.default.workspace': env({
      schools: [{ id: 's', name: '基准测试学校', school_type: 'junior', county: '示例县', principal: '校长', students: 1200, classes: 24, teachers: 90, group_role: 'none', group_name: '', demo: false }],
      evaluations: evals.map(([id, year]) => ({ id, school_id: 's', framework_id: FRAMEWORK, framework_version: fw.version, school_year: year, term: 'year', created: '2026-11-01' })),
      current_school: 's',
      current_evaluation: 'e-current',
      plans: [],
    }),
  };
  for (const [id, , notes] of evals) storage[`xzzp.p.default.answers.${id}`] = env(ourAnswers(notes));
  return storage;
}

/** The same framework as a SurveyJS survey: a page per area, a question per point, a comment box for notes. */
function peerSurvey() {
  const choices = levels.map((l) => ({ value: l.id, text: l.label }));
  const question = (p) => {
    const base = { name: p.id, title: `${p.id} ${p.text}`, description: p.guidance, showCommentArea: true, commentText: '佐证说明' };
    if (p.kind === 'level') return { ...base, type: 'radiogroup', choices, colCount: levels.length };
    if (p.kind === 'yes_no') return { ...base, type: 'radiogroup', choices: [{ value: 'yes', text: '是' }, { value: 'no', text: '否' }], colCount: 2 };
    if (p.kind === 'number') return { ...base, type: 'text', inputType: 'number' };
    return { ...base, type: 'comment' };
  };
  const json = { locale: 'zh-cn', title: fw.title, showQuestionNumbers: 'off', pages: fw.areas.map((a) => ({ name: a.id, title: a.title, elements: a.indicators.flatMap((i) => [{ type: 'html', name: `h-${i.id}`, html: `<h4>${i.id} ${i.title}</h4>` }, ...i.points.map(question)]) })) };
  const ours = ourAnswers(74).by_point;
  const data = {};
  for (const [id, a] of Object.entries(ours)) {
    data[id] = a.value.t === 'yes_no' ? (a.value.v ? 'yes' : 'no') : a.value.v;
    if (a.note) data[`${id}-Comment`] = a.note;
  }
  return { json, data };
}

await mkdir(join(ROOT, 'target', 'bench', 'peer'), { recursive: true });
const survey = peerSurvey();
await writeFile(join(OUT, 'peer', 'survey.js'), `window.PEER = ${JSON.stringify(survey)};\n`);
await writeFile(join(OUT, 'peer', 'index.html'), `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>SurveyJS peer</title>
<link rel="stylesheet" href="/node_modules/survey-core/survey-core.fontless.min.css">
<script src="/node_modules/survey-core/survey.core.min.js"></script>
<script src="/node_modules/survey-core/i18n/simplified-chinese.min.js"></script>
<script src="/node_modules/survey-js-ui/survey-js-ui.min.js"></script>
<script src="/target/bench/peer/survey.js"></script>
</head><body><div id="survey"></div><script src="/target/bench/peer/start.js"></script></body></html>`);
await writeFile(join(OUT, 'blank.html'), '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>blank</title></head><body><input id="ready"></body></html>');
await writeFile(join(OUT, 'peer', 'start.js'), `// Renders the survey and saves every change to localStorage, as an integration would.
const model = new Survey.Model(PEER.json);
model.data = JSON.parse(localStorage.getItem('peer-answers') ?? 'null') ?? PEER.data;
const save = (s) => localStorage.setItem('peer-answers', JSON.stringify(s.data));
model.onValueChanged.add(save);
model.render(document.getElementById('survey'));
`);

const ours = await serveDist();
const peer = await serveDist({ root: ROOT });
const browser = await launch();
const version = browser.version();
const VIEW = { viewport: { width: 1366, height: 768 } };

const APPS = {
  ours: { url: `${ours.url}#/survey`, ready: 'article.point input', radios: 'article.point input[type=radio]', seed: ourStorage() },
  peer: { url: `${peer.origin}/target/bench/peer/index.html`, ready: '.sd-question input', radios: '.sd-question input[type=radio]', seed: {} },
  // The browser's own cost of opening a page in a fresh context, for reference.
  blank: { url: `${peer.origin}/target/bench/blank.html`, ready: '#ready', seed: {} },
};

async function open(app, throttle = 1) {
  const context = await browser.newContext({ ...VIEW, acceptDownloads: true, serviceWorkers: 'block' });
  await context.addInitScript(([seed, sel]) => {
    if (!sessionStorage.getItem('seeded')) {
      for (const [k, v] of Object.entries(seed)) localStorage.setItem(k, v);
      sessionStorage.setItem('seeded', '1');
    }
    const mark = () => {
      if (!window.benchReady && document.querySelector(sel)) window.benchReady = performance.now();
    };
    new MutationObserver(mark).observe(document, { childList: true, subtree: true });
  }, [app.seed, app.ready]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return { context, page, cdp };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const kb = (n) => (n / 1024).toFixed(1);

// 1. First-load bytes of the first screen: every file whose request started before the screen was usable. Files
// asked for after that (the templates the screen does not need) are listed apart, as loaded after the start.
async function firstLoad(app, url) {
  const { context, page } = await open(app);
  const files = [];
  page.on('response', async (r) => {
    if (!r.url().startsWith('http')) return;
    try {
      const body = await r.body();
      files.push({ url: r.url(), body });
    } catch { /* redirects and aborted requests have no body */ }
  });
  await page.goto(url);
  await page.waitForFunction(() => window.benchReady || document.readyState === 'complete');
  await page.waitForLoadState('networkidle');
  const { ready, starts } = await page.evaluate(() => ({
    ready: window.benchReady ?? Infinity,
    starts: Object.fromEntries(performance.getEntriesByType('resource').map((e) => [e.name, e.startTime])),
  }));
  await context.close();
  return files.map(({ url, body }) => ({
    file: new URL(url).pathname.split('/').pop() || 'index.html',
    // The page itself has no resource entry: it is the first thing loaded.
    first: !(url in starts) || starts[url] < ready,
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }));
}

// 1b. A new user (nothing stored): navigation → home page usable, and → every template document arrived.
async function onDemand(throttle) {
  const { context, page } = await open({ seed: {}, ready: 'main h1' }, throttle);
  await page.goto(ours.url);
  await page.waitForFunction(() => window.benchReady, null, { timeout: 60_000 });
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/templates/') && e.responseEnd > 0).length >= 10, null, { timeout: 60_000 });
  const t = await page.evaluate(() => ({
    home: window.benchReady,
    templates: Math.max(...performance.getEntriesByType('resource')
      .filter((e) => e.name.includes('/templates/')).map((e) => e.responseEnd)),
  }));
  await context.close();
  return t;
}

// 1c. A page whose code is loaded on demand, opened for the first time from the questionnaire: the address
// changes → the page usable (its parts fetched, instantiated and the page drawn).
const LATER = [['plan', '#/plan', 'main[data-route="#/plan"] form button[type=submit]'], ['report', '#/report', '.report-doc']];
async function laterPage(throttle, hash, selector) {
  const { context, page } = await open(APPS.ours, throttle);
  await page.goto(APPS.ours.url);
  await page.waitForFunction(() => window.benchReady, null, { timeout: 60_000 });
  const t = await page.evaluate(([h, sel]) => new Promise((resolve) => {
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      if (document.querySelector(sel)) {
        observer.disconnect();
        resolve(performance.now() - t0);
      }
    });
    observer.observe(document, { childList: true, subtree: true });
    location.hash = h;
  }), [hash, selector]);
  await context.close();
  return t;
}

// 2. Navigation start → questionnaire usable.
async function startup(app, throttle) {
  const { context, page } = await open(app, throttle);
  await page.goto(app.url);
  await page.waitForFunction(() => window.benchReady, null, { timeout: 60_000 });
  const t = await page.evaluate(() => window.benchReady);
  await context.close();
  return t;
}

// 6. The same start-up in Chromium 86: each fresh start is a fresh browser with an empty profile; the storage is
// seeded before the page's scripts as above.
async function startupOld(app, throttle) {
  const run = await launchOld(86, {
    onNewDocument: ([seed, sel]) => {
      if (!sessionStorage.getItem('seeded')) {
        for (const [k, v] of Object.entries(seed)) localStorage.setItem(k, v);
        sessionStorage.setItem('seeded', '1');
      }
      const mark = () => {
        if (!window.benchReady && document.querySelector(sel)) window.benchReady = performance.now();
      };
      new MutationObserver(mark).observe(document, { childList: true, subtree: true });
    },
    arg: [app.seed, app.ready],
  });
  try {
    const cdp = await run.page.target().createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await run.page.goto(app.url);
    await run.page.waitForFunction(() => window.benchReady, { timeout: 60_000 });
    return { t: await run.page.evaluate(() => window.benchReady), version: run.version };
  } finally {
    await run.close();
  }
}

// 3. Answer to saved, and 5. memory after the journey.
async function answering(app) {
  const { context, page, cdp } = await open(app);
  await page.goto(app.url);
  await page.waitForFunction(() => window.benchReady, null, { timeout: 60_000 });
  const latencies = await page.evaluate(async (sel) => {
    let saved = 0;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      setItem.call(this, k, v);
      saved = performance.now();
    };
    const radios = [...document.querySelectorAll(sel)];
    const out = [];
    for (let i = 0; i < 200; i++) {
      // Start at the second choice: the first is the stored answer, and clicking it would change nothing.
      const input = radios[(i + 1) % radios.length];
      saved = 0;
      const t0 = performance.now();
      input.click();
      // Some frameworks save after their render pass: wait until the write has happened.
      for (let spins = 0; saved === 0 && spins < 100; spins++) await new Promise((r) => setTimeout(r, 0));
      out.push(saved ? saved - t0 : NaN);
      await new Promise((r) => setTimeout(r, 0));
    }
    return out;
  }, app.radios);
  await cdp.send('Performance.enable');
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  const wasm = await page.evaluate(() => window.xzzpMemory?.buffer.byteLength ?? 0);
  await context.close();
  return { latencies, heap, wasm };
}

// 4. Report generation, from the app's own performance.measure entries.
async function report() {
  const { context, page } = await open(APPS.ours);
  await page.goto(`${ours.url}#/report`);
  await page.waitForSelector('.report-doc');
  await Promise.all([page.waitForEvent('download'), page.click('button:has-text("下载 Word")')]);
  await Promise.all([page.waitForEvent('download'), page.click('button:has-text("下载 Markdown")')]);
  const t = await page.evaluate(() => Object.fromEntries(
    ['report:model', 'report:html', 'report:docx', 'report:markdown', 'wasm:load', 'app:mount']
      .map((n) => [n, performance.getEntriesByName(n).at(-1)?.duration ?? NaN])));
  await context.close();
  return t;
}

const loadAll = await firstLoad(APPS.ours, APPS.ours.url);
const loadOurs = loadAll.filter((f) => f.first);
const loadLater = loadAll.filter((f) => !f.first);
const loadPeer = (await firstLoad(APPS.peer, APPS.peer.url)).filter((f) => f.first);
const demand = { 1: [], 4: [] };
for (const throttle of [1, 4]) {
  for (let i = 0; i < RUNS; i++) demand[throttle].push(await onDemand(throttle));
}
const later = Object.fromEntries(LATER.map(([name]) => [name, { 1: [], 4: [] }]));
for (const throttle of [1, 4]) {
  for (let i = 0; i < RUNS; i++) {
    for (const [name, hash, selector] of LATER) later[name][throttle].push(await laterPage(throttle, hash, selector));
  }
}
const startups = { ours: { 1: [], 4: [] }, peer: { 1: [], 4: [] }, blank: { 1: [], 4: [] } };
for (const throttle of [1, 4]) {
  for (let i = 0; i < RUNS; i++) {
    for (const name of ['ours', 'peer', 'blank']) startups[name][throttle].push(await startup(APPS[name], throttle));
  }
}
const startupsOld = { ours: { 1: [], 4: [] }, blank: { 1: [], 4: [] } };
let versionOld = '';
for (const throttle of [1, 4]) {
  for (let i = 0; i < RUNS; i++) {
    for (const name of ['ours', 'blank']) {
      const { t, version: v } = await startupOld(APPS[name], throttle);
      startupsOld[name][throttle].push(t);
      versionOld = v;
    }
  }
}
const answersOurs = await answering(APPS.ours);
const answersPeer = await answering(APPS.peer);
const reports = [];
for (let i = 0; i < 5; i++) reports.push(await report());
await browser.close();
await ours.close();
await peer.close();

// ---------------------------------------------------------------------------------------------------------
const sum = (files, k) => files.reduce((s, f) => s + f[k], 0);
const loadTable = (files) => files.map((f) => `| ${f.file} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.br)} |`).join('\n');
const row = (label, xs) => `| ${label} | ${ms(median(xs))} | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} |`;
const lat = (xs) => xs.filter((x) => !Number.isNaN(x));
const rep = (k) => median(reports.map((r) => r[k]));
const fullReport = rep('report:model') + rep('report:html') + rep('report:docx') + rep('report:markdown');
const date = new Date().toISOString().slice(0, 10);
const cpu = execFileSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2; nproc"], { encoding: 'utf8' }).trim().replace(/\s*\n/, ', ') + ' cores';

const ratio = (a, b) => (a / b).toFixed(2);
const sOurs4 = median(startups.ours[4]);
const sPeer4 = median(startups.peer[4]);
const sBlank4 = median(startups.blank[4]);
const table = `
## ${date}

Machine: ${cpu}; Chromium ${version} headless; framework 「${fw.title}」 (${points.length} points); peer SurveyJS
survey-core + survey-js-ui 2.5.38. ${RUNS} runs per start-up figure, each in a fresh browser context.

### 1. First load (every file the browser asks for before the questionnaire is usable), KB

| file (this app) | raw | gzip | brotli |
|---|---|---|---|
${loadTable(loadOurs)}
| **total** | **${kb(sum(loadOurs, 'raw'))}** | **${kb(sum(loadOurs, 'gzip'))}** | **${kb(sum(loadOurs, 'br'))}** |

Asked for after the questionnaire was usable (the templates it does not use; the service worker, blocked here,
would also fetch every file of the build for offline use):

| file (this app) | raw | gzip | brotli |
|---|---|---|---|
${loadTable(loadLater)}
| **total** | **${kb(sum(loadLater, 'raw'))}** | **${kb(sum(loadLater, 'gzip'))}** | **${kb(sum(loadLater, 'br'))}** |

| file (SurveyJS) | raw | gzip | brotli |
|---|---|---|---|
${loadTable(loadPeer)}
| **total** | **${kb(sum(loadPeer, 'raw'))}** | **${kb(sum(loadPeer, 'gzip'))}** | **${kb(sum(loadPeer, 'br'))}** |

### 2. Navigation start → questionnaire usable, ms

| app, CPU | median | min | max |
|---|---|---|---|
${row('this app, 1×', startups.ours[1])}
${row('SurveyJS, 1×', startups.peer[1])}
${row('(an empty page, 1×)', startups.blank[1])}
${row('this app, 4× throttled', startups.ours[4])}
${row('SurveyJS, 4× throttled', startups.peer[4])}
${row('(an empty page, 4× throttled)', startups.blank[4])}

Ratio this app / SurveyJS (median): 1× ${ratio(median(startups.ours[1]), median(startups.peer[1]))}, 4× ${ratio(sOurs4, sPeer4)}.
The empty page shows what the browser itself costs to open any page in a fresh context on this machine.
Inside this app at 1× (median of 5): loading and starting the WebAssembly module ${ms(rep('wasm:load'))} ms, of
which mounting the interface ${ms(rep('app:mount'))} ms.

### 2a. A new user (nothing stored), ms: navigation → home page usable, and → the last template document arrived

| CPU | home usable, median | templates arrived, median | min–max of the latter |
|---|---|---|---|
${[1, 4].map((t) => `| ${t}× | ${ms(median(demand[t].map((d) => d.home)))} | ${ms(median(demand[t].map((d) => d.templates)))} | ${ms(Math.min(...demand[t].map((d) => d.templates)))}–${ms(Math.max(...demand[t].map((d) => d.templates)))} |`).join('\n')}

### 2b. A page loaded on demand, opened for the first time from the questionnaire, ms: address change → usable

| page, CPU | median | min | max |
|---|---|---|---|
${LATER.map(([name]) => [1, 4].map((t) => row(`${name}, ${t}×`, later[name][t])).join('\n')).join('\n')}

### 2c. The same start-up in Chromium 86 (${versionOld}; 360 安全浏览器 13 极速模式), ms

Each run a fresh browser with an empty profile, the same stored data.

| app, CPU | median | min | max |
|---|---|---|---|
${row('this app, 1×', startupsOld.ours[1])}
${row('(an empty page, 1×)', startupsOld.blank[1])}
${row('this app, 4× throttled', startupsOld.ours[4])}
${row('(an empty page, 4× throttled)', startupsOld.blank[4])}

### 3. Answer to saved (200 answers; 200 notes stored), ms

| app | p50 | p95 | saves seen |
|---|---|---|---|
| this app | ${ms(pct(lat(answersOurs.latencies), 50))} | ${ms(pct(lat(answersOurs.latencies), 95))} | ${lat(answersOurs.latencies).length}/200 |
| SurveyJS | ${ms(pct(lat(answersPeer.latencies), 50))} | ${ms(pct(lat(answersPeer.latencies), 95))} | ${lat(answersPeer.latencies).length}/200 |

### 4. Report generation, fully answered, ms (median of 5)

| step | ms |
|---|---|
| report model | ${ms(rep('report:model'))} |
| HTML preview | ${ms(rep('report:html'))} |
| DOCX | ${ms(rep('report:docx'))} |
| Markdown | ${ms(rep('report:markdown'))} |
| **full report** | **${ms(fullReport)}** |

### 5. Memory after the journey

| app | JS heap | wasm memory |
|---|---|---|
| this app | ${kb(answersOurs.heap)} KB | ${kb(answersOurs.wasm)} KB |
| SurveyJS | ${kb(answersPeer.heap)} KB | — |

### Targets

| target | result |
|---|---|
| first load ≤ 200 KB brotli | ${kb(sum(loadOurs, 'br'))} KB — ${sum(loadOurs, 'br') <= 200 * 1024 ? 'met' : 'not met'} |
| usable ≤ 300 ms at 4× throttle, beyond the empty page's cost | ${ms(sOurs4 - sBlank4)} ms (${ms(sOurs4)} − ${ms(sBlank4)}) — ${sOurs4 - sBlank4 <= 300 ? 'met' : 'not met'} |
| at least 3× faster than the peer | ${ratio(sPeer4, sOurs4)}× at 4× — ${sPeer4 / sOurs4 >= 3 ? 'met' : 'not met'} |
${LATER.map(([name]) => `| ${name} page loaded on demand usable ≤ 300 ms at 4× | ${ms(median(later[name][4]))} ms — ${median(later[name][4]) <= 300 ? 'met' : 'not met'} |`).join('\n')}
| answer-to-saved p95 ≤ 8 ms | ${ms(pct(lat(answersOurs.latencies), 95))} ms — ${pct(lat(answersOurs.latencies), 95) <= 8 ? 'met' : 'not met'} |
| full report ≤ 150 ms | ${ms(fullReport)} ms — ${fullReport <= 150 ? 'met' : 'not met'} |
`;
const bench = join(ROOT, 'BENCHMARKS.md');
// BENCH_APPEND=0: print the table (and target/bench/raw.json) without adding it to BENCHMARKS.md.
if (process.env.BENCH_APPEND !== '0') {
  let existing = '';
  try { existing = await readFile(bench, 'utf8'); } catch { /* first run */ }
  if (!existing) {
    await writeFile(bench, '# Benchmarks\n\nAppended by `scripts/bench`; newest last. Figures are what the command measured on the machine named.\n');
  }
  await appendFile(bench, table);
}
await writeFile(join(OUT, 'raw.json'), JSON.stringify({ loadOurs, loadLater, loadPeer, demand, startups, startupsOld, answersOurs, answersPeer, reports }, null, 1));
console.log(table);
