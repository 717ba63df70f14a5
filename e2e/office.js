// Word files through LibreOffice: convert .docx to PDF and read back page count, page sizes and text, so that a
// journey (or scripts/check-documents) can check what a school would print.
//
//   import { convertToPdf, readPdf, pageOf, isLandscapeA4 } from './office.js';
//   const [pdf] = convertToPdf([docxPath], outDir);
//   const { pages } = readPdf(pdf);            // [{ number, width, height, text }]
//   assert.ok(pages.every(isLandscapeA4));
//   assert.ok(pageOf(pages, '附件2') > 1);
//
// Run directly, it checks the given .docx files and prints one line per file:
//   node e2e/office.js target/sample-documents/demo-urban/*.docx
// For each file with a Markdown twin (same name, .md) every heading of the Markdown must appear in the PDF.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The LibreOffice profile used for conversions (a fixed one, so that a first run's set-up is done once). */
const PROFILE = 'file:///tmp/xzzp-lo-profile';

/** Converts .docx files to PDF in outDir with LibreOffice; returns the PDF paths in the same order. */
export function convertToPdf(files, outDir) {
  mkdirSync(outDir, { recursive: true });
  execFileSync('soffice', [`-env:UserInstallation=${PROFILE}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files], {
    stdio: 'pipe',
    timeout: 300_000,
  });
  return files.map((f) => {
    const pdf = join(outDir, basename(f).replace(/\.docx$/, '.pdf'));
    if (!existsSync(pdf)) throw new Error(`LibreOffice did not convert ${f}`);
    return pdf;
  });
}

/** Text without the spaces and line breaks converters put between CJK characters. */
export function squeeze(text) {
  return text.replace(/\s+/g, '');
}

/** Pages of a PDF: number, size in points and text (squeezed). */
export function readPdf(pdf) {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const count = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', String(count), pdf], { encoding: 'utf8' });
  const pages = [];
  for (const m of sizes.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/g)) {
    pages.push({ number: Number(m[1]), width: Number(m[2]), height: Number(m[3]) });
  }
  for (const p of pages) {
    p.text = squeeze(execFileSync('pdftotext', ['-layout', '-f', String(p.number), '-l', String(p.number), pdf, '-'], { encoding: 'utf8' }));
  }
  return { pages, text: pages.map((p) => p.text).join('') };
}

const near = (a, b) => Math.abs(a - b) < 2;
/** A4 portrait: 595.28 × 841.89 pt. */
export const isPortraitA4 = (p) => near(p.width, 595.28) && near(p.height, 841.89);
/** A4 landscape: 841.89 × 595.28 pt. */
export const isLandscapeA4 = (p) => near(p.width, 841.89) && near(p.height, 595.28);

/** The number of the first page whose text includes `needle` (spaces ignored), or 0. */
export function pageOf(pages, needle) {
  const n = squeeze(needle);
  return pages.find((p) => p.text.includes(n))?.number ?? 0;
}

/** The number of the first page whose text starts with `needle` (an annex's 附件N opens its page), or 0. */
export function pageStartingWith(pages, needle) {
  const n = squeeze(needle);
  return pages.find((p) => p.text.startsWith(n))?.number ?? 0;
}

/** Headings of a Markdown file written by the tool, without Markdown's escapes. */
export function markdownHeadings(md) {
  return md
    .split('\n')
    .filter((l) => /^#{1,4} /.test(l))
    .map((l) => l.replace(/^#+ /, '').replace(/\\(.)/g, '$1'));
}

/** Page ranges of the annexes: [{ label, from, to }], from the pages that open with 附件N (or 附件). */
export function annexPages(pages) {
  const starts = pages.filter((p) => /^附件\d*(?!：)/.test(p.text) && !p.text.startsWith('附件：'));
  return starts.map((p, i) => ({
    label: /^附件\d*/.exec(p.text)[0],
    from: p.number,
    to: (starts[i + 1]?.number ?? pages.length + 1) - 1,
  }));
}

/** Checks files as the command line does; returns the problems found (empty when all is well). */
export function checkFiles(files, outDir) {
  const problems = [];
  const pdfs = convertToPdf(files, outDir);
  files.forEach((file, i) => {
    const { pages, text } = readPdf(pdfs[i]);
    const landscape = pages.filter(isLandscapeA4).map((p) => p.number);
    const portrait = pages.filter(isPortraitA4).map((p) => p.number);
    const odd = pages.filter((p) => !isLandscapeA4(p) && !isPortraitA4(p)).map((p) => p.number);
    const annexes = annexPages(pages).map((a) => `${a.label} p.${a.from}–${a.to}`);
    const range = (ns) => (ns.length ? `${ns[0]}–${ns[ns.length - 1]}` : '—');
    console.log(
      `${basename(file)}: ${pages.length} pages; portrait ${range(portrait)}; landscape ${range(landscape)}` +
        (annexes.length ? `; ${annexes.join(', ')}` : ''),
    );
    if (odd.length) problems.push(`${file}: pages ${odd.join(', ')} are not A4`);
    const md = file.replace(/\.docx$/, '.md');
    if (existsSync(md)) {
      for (const h of markdownHeadings(readFileSync(md, 'utf8'))) {
        if (!text.includes(squeeze(h))) problems.push(`${file}: heading not found in the PDF: ${h}`);
      }
    }
  });
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2).filter((f) => f.endsWith('.docx'));
  if (!files.length) {
    console.error('usage: node e2e/office.js FILE.docx…');
    process.exit(2);
  }
  const problems = checkFiles(files, join(dirname(resolve(files[0])), 'pdf'));
  for (const p of problems) console.error(`problem: ${p}`);
  process.exit(problems.length ? 1 : 0);
}
