/**
 * Time-to-event analysis of a randomised trial (docs/time-to-event.md): per arm Kaplan–Meier
 * (median, survival at landmark times, RMST at τ), and per comparison (intervention vs control,
 * the two arms alone) the log-rank test, the Cox hazard ratio and the RMST difference; with
 * competing causes, Aalen–Johansen cumulative incidence per cause and cause-specific hazard
 * ratios. Results are plain JSON-able objects; curves are read on a grid (aggregates only).
 */
import type { ConfType } from '../../stats/survival/confidence.ts';

export interface SurvivalInterval {
  readonly estimate: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
}

export interface TestResult {
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
}

/** Per-participant input (index i = participant); arms and strata are codes into their labels. */
export interface TimeToEventData {
  /** Time from the origin (NaN = missing). */
  readonly time: ArrayLike<number>;
  /** 0 = censored, 1 = event; with competing causes k = 1…K (causes[k − 1]); −1 = missing. */
  readonly status: ArrayLike<number>;
  /** Cause labels when there are several (competing risks); one label for a single event type. */
  readonly causes: readonly string[];
  readonly arm: ArrayLike<number>;
  readonly armLabels: readonly string[];
  /** Stratification factor for the stratified log-rank test and the Cox model (−1 = missing: own level "(missing)"). */
  readonly strata?: { readonly name: string; readonly codes: ArrayLike<number>; readonly labels: readonly string[] };
  /** Adjustment covariates for the Cox model (complete cases). */
  readonly covariates?: readonly SurvivalCovariate[];
  /** Participants to include (the population); default all. */
  readonly include?: (i: number) => boolean;
}

export type SurvivalCovariate =
  | { readonly name: string; readonly kind: 'numeric'; readonly values: ArrayLike<number> }
  | { readonly name: string; readonly kind: 'categorical'; readonly levels: readonly string[]; readonly codes: ArrayLike<number> };

export interface ComparisonSpec {
  readonly id: string;
  /** Arm indices. */
  readonly intervention: number;
  readonly control: number;
}

export interface TimeToEventOptions {
  readonly comparisons: readonly ComparisonSpec[];
  /** Restriction time for RMST and the cumulative-incidence comparison; default the earliest arm's last follow-up time. */
  readonly tau?: number;
  /** Times at which survival / incidence is reported per arm. */
  readonly landmarks?: readonly number[];
  /** Grid on which curves are reported for charts; default 0 and 100 steps up to the last time. */
  readonly grid?: readonly number[];
  readonly confLevel?: number;
  readonly confType?: ConfType;
  readonly ties?: 'efron' | 'breslow';
  /** Stratify the log-rank test and the Cox model by `strata` (default true when strata are given). */
  readonly stratified?: boolean;
  /** Time unit, echoed (e.g. "weeks", "days"). */
  readonly unit?: string;
}

export interface ArmSurvival {
  readonly arm: string;
  readonly n: number;
  readonly events: number;
  readonly missing: number;
  readonly median: { readonly estimate: number | null; readonly lower: number | null; readonly upper: number | null };
  /** Survival at landmark times; `se` is the SE of Ŝ itself (summary.survfit's std.err), null where undefined. */
  readonly landmarks: ReadonlyArray<{ readonly time: number; readonly surv: number; readonly se: number | null; readonly lower: number | null; readonly upper: number | null; readonly nRisk: number }>;
  readonly rmst: SurvivalInterval;
}

export interface CoxComparison {
  readonly status: 'estimated' | 'not-estimable';
  readonly reason: string | null;
  readonly hazardRatio: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** log HR and its SE (Wald). */
  readonly logHr: number | null;
  readonly se: number | null;
  readonly p: number | null;
  readonly n: number;
  readonly events: number;
  readonly adjustedFor: readonly string[];
  readonly strata: string | null;
  /** Participants left out for a missing covariate. */
  readonly excluded: number;
  /** Proportional-hazards test of the arm term (cox.zph, km transform). */
  readonly proportionalHazards: TestResult | null;
  readonly warnings: readonly string[];
}

export interface SurvivalComparison {
  readonly id: string;
  readonly intervention: string;
  readonly control: string;
  readonly logRank: TestResult & { readonly stratified: boolean };
  readonly cox: CoxComparison;
  /** RMST(intervention) − RMST(control) at τ, Wald. */
  readonly rmstDifference: SurvivalInterval & { readonly z: number | null; readonly p: number | null };
}

export interface Curve {
  readonly arm: string;
  /** "event-free" for a survival curve, else the cause of a cumulative-incidence curve. */
  readonly state: string;
  readonly time: readonly number[];
  readonly estimate: readonly number[];
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
  /** The arm's number at risk just before each time (charts stop a curve where fewer than 5 remain). */
  readonly nRisk: readonly number[];
}

export interface SurvivalAnalysis {
  readonly kind: 'survival';
  readonly method: {
    readonly km: 'kaplan-meier (Greenwood)';
    readonly confType: ConfType;
    readonly confLevel: number;
    readonly logRank: 'log-rank (survdiff, rho = 0)';
    readonly cox: string;
    readonly rmst: 'restricted mean survival time (survmean variance)';
  };
  readonly unit: string | null;
  readonly tau: number;
  readonly arms: readonly ArmSurvival[];
  readonly globalLogRank: (TestResult & { readonly stratified: boolean }) | null;
  readonly comparisons: readonly SurvivalComparison[];
  readonly curves: readonly Curve[];
  readonly riskTable: { readonly times: readonly number[]; readonly byArm: Readonly<Record<string, readonly number[]>> };
  readonly warnings: readonly string[];
}

export interface ArmIncidence {
  readonly arm: string;
  readonly n: number;
  readonly missing: number;
  readonly events: Readonly<Record<string, number>>;
  /** Per cause: incidence at each landmark and at τ. */
  readonly byCause: ReadonlyArray<{ readonly cause: string; readonly landmarks: ReadonlyArray<SurvivalInterval & { readonly time: number }>; readonly atTau: SurvivalInterval }>;
}

export interface IncidenceComparison {
  readonly id: string;
  readonly intervention: string;
  readonly control: string;
  readonly byCause: ReadonlyArray<{
    readonly cause: string;
    /** F_intervention(τ) − F_control(τ), Wald with the arms' infinitesimal-jackknife SEs. */
    readonly difference: SurvivalInterval & { readonly z: number | null; readonly p: number | null };
    /** Cause-specific Cox hazard ratio (other causes censored). */
    readonly causeSpecificCox: CoxComparison;
  }>;
}

export interface CompetingRisksAnalysis {
  readonly kind: 'competing-risks';
  readonly method: { readonly incidence: 'aalen-johansen (infinitesimal-jackknife SE)'; readonly confType: ConfType; readonly confLevel: number; readonly cox: string };
  readonly unit: string | null;
  readonly causes: readonly string[];
  readonly tau: number;
  readonly arms: readonly ArmIncidence[];
  readonly comparisons: readonly IncidenceComparison[];
  readonly curves: readonly Curve[];
  readonly warnings: readonly string[];
}
