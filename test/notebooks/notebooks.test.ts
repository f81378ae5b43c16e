/**
 * Executes every notebook in notebooks/ headless (jupyter-nbconvert on Deno's kernel, installed
 * into a temporary folder) and checks that no cell fails and that the primary results a notebook
 * prints are exactly those `effekt analyze`/`effekt economics` write for the same data.
 * Skips, saying why, where jupyter-nbconvert is not installed (CI installs it).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResults, EconomicsResult } from '../../src/index.ts';
import { VL_SCHEMA } from '../../src/report/charts/theme.ts';
import {
  cellErrors, denoBinary, executeNotebook, findNbconvert, installKernelSpec, kernelSpec, listNotebooks, printedJson, readNotebook, repoRoot, typeCheckNotebooks,
  type Notebook,
} from '../../scripts/notebooks.ts';

const run = promisify(execFile);
const nbconvert = findNbconvert();
const notebooks = listNotebooks();
const names = notebooks.map((f) => basename(f));

async function effekt(...args: string[]): Promise<void> {
  await run(process.execPath, [join(repoRoot, 'bin', 'effekt.js'), ...args], { cwd: repoRoot, env: { ...process.env, CI: '1' } });
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** The participant ids of a sample data set, read with its spec's delimiter and id column. */
function participantIds(data: string, spec: string): string[] {
  const { data: format, columns } = readJson<{ data: { csv: { delimiter: string } }; columns: { id: string } }>(join(repoRoot, spec));
  const lines = readFileSync(join(repoRoot, data), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
  const col = lines[0].split(format.csv.delimiter).indexOf(columns.id);
  if (col < 0) throw new Error(`${data} has no id column "${columns.id}"`);
  return [...new Set(lines.slice(1).map((l) => l.split(format.csv.delimiter)[col]))];
}

/** The first id that appears as a whole word in `text` (ids with other characters: anywhere), or undefined. */
function findId(text: string, ids: readonly string[]): string | undefined {
  const words = new Set(text.split(/\W+/));
  return ids.find((id) => (/^\w+$/.test(id) ? words.has(id) : text.includes(id)));
}

/** The primary result as the notebooks print it, built from results.json. */
function expectedPrimary(r: AnalysisResults) {
  const o = r.outcomes.find((x) => x.role === 'primary' && x.isPrimaryEstimator);
  if (!o) throw new Error('results.json has no primary row');
  return { outcome: o.id, visit: o.visit, population: o.population, estimator: o.estimator, n: o.n.analysed, emm: o.emm, difference: o.difference, cohensD: o.cohensD };
}

describe('notebooks as committed', () => {
  it('there are the three notebooks, in reading order', () => {
    expect(names).toEqual(['01-primary-analysis.ipynb', '02-economics.ipynb', '03-new-cohort.ipynb']);
  });

  it.each(names)('%s has no outputs (readable diffs) and runs on the Deno kernel', (name) => {
    const nb = readNotebook(join(repoRoot, 'notebooks', name));
    for (const c of nb.cells.filter((x) => x.cell_type === 'code')) {
      expect(c.outputs).toEqual([]);
      expect(c.execution_count).toBeNull();
    }
    expect(nb.metadata.kernelspec).toMatchObject({ name: 'deno', language: 'typescript' });
  });

  it.each(names)('%s imports only effekt’s public API (and the display helpers)', (name) => {
    const nb = readNotebook(join(repoRoot, 'notebooks', name));
    const code = nb.cells.filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source)).join('\n');
    const specifiers = [...code.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect(specifiers.length).toBeGreaterThan(0);
    for (const s of specifiers) expect(['../src/index.ts', './display.ts']).toContain(s);
  });

  it('their code type-checks against the public API (deno check; the kernel itself does not check)', async () => {
    const { ok, output } = await typeCheckNotebooks(notebooks);
    expect(output).toBe('');
    expect(ok).toBe(true);
  });

  it('the kernel spec runs the deno binary from node_modules with plain-text output', () => {
    const spec = kernelSpec();
    expect(spec.argv).toEqual([denoBinary(), 'jupyter', '--kernel', '--conn', '{connection_file}']);
    expect(spec.argv[0]).toContain(join(repoRoot, 'node_modules'));
    expect(spec).toMatchObject({ language: 'typescript', env: { NO_COLOR: '1' } });
  });
});

