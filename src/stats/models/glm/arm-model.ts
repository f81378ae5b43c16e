/**
 * What the trial-effect GLMs (marginal binary effects, count rate ratios) share: the input — an
 * outcome, the randomised arm as a factor (first level = control), adjustment covariates and
 * stratification factors — its validation, the main-effects design `y ~ arm + covariates + strata`,
 * the formula written out as fitted, the list of arm comparisons, and the Wald summary of an effect.
 */
import { StatsError } from '../../errors.ts';
import { normal } from '../../dist/continuous.ts';
import { modelMatrix, checkVariables, type Design, type Variable } from '../../design/model-matrix.ts';

export type FactorVariable = Extract<Variable, { kind: 'factor' }>;

export interface ArmModelData {
  /** The outcome per participant: 0/1 for a binary outcome, a whole count ≥ 0 for a count. */
  readonly y: ArrayLike<number>;
  /** The randomised arm; `levels[0]` is the reference (control) arm. */
  readonly arm: FactorVariable;
  /** Adjustment covariates, numeric or factor, entered as main effects. */
  readonly covariates?: readonly Variable[];
  /** Stratification factors of the randomisation, entered as main effects after the covariates. */
  readonly strata?: readonly FactorVariable[];
}

/** One comparison: `treatment` against `control`, both arm levels. */
export interface ArmComparison {
  readonly treatment: string;
  readonly control: string;
}

/** 'vs-control': every other arm against levels[0]; 'all-pairs': every pair (later level vs earlier). */
export type ComparisonChoice = 'vs-control' | 'all-pairs' | readonly ArmComparison[];

/** A difference on the natural scale (e.g. a risk difference) with its Wald interval and z test of 0. */
export interface WaldEffect {
  readonly estimate: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  readonly statistic: number;
  readonly p: number;
}

/** A ratio estimated on the log scale: `log` holds the Wald summary there; estimate/lower/upper are exp of it. */
export interface RatioEffect {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly p: number;
  readonly log: WaldEffect;
}

export function zQuantile(confLevel: number): number {
  if (!(confLevel > 0 && confLevel < 1)) throw new StatsError('INVALID_ARGUMENT', `confLevel must lie in (0, 1), got ${confLevel}`);
  return normal.quantile(1 - (1 - confLevel) / 2);
}

export function waldEffect(estimate: number, se: number, q: number, what: string): WaldEffect {
  if (!Number.isFinite(estimate) || !(se > 0) || !Number.isFinite(se)) {
    throw new StatsError('NOT_ESTIMABLE', `${what}: the estimate (${estimate}) or its standard error (${se}) is not a finite positive number`);
  }
  const statistic = estimate / se;
  return { estimate, se, lower: estimate - q * se, upper: estimate + q * se, statistic, p: Math.min(1, 2 * normal.sf(Math.abs(statistic))) };
}

export function ratioEffect(logEstimate: number, seLog: number, q: number, what: string): RatioEffect {
  const log = waldEffect(logEstimate, seLog, q, what);
  const [estimate, lower, upper] = [Math.exp(log.estimate), Math.exp(log.lower), Math.exp(log.upper)];
  // A log-scale limit beyond ±709 is no ratio anyone can report: an estimate diverges.
  if (!(lower > 0 && Number.isFinite(upper))) throw new StatsError('NOT_ESTIMABLE', `${what}: the confidence interval (log scale ${log.lower} to ${log.upper}) is unbounded in double precision; an estimate diverges`);
  return { estimate, lower, upper, p: log.p, log };
}

export interface ArmDesign {
  readonly design: Design;
  /** Column index of each arm level's indicator; −1 for the reference level. */
  readonly armColumns: readonly number[];
  /** `y ~ arm + covariates + strata` with the variables' names, exactly as fitted. */
  readonly formula: string;
  readonly n: number;
  readonly armSizes: readonly number[];
}

