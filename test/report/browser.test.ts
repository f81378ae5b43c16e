/**
 * The report in a real browser: Debian's Chromium, headless, opens index.html from disk and
 * must draw every chart with no console error and no request other than file://; the page must
 * fit a desktop (1280 px) and a phone (390 px) with no sideways page scroll (a wide table
 * scrolls inside its own box on the phone only), the printed A4 page must hold every table
 * and chart whole, and every number the page shows must be in the PDF's text (pdftotext).
 * Screenshots are kept in test/artifacts/report/ (git-ignored). Skipped, with a message,
 * without Chromium (and the PDF text check without pdftotext).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildReport, writeReport, chromiumAvailable, CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/report/index.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { loadEconomics, loadResults } from './inputs.ts';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.warn(`browser test skipped: no Chromium at ${CHROMIUM_PATH} (CI installs Debian's chromium)`);
const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (hasChromium && !hasPdftotext) console.warn('PDF text check skipped: no pdftotext (Debian: poppler-utils)');

const artifacts = join(repoRoot, 'test/artifacts/report');
/** A4 minus the page's 14 mm side margins, in CSS pixels (96 per inch). */
const A4_TEXT_WIDTH = Math.floor(((210 - 28) / 25.4) * 96);

async function open(browser: Browser, dir: string, width: number, problems?: string[], requests?: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 1000 } });
  if (requests) page.on('request', (r) => requests.push(r.url()));
  if (problems) {
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  }
  await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { __reportReady?: boolean }).__reportReady === true, undefined, { timeout: 60_000 });
  return page;
}

/** Elements that stick out to the right of the viewport, outside a table's own scroll box. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('main *'))) {
      if (el.closest('.table-wrap')) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > w + 1) out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className}` : ''} right=${Math.round(r.right)}`);
    }
    return out.slice(0, 10);
  });
}

describe.skipIf(!hasChromium)('the report in Chromium', () => {
  let browser: Browser;
  const dirs: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    for (const lang of ['da', 'en'] as const) {
      dirs[lang] = mkdtempSync(join(tmpdir(), `effekt-report-${lang}-`));
      await writeReport(dirs[lang], await buildReport(loadResults(), loadEconomics(), { lang, date: '2026-11-25', png: false }));
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    for (const d of Object.values(dirs)) rmSync(d, { recursive: true, force: true });
  });

  for (const lang of ['da', 'en'] as const) {
    it(`${lang}: every chart draws marks, no console error, only file:// requests`, async () => {
      const problems: string[] = [];
      const requests: string[] = [];
      const page = await open(browser, dirs[lang], 1280, problems, requests);
      const marks = await page.$$eval('[data-chart]', (els) => els.map((e) => ({ id: e.getAttribute('data-chart'), marks: e.querySelectorAll('svg .mark-symbol path, svg .mark-rule line, svg .mark-rect path, svg .mark-line path, svg .mark-text text').length })));
      expect(marks.map((m) => m.id)).toEqual(['consort', 'primary-outcome', 'forest', 'change-over-time', 'responders', 'sensitivity', 'subgroups', 'economics-cash-flow', 'economics-savings', 'economics-break-even', 'economics-psa', 'economics-tornado']);
      for (const m of marks) expect(m.marks, `${m.id} drew no marks`).toBeGreaterThan(2);
      expect(problems).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
      await page.screenshot({ path: join(artifacts, `report-${lang}-1280.png`), fullPage: true });
      await page.close();
    });

    it(`${lang}: 1280 px — no sideways page scroll, no table needs its scroll box, every chart fits its column`, async () => {
      const page = await open(browser, dirs[lang], 1280);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      expect(await overflowing(page)).toEqual([]);
      const scrolling = await page.$$eval('.table-wrap', (els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.querySelector('caption')?.textContent ?? '?'));
      expect(scrolling).toEqual([]);
      const wide = await page.$$eval('[data-chart]', (els) => els.filter((e) => (e.querySelector('svg')?.getBoundingClientRect().width ?? 0) > e.getBoundingClientRect().width + 1).map((e) => e.getAttribute('data-chart')));
      expect(wide).toEqual([]);
      await page.close();
    });

    it(`${lang}: 390 px — no sideways page scroll; charts drawn from the narrow specs and legible`, async () => {
      const page = await open(browser, dirs[lang], 390);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await overflowing(page)).toEqual([]);
      // Each chart is drawn at (about) its own width, not shrunk from a desktop drawing: its text stays ≥ 9 px.
      const small = await page.$$eval('[data-chart] svg', (svgs) =>
        svgs.flatMap((svg) => {
          const scale = svg.getBoundingClientRect().width / (Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width);
          return scale < 0.9 ? [`${svg.closest('[data-chart]')?.getAttribute('data-chart')} drawn at ${scale.toFixed(2)}×`] : [];
        }),
      );
      expect(small).toEqual([]);
      await page.screenshot({ path: join(artifacts, `report-${lang}-390.png`), fullPage: true });
      await page.close();
    });

    it(`${lang}: printed on A4 — every table and chart fits the page width`, async () => {
      const page = await open(browser, dirs[lang], A4_TEXT_WIDTH);
      await page.emulateMedia({ media: 'print' });
      const cut = await page.$$eval('table', (ts, w) => ts.filter((t) => t.getBoundingClientRect().width > w + 1 || t.scrollWidth > w + 1).map((t) => `${t.querySelector('caption')?.textContent ?? '?'}: ${Math.round(t.getBoundingClientRect().width)} px`), A4_TEXT_WIDTH);
      expect(cut).toEqual([]);
      const charts = await page.$$eval('[data-chart] svg', (svgs, w) => svgs.filter((s) => s.getBoundingClientRect().width > w + 1).map((s) => s.closest('[data-chart]')?.getAttribute('data-chart')), A4_TEXT_WIDTH);
      expect(charts).toEqual([]);
      await page.close();
    });

    it.skipIf(!hasPdftotext)(`${lang}: every number the page shows from results.json and economics.json is in the PDF's text`, async () => {
      const page = await open(browser, dirs[lang], 1280);
      // The page's own words: charts are drawn from the same numbers and checked by their text alternatives, which the page shows as captions.
      const shown = await page.evaluate(() => {
        for (const c of Array.from(document.querySelectorAll<HTMLElement>('.chart'))) c.style.display = 'none';
        return document.querySelector('main')!.innerText;
      });
      await page.close();
      const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dirs[lang], 'report.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).replace(/\s+/g, ' ');
      const numbers = [...new Set(shown.match(/[−-]?\d[\d.,]*\d|\d/g) ?? [])];
      expect(numbers.length).toBeGreaterThan(300);
      const missing = numbers.filter((n) => !pdfText.includes(n));
      expect(missing).toEqual([]);
    });
  }
});
