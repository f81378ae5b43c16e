/**
 * Planning numbers from a finished trial (`effekt power --results <dir|results.json> --outcome <id>`),
 * so the next cohort is planned on the trial's own data:
 *   sd          the within-arm pooled SD at the visit (results `planning`, ≥ 1.3.0; else Cohen's d's SD)
 *   rho         the within-arm pooled baseline–visit correlation (`planning`)
 *   sdChange    the pooled SD of the change, and benchmark = the control arm's mean change (`planning`)
 *   dropout     1 − participants with the outcome at the visit / randomised (the outcome row's n)
 *   controlRate the control arm's responder rate (scores with an MCID), or for a safety count the
 *               control arm's mean count per follow-up, with the negative binomial dispersion
 *               k = 1/θ of its rate-ratio model.
 * Only what the file holds is filled in; what the design then still lacks is named with the flag
 * that gives it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AnalysisResults, Localised, OutcomeResult, PlanningStats, SafetyResult } from '../results/types.ts';
import { PowerInputError } from './errors.ts';
import { parseJsonText } from '../../data/io/json-text.ts';

export interface TrialDefaults {
  readonly resultsFile: string;
  readonly resultsSha256: string;
  readonly trialId: string | null;
  readonly outcomeId: string;
  readonly visit: string;
  readonly sd: number | null;
  readonly rho: number | null;
  readonly sdChange: number | null;
  /** The control arm's mean change from baseline (single-arm benchmark). */
  readonly benchmark: number | null;
  readonly dropout: number | null;
  readonly controlRate: number | null;
  readonly dispersion: number | null;
  /** The outcome's declared unit (results.json ≥ 1.6.0 labels.units), so the planning note writes its delta in it, not in points. */
  readonly unit: Localised | null;
  /** Where each number was read: its path in results.json (no counts: the path is echoed into published notes). */
  readonly sources: Readonly<Record<string, string>>;
}

type Results = Pick<AnalysisResults, 'schemaVersion' | 'arms' | 'outcomes' | 'safety' | 'labels'> & { planning?: readonly PlanningStats[]; trial?: { id?: string } };

function readResults(path: string): { file: string; json: Results; sha256: string } {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'results.json') : path;
  const fix = 'point --results at the folder or results.json written by `effekt analyze`';
  if (!existsSync(file)) throw new PowerInputError([{ file, path: '', message: 'file not found', fix }]);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new PowerInputError([{ file, path: '', message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, fix }]);
  }
  const parsed = parseJsonText(bytes.toString('utf8'));
  if (!parsed.ok) throw new PowerInputError([{ file, path: '', message: `not valid JSON (${parsed.problem})`, fix }]);
  const o = parsed.value as Partial<Results>;
  if (typeof o.schemaVersion !== 'string' || !o.schemaVersion.startsWith('1.') || !Array.isArray(o.outcomes) || !Array.isArray(o.arms)) {
    throw new PowerInputError([{ file, path: 'schemaVersion', message: `not an effekt results file of schema 1.x (schemaVersion ${JSON.stringify(o.schemaVersion ?? null)})`, fix }]);
  }
  return { file, json: o as Results, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function pickRow(rows: readonly OutcomeResult[], outcomeId: string, visit: string | undefined): OutcomeResult | undefined {
  const mine = rows.filter((r) => r.id === outcomeId && (visit === undefined || r.visit === visit) && r.status === 'estimated');
  return mine.find((r) => r.isPrimaryEstimator) ?? mine[0];
}

export function trialDefaults(resultsPath: string, outcomeId: string, visit?: string): TrialDefaults {
  const { file, json, sha256 } = readResults(resultsPath);
  const name = basename(file);
  const control = json.arms.find((a) => a.role === 'control')?.label;
  const row = pickRow(json.outcomes, outcomeId, visit);
  const safety: SafetyResult | undefined = (json.safety ?? []).find((s) => s.id === outcomeId && (visit === undefined || s.visit === visit));
  if (!row && !safety) {
    const known = [...new Set([...json.outcomes.map((r) => r.id), ...(json.safety ?? []).map((s) => s.id)])];
    throw new PowerInputError([{ file, path: `outcomes[id=${outcomeId}]${visit ? `, visit ${visit}` : ''}`, message: `no estimated result for outcome "${outcomeId}"${visit ? ` at visit "${visit}"` : ''}`, fix: `use --outcome with one of: ${known.join(', ')}${visit ? ', or leave out --visit' : ''}` }]);
  }
  const sources: Record<string, string> = {};
  const at = row?.visit ?? (safety as SafetyResult).visit;
  let sd: number | null = null;
  let rho: number | null = null;
  let sdChange: number | null = null;
  let benchmark: number | null = null;
  let dropout: number | null = null;
  let controlRate: number | null = null;
  let dispersion: number | null = null;
  const plan = (json.planning ?? []).find((p) => p.outcomeId === outcomeId && p.visit === at);
  if (plan) {
    sd = plan.sdVisit;
    rho = plan.correlation;
    sdChange = plan.sdChange;
    benchmark = control !== undefined ? (plan.meanChange[control] ?? null) : null;
    sources.sd = `planning[${outcomeId}, ${at}].sdVisit`;
    sources.rho = `planning[${outcomeId}, ${at}].correlation`;
    sources.sdChange = `planning[${outcomeId}, ${at}].sdChange`;
    if (benchmark !== null) sources.benchmark = `planning[${outcomeId}, ${at}].meanChange.${control}`;
  } else if (row?.cohensD) {
    sd = row.cohensD.sd;
    sources.sd = `outcomes[${outcomeId}, ${at}].cohensD.sd`;
  }
  if (row) {
    const sum = (o: Readonly<Record<string, number>>) => Object.values(o).reduce((a, b) => a + b, 0);
    const randomised = sum(row.n.randomised);
    if (randomised > 0) {
      dropout = 1 - sum(row.n.withData) / randomised;
      sources.dropout = `outcomes[${outcomeId}, ${at}].n: 1 − withData/randomised`;
    }
    const rate = control !== undefined ? row.responder?.rate[control] : undefined;
    if (rate) {
      controlRate = rate.estimate;
      sources.controlRate = `outcomes[${outcomeId}, ${at}].responder.rate.${control}`;
    }
  } else if (safety && control !== undefined) {
    const c = safety.byArm[control];
    if (c) {
      controlRate = c.mean;
      sources.controlRate = `safety[${outcomeId}, ${safety.visit}].byArm.${control}.mean`;
    }
    const theta = safety.rateRatio?.theta ?? null;
    if (theta !== null && theta > 0) {
      dispersion = 1 / theta;
      sources.dispersion = `1 / safety[${outcomeId}, ${safety.visit}].rateRatio.theta`;
    }
  }
  const u = json.labels?.units && Object.hasOwn(json.labels.units, outcomeId) ? json.labels.units[outcomeId] : undefined;
  const unit = u && typeof u.da === 'string' && typeof u.en === 'string' ? { da: u.da, en: u.en } : null;
  return { resultsFile: name, resultsSha256: sha256, trialId: json.trial?.id ?? null, outcomeId, visit: at, sd, rho, sdChange, benchmark, dropout, controlRate, dispersion, unit, sources };
}
