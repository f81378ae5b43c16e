/**
 * Reads and checks the report's inputs: results.json from `effekt analyze` and economics.json
 * from `effekt economics`. Every problem names the file, the JSON path and the fix; nothing is
 * rendered from a file that fails (exit code 2 in the CLI).
 */
import { problemLine } from '../data/problems.ts';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AnalysisResults } from '../analysis/results/types.ts';
import { resultsSchemaVersion } from '../analysis/results/types.ts';
import type { EconomicsResult } from '../economics/run.ts';
import { economicsSchemaVersion } from '../economics/run.ts';
import { schemaProblems } from './input-schema.ts';
import { parseJsonText } from '../data/io/json-text.ts';

export interface ReportInputProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

export class ReportInputError extends Error {
  readonly problems: readonly ReportInputProblem[];
  constructor(problems: readonly ReportInputProblem[]) {
    super(problems.map((p) => `${p.file} ${p.path}: ${p.message}`).join('; '));
    this.name = 'ReportInputError';
    this.problems = problems;
  }

  userMessage(): string {
    const lines = this.problems.map((p) => problemLine(`  ${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.message}. Fix: ${p.fix}`));
    return `effekt report: ${this.problems.length} problem(s), nothing was written:\n${lines.join('\n')}`;
  }
}

function readJson(file: string, fix: string): unknown {
  if (!existsSync(file)) throw new ReportInputError([{ file, path: '', message: 'file not found', fix }]);
  const parsed = parseJsonText(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new ReportInputError([{ file, path: '', message: `not valid JSON (${parsed.problem})`, fix }]);
  return parsed.value;
}

type Check = readonly [path: string, test: (v: unknown) => boolean, expected: string];

function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const isArray = (v: unknown) => Array.isArray(v);
const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown) => typeof v === 'string';

function checkShape(file: string, json: unknown, version: string, checks: readonly Check[], fix: string): void {
  const problems: ReportInputProblem[] = [];
  const sv = get(json, 'schemaVersion');
  const major = version.split('.')[0];
  if (typeof sv !== 'string' || sv.split('.')[0] !== major) {
    problems.push({ file, path: 'schemaVersion', message: `schema version ${JSON.stringify(sv ?? null)} is not supported (this effekt reads ${major}.x)`, fix });
  }
  for (const [path, test, expected] of checks) {
    if (!test(get(json, path))) problems.push({ file, path, message: `expected ${expected}`, fix });
  }
  if (problems.length) throw new ReportInputError(problems);
}

/** Every row checked against the file's JSON Schema: nothing malformed reaches a chart. */
function checkSchema(file: string, json: unknown, schema: string, fix: string): void {
  const problems = schemaProblems(schema, json);
  if (problems.length) throw new ReportInputError(problems.map((p) => ({ file, path: p.path, message: p.message, fix })));
}

/** A folder holding results.json, or the file itself. */
export function readResultsFile(path: string): AnalysisResults {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'results.json') : path;
  const fix = 'point --results at the folder written by `effekt analyze <data> --spec <spec> --out <dir>` (it holds results.json), or re-run analyze with this version of effekt';
  const json = readJson(file, fix);
  checkShape(file, json, resultsSchemaVersion, [
    ['trial.title', isObject, 'the trial title in da and en'],
    ['input.dataFile', isString, 'the data file name'],
    ['input.dataSha256', isString, "the data file's SHA-256"],
    ['confLevel', isNumber, 'a confidence level'],
    ['arms', isArray, 'the arms'],
    ['visits', isArray, 'the visits'],
    ['consort', isObject, 'the CONSORT flow'],
    ['baseline', isArray, 'Table 1 rows'],
    ['outcomes', isArray, 'outcome rows'],
    ['safety', isArray, 'safety rows'],
    ['events', isArray, 'event counts'],
    ['subgroups', isArray, 'subgroup rows'],
    ['tippingPoints', isArray, 'tipping-point rows (may be empty)'],
  ], fix);
  checkSchema(file, json, 'results.schema.json', fix);
  const r = json as AnalysisResults;
  const roles = new Set(r.arms.map((a) => a.role));
  if (!roles.has('control') || !roles.has('intervention')) throw new ReportInputError([{ file, path: 'arms', message: 'needs one control and one intervention arm', fix }]);
  return r;
}

/** A folder holding economics.json, or the file itself. */
export function readEconomicsFile(path: string): EconomicsResult {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'economics.json') : path;
  const fix = 'pass the economics.json written by `effekt economics --scenario <file> --results <dir> --out <dir>` (schema: schemas/economics.schema.json)';
  const json = readJson(file, fix);
  checkShape(file, json, economicsSchemaVersion, [
    ['scenario.title', isObject, 'the scenario title in da and en'],
    ['scenario.programme.years', isNumber, 'the programme years'],
    ['businessCase.cashFlow', isArray, 'the yearly cash flow'],
    ['businessCase.savingPerCitizenByAdministration', isObject, 'savings by administration'],
    ['businessCase.netPerCitizen', isNumber, 'the net result per citizen'],
    ['businessCase.totalNet', isNumber, 'the total net result'],
    ['settlement.cashFlow', isArray, "the investor's cash flow"],
    ['psa.histogram.binEdges', isArray, 'the PSA histogram bin edges'],
    ['psa.histogram.counts', isArray, 'the PSA histogram counts'],
    ['psa.probabilityNetSaving', isNumber, 'P(net saving > 0)'],
    ['tornado', isArray, 'the tornado rows'],
  ], fix);
  checkSchema(file, json, 'economics.schema.json', fix);
  return json as EconomicsResult;
}

/** The results file a report is built from: its path and the SHA-256 of its bytes (as `effekt economics` records it in link.resultsSha256). */
export interface ResultsSource {
  readonly file: string;
  readonly sha256: string;
}

/** A folder holding results.json, or the file itself → its path and SHA-256 (src/economics/link/from-results.ts hashes the same bytes). */
export function resultsSource(path: string): ResultsSource {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'results.json') : path;
  return { file, sha256: createHash('sha256').update(readFileSync(file)).digest('hex') };
}

/**
 * An economics.json linked to a trial must be linked to these results: otherwise the report would
 * print another trial's effect rates as "from this trial". Checked by SHA-256 when the file is
 * known (and economics.json records it, ≥ 1.1.0), else by trial id. No link: nothing to check.
 */
export function checkEconomicsLink(economics: EconomicsResult, results: AnalysisResults, source: ResultsSource | null, economicsFile = 'economics.json'): void {
  const link = economics.link;
  if (!link) return;
  const linkedSha = typeof link.resultsSha256 === 'string' ? link.resultsSha256 : null;
  const fix = `re-run \`effekt economics --scenario <file> --results ${source ? dirname(source.file) : '<dir>'} --out <dir>\` so the economics use these results`;
  const linkedTo = `${link.resultsFile}${linkedSha ? ` (SHA-256 ${linkedSha.slice(0, 12)}…)` : ''}${link.trialId ? `, trial ${link.trialId}` : ''}`;
  if (source && linkedSha && linkedSha !== source.sha256) {
    throw new ReportInputError([{ file: economicsFile, path: 'link.resultsSha256', message: `economics.json was linked to ${linkedTo}, not ${basename(source.file)} (SHA-256 ${source.sha256.slice(0, 12)}…)`, fix }]);
  }
  if (link.trialId && link.trialId !== results.trial.id) {
    throw new ReportInputError([{ file: economicsFile, path: 'link.trialId', message: `economics.json was linked to ${linkedTo}, not trial ${results.trial.id}`, fix }]);
  }
}
