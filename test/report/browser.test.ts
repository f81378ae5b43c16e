/**
 * The report in a real browser: Debian's Chromium, headless, opens index.html from disk and
 * must draw every chart with no console error and no request other than file://. Screenshots
 * are kept in test/artifacts/report/ (git-ignored). Skipped, with a message, without Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { buildReport, writeReport, chromiumAvailable, CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/report/index.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { loadEconomics, loadResults } from './inputs.ts';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.warn(`browser test skipped: no Chromium at ${CHROMIUM_PATH} (CI installs Debian's chromium)`);

const artifacts = join(repoRoot, 'test/artifacts/report');

describe.skipIf(!hasChromium)('the report in Chromium', () => {
  let browser: Browser;
  const dirs: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    for (const lang of ['da', 'en'] as const) {
      dirs[lang] = mkdtempSync(join(tmpdir(), `effekt-report-${lang}-`));
      await writeReport(dirs[lang], await buildReport(loadResults(), loadEconomics(), { lang, date: '2026-11-25', png: false }), { pdf: false });
    }
  });

  afterAll(async () => {
    await browser?.close();
    for (const d of Object.values(dirs)) rmSync(d, { recursive: true, force: true });
  });

  for (const lang of ['da', 'en'] as const) {
    it(`${lang}: every chart draws marks, no console error, only file:// requests`, async () => {
      const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      await page.goto(pathToFileURL(join(dirs[lang], 'index.html')).href, { waitUntil: 'load' });
      await page.waitForFunction(() => (window as unknown as { __reportReady?: boolean }).__reportReady === true, undefined, { timeout: 60_000 });
      const marks = await page.$$eval('[data-chart]', (els) => els.map((e) => ({ id: e.getAttribute('data-chart'), marks: e.querySelectorAll('svg .mark-symbol path, svg .mark-rule line, svg .mark-rect path, svg .mark-line path, svg .mark-text text').length })));
      expect(marks.map((m) => m.id)).toEqual(['consort', 'primary-outcome', 'forest', 'change-over-time', 'responders', 'sensitivity', 'subgroups', 'economics-cash-flow', 'economics-savings', 'economics-psa', 'economics-tornado']);
      for (const m of marks) expect(m.marks, `${m.id} drew no marks`).toBeGreaterThan(2);
      expect(problems).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
      await page.screenshot({ path: join(artifacts, `report-${lang}-first-page.png`) });
      await page.screenshot({ path: join(artifacts, `report-${lang}-full.png`), fullPage: true });
      await page.close();
    });
  }
});
