/**
 * The adversarial corpus (scripts/make-adversarial-corpus.ts → test/adversarial/corpus/): every
 * case runs the real command and must end as its manifest says — the exit code; for bad input a
 * message naming the file (or option) and the row/column or JSON path, and a fix; no stack
 * trace; nothing written, or the previous output exactly as it was; bounded time and memory.
 * Then every report the corpus wrote is opened in Chromium, which must see no dialog, no script
 * of a payload running and no element the report did not put there.
 *
 * Cases run in this process (fast); big inputs and kill -9 run in a child process with its
 * old space capped at 1 GB. A summary by category is written to test/artifacts/adversarial.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { recoverOutputFolder } from '../../src/data/io/output-folder.ts';
import { assertNoInjectedMarkup } from '../../src/report/html/csp.ts';
import { chromiumAvailable, CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/report/render/pdf.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import type { AdversarialCase } from './case.ts';
import { corpusDir, fill, prepare, runChild, runInProcess, snapshot, type Prepared, type Run } from './run-case.ts';
import { runsAsFormula, spreadsheetCells } from '../helpers/spreadsheet-csv.ts';
import JSZip from 'jszip';

const cases = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as AdversarialCase[];
const MAX_MS = 150_000;
const MAX_MB = 3072;

let root = '';
const baseline = { results: '', economics: '' };
const reports: Array<{ id: string; dir: string }> = [];
const summary: Record<string, { cases: number; passed: number; ms: number }> = {};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'effekt-adversarial-'));
  const base = join(root, '_baseline');
  baseline.results = join(base, 'analysis');
  baseline.economics = join(base, 'economics');
  const a = await runInProcess(['analyze', join(corpusDir, '_base/data.csv'), '--spec', join(corpusDir, '_base/spec.json'), '--out', baseline.results]);
  if (a.code !== 0) throw new Error(`baseline analyze failed: ${a.stderr}`);
  const e = await runInProcess(['economics', '--scenario', join(corpusDir, 'scenario-ok-linked/scenario.json'), '--results', baseline.results, '--out', baseline.economics, '--draws', '200']);
  if (e.code !== 0) throw new Error(`baseline economics failed: ${e.stderr}`);
}, 300_000);

afterAll(() => {
  mkdirSync(join(repoRoot, 'test/artifacts'), { recursive: true });
  writeFileSync(join(repoRoot, 'test/artifacts/adversarial.json'), `${JSON.stringify({ total: cases.length, byCategory: summary }, null, 2)}\n`);
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Runs a case's command line; "analyze+report" is analyze then report on what it wrote. */
async function run(c: AdversarialCase, p: Prepared): Promise<Run> {
  if (c.argv[0] === 'analyze+report') {
    const args = p.argv.slice(1);
    const outAt = args.indexOf('--out');
    const analysis = join(args[outAt + 1], 'analysis');
    const a = await runInProcess(['analyze', ...args.slice(0, outAt), '--out', analysis], c.env);
    if (a.code !== 0) return a;
    const r = await runInProcess(['report', '--results', analysis, '--lang', 'en', '--out', join(args[outAt + 1], 'report'), '--no-pdf', '--date', '2026-01-01'], c.env);
    return { code: r.code, stdout: a.stdout + r.stdout, stderr: a.stderr + r.stderr, ms: a.ms + r.ms, mb: Math.max(a.mb, r.mb) };
  }
  return c.isolate ? runChild(p.argv, c.env) : runInProcess(p.argv, c.env);
}

function leftovers(p: Prepared): string[] {
  return readdirSync(dirname(p.out)).filter((f) => /\.effekt-(new|old)-/.test(f));
}

const reportDir = (c: AdversarialCase, p: Prepared) => (c.argv[0] === 'analyze+report' ? join(p.out, 'report') : p.out);
const analysisDir = (c: AdversarialCase, p: Prepared) => (c.argv[0] === 'analyze+report' ? join(p.out, 'analysis') : p.out);

/** Text of every file under a folder (for "nothing of X anywhere"). */
function allText(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => readFileSync(join(d.parentPath, d.name)).toString('latin1'))
    .join('\n');
}