/** Validates the input and builds the main-effects design; names the arm, variable and row of a problem. */
export function armDesign(data: ArmModelData, outcomeName = 'y', offsetTerm?: string): ArmDesign {
  const { arm } = data;
  if (arm?.kind !== 'factor') throw new StatsError('INVALID_ARGUMENT', 'the arm must be a factor variable (kind "factor") whose first level is the control arm');
  if (arm.levels.length < 2) throw new StatsError('INVALID_ARGUMENT', `the arm factor "${arm.name}" has ${arm.levels.length} level(s); a comparison needs at least 2`);
  if (new Set(arm.levels).size !== arm.levels.length) throw new StatsError('INVALID_ARGUMENT', `the arm factor "${arm.name}" repeats a level name`);
  const covariates = data.covariates ?? [];
  const strata = data.strata ?? [];
  const variables: Variable[] = [arm, ...covariates, ...strata];
  const names = variables.map((v) => v.name);
  const dup = names.find((nm, i) => names.indexOf(nm) !== i);
  if (dup !== undefined) throw new StatsError('INVALID_ARGUMENT', `variable "${dup}" appears twice (arm, covariates and strata need distinct names)`);
  for (const s of strata) if (s.kind !== 'factor') throw new StatsError('INVALID_ARGUMENT', `stratum "${(s as Variable).name}" must be a factor`);
  const n = checkVariables(variables);
  if (data.y.length !== n) throw new StatsError('LENGTH_MISMATCH', `the outcome has ${data.y.length} values but the arm has ${n}`);
  if (n === 0) throw new StatsError('EMPTY_INPUT', 'no participants');
  for (let i = 0; i < n; i++) if (!Number.isFinite(data.y[i])) throw new StatsError('NON_FINITE', `the outcome at row ${i} is ${data.y[i]}: remove or impute missing outcomes before modelling`, { row: i });
  const armSizes = arm.levels.map(() => 0);
  for (let i = 0; i < n; i++) armSizes[arm.codes[i]]++;
  arm.levels.forEach((l, a) => {
    if (armSizes[a] === 0) throw new StatsError('EMPTY_GROUP', `arm "${l}" has no participants`, { arm: l });
  });
  const design = modelMatrix({ variables, terms: variables.map((v) => [v.name]) });
  const armColumns = arm.levels.map((l, a) => (a === 0 ? -1 : design.columnNames.indexOf(`${arm.name}${l}`)));
  const rhs = [...names, ...(offsetTerm ? [offsetTerm] : [])].join(' + ');
  return { design, armColumns, formula: `${outcomeName} ~ ${rhs}`, n, armSizes };
}

/** Resolves the comparisons to pairs of level indices, refusing unknown or identical arms. */
export function resolveComparisons(levels: readonly string[], choice: ComparisonChoice = 'vs-control'): { comparisons: ArmComparison[]; pairs: [number, number][] } {
  let comparisons: ArmComparison[];
  if (choice === 'vs-control') comparisons = levels.slice(1).map((t) => ({ treatment: t, control: levels[0] }));
  else if (choice === 'all-pairs') comparisons = levels.flatMap((c, j) => levels.slice(j + 1).map((t) => ({ treatment: t, control: c })));
  else comparisons = choice.map((c) => ({ treatment: c.treatment, control: c.control }));
  if (comparisons.length === 0) throw new StatsError('INVALID_ARGUMENT', 'no comparisons requested');
  const pairs = comparisons.map((c): [number, number] => {
    const t = levels.indexOf(c.treatment);
    const k = levels.indexOf(c.control);
    if (t < 0 || k < 0) throw new StatsError('INVALID_ARGUMENT', `comparison ${c.treatment} vs ${c.control}: "${t < 0 ? c.treatment : c.control}" is not an arm (arms: ${levels.join(', ')})`);
    if (t === k) throw new StatsError('INVALID_ARGUMENT', `comparison of arm "${c.treatment}" with itself`);
    return [t, k];
  });
  return { comparisons, pairs };
}