describe.skipIf(!nbconvert)('notebooks executed headless (jupyter-nbconvert, Deno kernel)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'effekt-notebooks-'));
  const executed = new Map<string, Notebook | Error>();

  beforeAll(async () => {
    const jupyterPath = installKernelSpec(join(tmp, 'jupyter'));
    const cli = (async () => {
      await effekt('analyze', 'data-samples/peer-trial.csv', '--spec', 'data-samples/peer-trial.spec.json', '--out', join(tmp, 'peer'));
      await effekt('analyze', 'data-samples/kolding-2025.csv', '--spec', 'data-samples/kolding-2025.spec.json', '--out', join(tmp, 'kolding'));
      await effekt('economics', '--scenario', 'data-samples/economics/dsi-base-case.json', '--results', join(tmp, 'peer'), '--draws', '2000', '--out', join(tmp, 'economics'));
    })();
    // One notebook at a time: the machine's cores are shared.
    for (const file of notebooks) {
      try {
        executed.set(basename(file), (await executeNotebook(file, { outDir: join(tmp, 'executed'), jupyterPath })).notebook);
      } catch (e) {
        executed.set(basename(file), e as Error);
      }
    }
    await cli;
  }, 600_000);

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  function get(name: string): Notebook {
    const nb = executed.get(name);
    if (nb === undefined) throw new Error(`${name} was not executed`);
    if (nb instanceof Error) throw nb;
    return nb;
  }

  it.each(names)('%s executes with no cell error', (name) => {
    expect(cellErrors(get(name))).toEqual([]);
  });

  it('01 prints the primary result exactly as results.json from effekt analyze has it', () => {
    const printed = printedJson(get('01-primary-analysis.ipynb'), 'primaryResult');
    expect(printed).toHaveLength(1);
    expect(printed[0]).toEqual(expectedPrimary(readJson<AnalysisResults>(join(tmp, 'peer', 'results.json'))));
  });

  it('03 prints the Kolding primary result exactly as results.json from effekt analyze has it', () => {
    const printed = printedJson(get('03-new-cohort.ipynb'), 'primaryResult');
    expect(printed).toHaveLength(1);
    expect(printed[0]).toEqual(expectedPrimary(readJson<AnalysisResults>(join(tmp, 'kolding', 'results.json'))));
  });

  it('02 prints the business case and PSA exactly as effekt economics --draws 2000 has them', () => {
    const printed = printedJson(get('02-economics.ipynb'), 'economicsResult');
    const e = readJson<EconomicsResult>(join(tmp, 'economics', 'economics.json'));
    expect(printed).toEqual([{
      draws: 2000,
      netPerCitizen: e.businessCase.netPerCitizen,
      totalNet: e.businessCase.totalNet,
      probabilityNetSaving: e.psa.probabilityNetSaving,
      totalNetInterval: [e.psa.totalNet.lower, e.psa.totalNet.upper],
    }]);
  });

  it.each(names)('%s keeps every cell’s output (none dropped by the headless run)', (name) => {
    const silent = get(name).cells
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.cell_type === 'code' && /\b(print|table|chart|show|forest)\(/.test(Array.isArray(c.source) ? c.source.join('') : c.source))
      .filter(({ c }) => (c.outputs ?? []).length === 0)
      .map(({ i }) => `cell ${i + 1}`);
    expect(silent).toEqual([]);
  });

  it.each(names)('%s shows at least one Vega-Lite chart, on the report’s schema (the installed vega-lite major)', (name) => {
    const charts = get(name).cells.flatMap((c) => c.outputs ?? []).map((o) => o.data?.['application/vnd.vegalite.v5+json']).filter((d) => d !== undefined);
    expect(charts.length).toBeGreaterThan(0);
    const major = readJson<{ version: string }>(join(repoRoot, 'node_modules', 'vega-lite', 'package.json')).version.split('.')[0];
    expect(VL_SCHEMA).toBe(`https://vega.github.io/schema/vega-lite/v${major}.json`);
    for (const spec of charts) expect((spec as { $schema?: string }).$schema).toBe(VL_SCHEMA);
  });

  // The report's privacy guarantee (test/report/build-report.test.ts), for the notebooks' outputs.
  const ids = [
    ...participantIds('data-samples/peer-trial.csv', 'data-samples/peer-trial.spec.json'),
    ...participantIds('data-samples/kolding-2025.csv', 'data-samples/kolding-2025.spec.json'),
  ];

  it('the id check reads every participant id and would catch one', () => {
    expect(participantIds('data-samples/peer-trial.csv', 'data-samples/peer-trial.spec.json')).toHaveLength(296);
    expect(ids.length).toBeGreaterThan(296);
    expect(findId(`changes arm: participant ${ids[0]} (was "SUA")`, ids)).toBe(ids[0]);
    expect(findId('participant P… changes arm', ids)).toBeUndefined();
  });

  it.each(names)('%s shows no participant id of the input data in any output', (name) => {
    const outputs = JSON.stringify(get(name).cells.map((c) => c.outputs ?? []));
    const hit = findId(outputs, ids);
    expect(hit, `${name} shows participant ${hit}`).toBeUndefined();
  });

  it.each(names)('%s never shows a percentage next to a hidden count ("<5 (…)")', (name) => {
    const outputs = JSON.stringify(get(name).cells.map((c) => c.outputs ?? []));
    expect(outputs).not.toMatch(/<5 \(/);
  });

  it('01 charts no participant count from 1 to 4 (the municipality chart labels them "<5")', () => {
    const specs = get('01-primary-analysis.ipynb').cells.flatMap((c) => c.outputs ?? []).map((o) => o.data?.['application/vnd.vegalite.v5+json'] as { title?: unknown; data?: { values?: { n: number | null; label: string }[] } } | undefined);
    const sites = specs.find((s) => s?.title === 'Participants per municipality and arm');
    expect(sites?.data?.values?.length).toBeGreaterThan(0);
    for (const v of sites?.data?.values ?? []) {
      expect(v.n === null || v.n === 0 || v.n >= 5, JSON.stringify(v)).toBe(true);
      if (v.n === null) expect(v.label).toBe('<5');
    }
  });

  /** What a reader sees: text/plain and Markdown outputs (stream text and tables), not the chart specs nor the one JSON line each notebook prints for this test. */
  const shownText = (name: string) =>
    get(name).cells.flatMap((c) => c.outputs ?? []).map((o) => [o.text, o.data?.['text/markdown'], o.data?.['text/plain']].flat().filter((x) => typeof x === 'string').join('')).join('\n')
      .split('\n').filter((line) => !/^\{"(primaryResult|economicsResult)":/.test(line)).join('\n');

  it.each(names)('%s shows names, not the object keys and ids of results.json and the scenario', (name) => {
    const text = shownText(name);
    for (const key of ['costPerCitizen', 'savingPerCitizen', 'netPerCitizen', 'totalNet', 'breakEvenEffectRate', 'effect:personal-recovery', 'saving:significantly_reduced', 'qpr15-responder', '| itt |', '| complete-case', '| mi-ancova', ', end,', '| end |', '| fu6 |', '| primary |', '| secondary |', 'student-t', 'personal-recovery ←', '"delimiter"']) {
      expect(text, `${name} shows ${key}`).not.toContain(key);
    }
  });

  it.each(names)('%s is in one language (English): no Danish sentence from results.json', (name) => {
    const text = shownText(name);
    // Danish words the generated sentences use; Danish column names in the Kolding file are data, not sentences.
    for (const w of [' ved ', ' mellem ', ' gruppen', 'forskel på', ' og ']) expect(text, `${name}: "${w}"`).not.toContain(w);
  });

  it('01 colours the arms as the report does (control ochre, intervention blue)', () => {
    const specs = get('01-primary-analysis.ipynb').cells.flatMap((c) => c.outputs ?? []).map((o) => o.data?.['application/vnd.vegalite.v5+json']);
    const sites = JSON.stringify(specs.find((s) => (s as { title?: unknown } | undefined)?.title === 'Participants per municipality and arm'));
    expect(sites).toContain('"domain":["SAU","PEER"],"range":["#c07a2c","#1f5f8b"]');
  });

  it('03 lists the broken file’s problems by kind with participant ids masked', () => {
    const out = JSON.stringify(get('03-new-cohort.ipynb').cells.flatMap((c) => c.outputs ?? []));
    expect(out).toContain('participant P… changes arm');
    expect(out).toContain('3 problem(s)');
  });
});

if (!nbconvert) {
  console.warn('notebooks: jupyter-nbconvert not found, so the notebooks were not executed (Debian: apt-get install jupyter-nbconvert jupyter-client python3-ipykernel)');
}