const checks: Record<string, (c: AdversarialCase, p: Prepared) => void | Promise<void>> = {
  'html-clean': (c, p) => {
    const html = readFileSync(join(reportDir(c, p), 'index.html'), 'utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);
    const scripts = (html.match(/<script\b/g) ?? []).length;
    expect(() => assertNoInjectedMarkup(html, scripts)).not.toThrow();
    const body = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
    for (const raw of ['<img src=x', '<script>window', '<svg onload', '<iframe src', '</title><script']) expect(body, raw).not.toContain(raw);
    reports.push({ id: c.id, dir: reportDir(c, p) });
  },
  'csv-neutralised': (c, p) => {
    const dir = analysisDir(c, p);
    const csvs = [join(dir, 'results.csv'), ...readdirSync(join(dir, 'tables')).map((f) => join(dir, 'tables', f))];
    const number = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
    for (const f of csvs) {
      const text = readFileSync(f, 'utf8');
      // No cell runs as a formula, read as a spreadsheet splits it: with "," and with ";" (Danish
      // Excel's list separator, which also ends a row at a line break it does not see quoted).
      for (const d of [',', ';'] as const) expect(spreadsheetCells(text, d).filter((x) => !number.test(x) && runsAsFormula(x)), `${f} read with "${d}"`).toEqual([]);
    }
    expect(csvs.map((f) => readFileSync(f, 'utf8')).join('')).toMatch(/'=/);
  },
  'xlsx-well-formed': async (c, p) => {
    const zip = await JSZip.loadAsync(readFileSync(join(analysisDir(c, p), 'results.xlsx')));
    for (const n of Object.keys(zip.files).filter((x) => x.endsWith('.xml'))) {
      const xml = await zip.file(n)!.async('string');
      expect(xml, n).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|<v>(NaN|-?Infinity)<\/v>|<f>/);
    }
  },
  'documents-clean': (c, p) => {
    // No control, bidi-override or non-XML character in any page, chart or table: shown as \x01.
    for (const dir of [reportDir(c, p), analysisDir(c, p)]) {
      for (const d of readdirSync(dir, { recursive: true, withFileTypes: true }).filter((x) => x.isFile() && /\.(html|svg|csv)$/.test(x.name))) {
        const text = readFileSync(join(d.parentPath, d.name), 'utf8');
        expect(text, d.name).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\ufffe\uffff]/);
      }
    }
    expect(readFileSync(join(reportDir(c, p), 'charts/forest.svg'), 'utf8')).toContain('WSAS\\x01\\x00x\\u202Eevil');
  },
  'logo-kept': (_c, p) => {
    expect(readFileSync(join(p.out, 'logo.png'), 'utf8')).toBe('PNG LOGO');
    expect(readFileSync(join(p.out, 'report.pdf'), 'utf8')).toBe('%PDF user');
    expect(existsSync(join(p.out, 'index.html'))).toBe(true);
  },
  'notes-kept': (_c, p) => expect(readFileSync(join(p.out, 'notes.txt'), 'utf8')).toBe('my notes\n'),
  'no-free-text': (_c, p) => {
    const text = allText(p.out);
    expect(text).not.toContain('he said');
    expect(text).not.toContain('with her sister');
  },
  'labels-cut': (c, p) => expect(allText(reportDir(c, p))).not.toContain('S'.repeat(100)),
  'both-arms': (c, p) => {
    const r = JSON.parse(readFileSync(join(analysisDir(c, p), 'results.json'), 'utf8'));
    expect(Object.keys(r.consort).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.hasOwn(r.consort, '__proto__') && r.consort.__proto__.randomised).toBeGreaterThan(0);
  },
  'next-run-clean': async () => undefined,
};

describe('adversarial corpus', () => {
  it('has at least 150 cases, each with a unique id', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  for (const c of cases) {
    it(`${c.category}: ${c.id} — ${c.title}`, async () => {
      const p = prepare(c, root, baseline);
      const inputsBefore = snapshot(p.caseDir);
      const outBefore = snapshot(p.out);
      const r = await run(c, p);
      const shown = `exit ${r.code}\n--- stdout\n${r.stdout.slice(0, 3000)}\n--- stderr\n${r.stderr.slice(0, 3000)}`;
      const both = r.stdout + r.stderr;
      const e = c.expect;
      expect(r.code, shown).toBe(e.exit);
      // No stack trace, no "unexpected error".
      expect(r.stderr, shown).not.toMatch(/\n\s+at .+[.:]\d+:\d+\)?\n/);
      expect(r.stderr, shown).not.toMatch(/unexpected error/);
      if (e.names) {
        const file = fill(e.names.file, p);
        expect(r.stderr, shown).toContain(file);
        if (e.names.row !== undefined) expect(r.stderr, shown).toMatch(new RegExp(`row ${e.names.row}\\b`));
        if (e.names.column !== undefined) expect(r.stderr, shown).toContain(`column "${e.names.column}"`);
        if (e.names.path) expect(r.stderr, shown).toContain(`at ${e.names.path}`);
      }
      if (e.exit === 2) expect(r.stderr, shown).toMatch(/Fix:|Usage: effekt/);
      for (const s of e.contains ?? []) expect(both, shown).toContain(fill(s, p));
      for (const s of e.notContains ?? []) expect(both, shown).not.toContain(s);
      if (e.maxStderr !== undefined) expect(r.stderr.length).toBeLessThanOrEqual(e.maxStderr);
      if (e.maxStdout !== undefined) expect(r.stdout.length).toBeLessThanOrEqual(e.maxStdout);
      if (e.inputsIntact) expect(snapshot(p.caseDir)).toEqual(inputsBefore);
      switch (e.output) {
        case 'none':
          expect(existsSync(p.out), 'nothing may be written').toBe(false);
          break;
        case 'intact':
          expect(snapshot(p.out), 'the previous output must be exactly as it was').toEqual(outBefore);
          break;
        case 'recoverable':
          recoverOutputFolder(p.out);
          expect(snapshot(p.out), 'after recovery the previous output is back').toEqual(outBefore);
          break;
        case 'written':
          expect(existsSync(p.out)).toBe(true);
          break;
      }
      if (e.output !== 'recoverable' && e.exit !== 137) expect(leftovers(p), 'no temporary folders left').toEqual([]);
      for (const k of e.checks ?? []) {
        if (k === 'next-run-clean') {
          const again = await runInProcess(p.argv);
          expect(again.code, again.stderr).toBe(0);
          expect(leftovers(p)).toEqual([]);
          expect(existsSync(join(p.out, '.effekt-output.json'))).toBe(true);
        } else await checks[k](c, p);
      }
      expect(r.ms, 'bounded time').toBeLessThan(MAX_MS);
      if (Number.isFinite(r.mb)) expect(r.mb, 'bounded memory (MB)').toBeLessThan(MAX_MB);
      const s = (summary[c.category] ??= { cases: 0, passed: 0, ms: 0 });
      s.passed++;
      s.ms += Math.round(r.ms);
    });
  }
  // Counted separately so the summary lists every case, passed or not.
  for (const c of cases) (summary[c.category] ??= { cases: 0, passed: 0, ms: 0 }).cases++;
});

const hasChromium = chromiumAvailable();

describe.skipIf(!hasChromium)('every report the corpus wrote, in Chromium', () => {
  it('no dialog, no payload script, no element the report did not put there', async () => {
    expect(reports.length, 'the corpus wrote reports').toBeGreaterThan(5);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    try {
      for (const rep of reports) {
        const page = await browser.newPage();
        const events: string[] = [];
        page.on('dialog', (d) => {
          events.push(`dialog: ${d.message()}`);
          void d.dismiss();
        });
        page.on('console', (m) => {
          if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) events.push(`console ${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => events.push(`pageerror: ${e.message}`));
        page.on('request', (q) => {
          if (!q.url().startsWith('file://') && !q.url().startsWith('data:')) events.push(`request: ${q.url()}`);
        });
        await page.goto(pathToFileURL(join(rep.dir, 'index.html')).href, { waitUntil: 'load' });
        await page.waitForFunction(() => (window as unknown as { __reportReady?: boolean }).__reportReady === true, undefined, { timeout: 60_000 });
        const found = await page.evaluate(() => {
          const own = new Set(['HTML', 'HEAD', 'META', 'TITLE', 'STYLE', 'BODY', 'MAIN', 'HEADER', 'NAV', 'STRONG', 'OL', 'UL', 'LI', 'A', 'SECTION', 'H1', 'H2', 'H3', 'P', 'DIV', 'SPAN', 'TABLE', 'CAPTION', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'FIGURE', 'FIGCAPTION', 'NOSCRIPT', 'CODE', 'BR', 'SCRIPT', 'EM', 'DETAILS', 'SUMMARY', 'DL', 'DT', 'DD', 'SMALL', 'SUP', 'SUB', 'ABBR']);
          const strange: string[] = [];
          for (const el of Array.from(document.querySelectorAll('*'))) {
            if (el.closest('[data-chart]') && el.namespaceURI === 'http://www.w3.org/2000/svg') continue;
            if (el.closest('[data-chart]') && /^(DIV|SPAN|DETAILS|SUMMARY|STYLE|FORM)$/.test(el.tagName)) continue;
            if (!own.has(el.tagName)) strange.push(`<${el.tagName.toLowerCase()}>`);
            for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) strange.push(`<${el.tagName.toLowerCase()} ${a.name}>`);
          }
          const scripts = Array.from(document.scripts).filter((s) => !s.hasAttribute('data-lib') && s.type !== 'application/json' && s.textContent && !s.textContent.includes('__reportReady'));
          return { strange, extraScripts: scripts.length, pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null, injected: document.querySelectorAll('#injected').length };
        });
        expect({ report: rep.id, ...found, events }).toEqual({ report: rep.id, strange: [], extraScripts: 0, pwned: null, injected: 0, events: [] });
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }, 600_000);
});
