/**
 * The shape of `results.json` — the contract read by the economics model, the reports, the
 * notebooks and users' own scripts. Field names are stable; additions bump the minor version,
 * renames or removals the major version (`resultsSchemaVersion`).
 */
// 1.2.0: `trial` echoes the spec's whole trial block; adds `labels`, `populations` and `scales` (nothing renamed or removed).
// 1.3.0: adds `planning` (baseline–visit SDs, correlation and mean change per scored outcome, for `effekt power`).
// 1.4.0: k arms and outcome kinds: adds `comparisons`; outcome rows' `comparison`, `kind`, `measure`, `binary`;
//        `comparison` on effect rates, safety, subgroups and tipping points; tipping points' `status`/`reason`;
//        baseline rows' `standardisedDifferences` (nothing renamed or removed; tipping `searchedUpTo`/`direction` may be null).
// 1.5.0: time-to-event outcomes: rows of kind "time-to-event" (measures "hazard-ratio", "rmst-difference",
//        "incidence-difference"; `visit` is the follow-up "τ = <tau> <unit>") and the `timeToEvent` section
//        (curves, risk tables, medians, log-rank, competing risks); nothing renamed or removed.
// 1.6.0: `labels.units` echoes each outcome's declared unit, so the report can write "4.1 lb" where it
//        wrote "4.1 points" (older files have none: the report says points); nothing renamed or removed.
// 1.7.0: `labels.causes` echoes the names a time-to-event outcome's spec gives its event levels
//        (`event.labels`), so the report names competing causes; nothing renamed or removed.
import type { CompetingRisksAnalysis, SurvivalAnalysis } from '../survival/types.ts';

export const resultsSchemaVersion = '1.7.0';

export type Lang = 'da' | 'en';
export type Localised = Readonly<Record<Lang, string>>;
export type OutcomeRole = 'primary' | 'secondary' | 'exploratory' | 'safety';

export interface Interval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

export interface EmmCell extends Interval {
  readonly se: number;
  readonly df: number | null;
}

/**
 * The effect measure of a row: a difference of means (score, continuous), of risks, or a ratio
 * (risk, odds, rate). Ratios are on their own scale (1 = no effect) with `se` on the log scale.
 */
export type EffectMeasure = 'mean-difference' | 'risk-difference' | 'risk-ratio' | 'odds-ratio' | 'rate-ratio' | 'hazard-ratio' | 'rmst-difference' | 'incidence-difference';

export interface Difference extends Interval {
  /** Standard error; of the log ratio for ratio measures. */
  readonly se: number;
  readonly df: number | null;
  readonly statistic: number;
  readonly p: number;
  /** Multiplicity-adjusted p within `multiplicity.family`; equals `p` for unadjusted families. */
  readonly pAdjusted: number;
  /** "<intervention> − <control>" for differences, "<intervention> / <control>" for ratios. */
  readonly direction: string;
  /** Sign of a difference (of a log ratio) that favours the intervention: +1 when higher is better, −1 when higher is worse. */
  readonly benefitSign: 1 | -1;
  /** Which arm the point estimate favours. */
  readonly favours: 'intervention' | 'control' | 'neither';
}

export interface Estimand {
  readonly population: string;
  readonly treatment: string;
  readonly variable: string;
  readonly intercurrentEvents: string;
  readonly summaryMeasure: string;
  readonly missingData: string;
}

export interface MethodRecord {
  readonly name: string;
  readonly model: string;
  readonly covariates: readonly string[];
  readonly dfMethod: string;
  readonly confLevel: number;
  readonly options: Readonly<Record<string, string | number | boolean | null>>;
}

export interface ResponderResult {
  readonly definition: Localised;
  readonly mcid: number;
  /** Per arm label: responders / analysed with a Wilson CI. */
  readonly rate: Readonly<Record<string, Interval & { readonly events: number; readonly n: number }>>;
  readonly riskDifference: Interval & { readonly se: number; readonly method: string };
  /** Null when a zero count makes the ratio not estimable (the method says so). */
  readonly riskRatio: { readonly estimate: number | null; readonly lower: number | null; readonly upper: number | null; readonly method: string };
  readonly oddsRatio: { readonly estimate: number | null; readonly lower: number | null; readonly upper: number | null; readonly method: string };
  /** Number needed to treat (Altman): null bounds mean the CI includes "no effect" and the interval passes through ∞. */
  readonly nnt: { readonly estimate: number | null; readonly kind: 'benefit' | 'harm' | 'none'; readonly lower: number | null; readonly upper: number | null; readonly crossesZero: boolean };
  /** The risk difference pooled over multiple imputations (Rubin), when MI was run. */
  readonly pooled: (Interval & { readonly se: number; readonly df: number; readonly fmi: number; readonly m: number }) | null;
}

/** One effect measure of a binary outcome with its CI and test. */
export interface BinaryMeasureResult extends Interval {
  /** SE of the risk difference, or of the log ratio. */
  readonly se: number | null;
  readonly p: number | null;
  readonly method: string;
}

/** All three measures of a binary row (the row's `difference` is the plan's chosen one). */
export interface BinaryEffects {
  readonly riskDifference: BinaryMeasureResult | null;
  readonly riskRatio: BinaryMeasureResult | null;
  readonly oddsRatio: BinaryMeasureResult | null;
  /** Events / analysed per arm label. */
  readonly events: Readonly<Record<string, number>>;
}

export interface OutcomeResult {
  readonly id: string;
  readonly name: Localised;
  readonly role: OutcomeRole;
  /** The comparison (results.comparisons[].id) this row answers. */
  readonly comparison: string;
  readonly kind: 'score' | 'continuous' | 'binary' | 'count' | 'time-to-event';
  readonly measure: EffectMeasure;
  readonly higherIsBetter: boolean;
  readonly visit: string;
  readonly population: string;
  readonly estimator: string;
  /** True for the row that answers the outcome's pre-specified primary question. */
  readonly isPrimaryEstimator: boolean;
  readonly status: 'estimated' | 'not-estimable';
  readonly reason: string | null;
  readonly n: {
    readonly randomised: Readonly<Record<string, number>>;
    readonly withData: Readonly<Record<string, number>>;
    readonly analysed: Readonly<Record<string, number>>;
  };
  /** Per arm label: marginal mean (score, continuous), risk (binary) or rate per unit of exposure (count). */
  readonly emm: Readonly<Record<string, EmmCell>>;
  readonly difference: Difference | null;
  /** Binary rows: every effect measure. */
  readonly binary: BinaryEffects | null;
  readonly cohensD: (Interval & { readonly sd: number; readonly method: string }) | null;
  readonly multiplicity: { readonly family: string; readonly method: string; readonly rejected: boolean | null } | null;
  readonly estimand: Estimand;
  readonly method: MethodRecord;
  readonly responder: ResponderResult | null;
  readonly sentence: Localised;
  readonly warnings: readonly string[];
}

/** The effect rate handed to the economics model: a responder risk difference with its uncertainty. */
export interface EffectRate {
  readonly metric: string;
  readonly comparison: string;
  readonly outcomeId: string;
  readonly visit: string;
  readonly population: string;
  readonly estimator: string;
  readonly estimate: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  readonly df: number | null;
  readonly controlRate: number;
  readonly interventionRate: number;
  readonly pooled: boolean;
  readonly n: Readonly<Record<string, number>>;
}

export interface ConsortArmFlow {
  readonly randomised: number;
  readonly receivedAllocated: number | null;
  readonly lostToFollowUp: ReadonlyArray<{ readonly visit: string; readonly n: number; readonly reasons: Readonly<Record<string, number>> }>;
  readonly analysed: ReadonlyArray<{ readonly visit: string; readonly n: number }>;
}

export interface BaselineRow {
  readonly variable: string;
  readonly label: Localised;
  readonly level: string | null;
  readonly kind: 'mean-sd' | 'median-iqr' | 'n-percent';
  readonly byArm: Readonly<Record<string, { readonly n: number; readonly missing: number; readonly values: readonly number[] }>>;
  /** Standardised difference (intervention − control) of the first comparison; no p-values in Table 1 by design (CONSORT). */
  readonly standardisedDifference: number | null;
  /** Standardised difference per comparison id. */
  readonly standardisedDifferences: Readonly<Record<string, number | null>>;
}

export interface SafetyResult {
  readonly id: string;
  readonly name: Localised;
  readonly comparison: string;
  readonly visit: string;
  readonly byArm: Readonly<Record<string, { readonly n: number; readonly total: number; readonly mean: number; readonly participantsWithEvent: number }>>;
  readonly rateRatio: (Interval & { readonly p: number; readonly method: string; readonly theta: number | null }) | null;
  readonly status: 'estimated' | 'not-estimable';
  readonly reason: string | null;
}

export interface EventCount {
  readonly id: string;
  readonly name: Localised;
  readonly byArm: Readonly<Record<string, number>>;
}

export interface SubgroupResult {
  readonly outcomeId: string;
  readonly comparison: string;
  readonly visit: string;
  readonly variable: string;
  readonly levels: ReadonlyArray<{ readonly level: string; readonly n: Readonly<Record<string, number>>; readonly difference: (Interval & { readonly se: number; readonly p: number }) | null }>;
  readonly interactionP: number | null;
  readonly interactionF: number | null;
  readonly interactionDf: readonly [number, number] | null;
  readonly reason: string | null;
}

export interface TippingPointResult {
  readonly outcomeId: string;
  /** The comparison (results.comparisons[].id) whose conclusion is stress-tested. */
  readonly comparison: string;
  readonly visit: string;
  /** Whose imputed values were shifted: an arm label, or "both". */
  readonly arm: string;
  /** "not-applicable" when the shifted arm has no missing value at the visit (nothing to shift); `reason` says so. */
  readonly status: 'estimated' | 'not-applicable';
  readonly reason: string | null;
  readonly path: ReadonlyArray<{ readonly delta: number; readonly estimate: number; readonly lower: number; readonly upper: number; readonly p: number }>;
  /** Smallest shift (in outcome units, in the direction against the intervention) at which the conclusion changes; null if it never does in the searched range (or not applicable). */
  readonly tippingDelta: number | null;
  /** Largest δ searched; null when not applicable. */
  readonly searchedUpTo: number | null;
  /** Which way δ moves the imputed values: against the intervention, unless the MAR result is significant harm; null when not applicable. */
  readonly direction: 'against-intervention' | 'towards-intervention' | null;
}

/** Echo of the spec's trial block (src/data/spec/schema.ts trialSchema); free text in both languages. */
export interface TrialInfo {
  readonly id: string;
  readonly title: Localised;
  readonly registration?: string;
  readonly registry?: string;
  /** Simulated data: the report says so on every page and chart. Absent in 1.1.0 files. */
  readonly synthetic?: boolean;
  readonly dataSource?: Localised;
  readonly protocol?: Localised;
  readonly funding?: Localised;
  readonly design?: Localised;
  readonly setting?: Localised;
  /** Months as YYYY-MM. */
  readonly recruitment?: { readonly from: string; readonly to: string };
  readonly eligibility?: Localised;
  readonly intervention?: Localised;
  readonly comparator?: Localised;
  readonly sampleSize?: { readonly planned: number; readonly rationale?: Localised };
  readonly randomisation?: { readonly sequence?: Localised; readonly concealment?: Localised; readonly implementation?: Localised };
  readonly blinding?: Localised;
  readonly harms?: Localised;
  readonly limitations?: Localised;
}

export interface ResultLabels {
  readonly visits: Readonly<Record<string, Localised>>;
  /** Characteristic (covariate or stratum column) → its name. */
  readonly variables: Readonly<Record<string, Localised>>;
  /** Characteristic → level id → its name (only those the spec names). */
  readonly levels: Readonly<Record<string, Readonly<Record<string, Localised>>>>;
  /** Missing-reason code → its name (the spec's missingReasons; "other" and "not_recorded" are the report's). */
  readonly missingReasons?: Readonly<Record<string, Localised>>;
  /**
   * Outcome id → the unit its spec declares (≥ 1.6.0; only outcomes that declare one). The
   * report writes it after a difference of means ("4.1 lb"); without it, "points".
   */
  readonly units?: Readonly<Record<string, Localised>>;
  /**
   * Time-to-event outcome id → event level → its name (the spec's `event.labels`; only outcomes
   * that declare some; ≥ 1.7.0). The report names a competing-risks outcome's causes by them ("disability
   * pension"); a level without one is shown as its code.
   */
  readonly causes?: Readonly<Record<string, Readonly<Record<string, Localised>>>>;
}

export interface OutcomeScale {
  /** Registry key, e.g. "QPR-15". */
  readonly instrument: string;
  /** The instrument's full name. */
  readonly name: Localised;
  /** Score range of the version used. */
  readonly range: readonly [number, number];
  readonly higherIsBetter: boolean;
  /** Minimal important differences as published, or null. */
  readonly mcid: { readonly betweenGroups: number; readonly withinPerson: number } | null;
}

export interface PopulationInfo {
  readonly id: string;
  readonly name: Localised;
  /** "all", or intervention participants attending at least `min` of `of` sessions (other arms all included). */
  readonly rule: { readonly type: 'all' } | { readonly type: 'adherence'; readonly min: number; readonly of: number | null };
}

/** Baseline–visit statistics of a scored outcome, over all randomised observed at both (≥ 1.3.0; for planning the next trial). */
export interface PlanningStats {
  readonly outcomeId: string;
  readonly visit: string;
  /** Participants observed at baseline and at the visit, per arm label. */
  readonly pairs: Readonly<Record<string, number>>;
  /** Within-arm pooled SD at baseline and at the visit, their pooled Pearson correlation, and the pooled SD of the change. */
  readonly sdBaseline: number;
  readonly sdVisit: number;
  readonly correlation: number;
  readonly sdChange: number;
  /** Mean change (visit − baseline) per arm label. */
  readonly meanChange: Readonly<Record<string, number>>;
}

/** One time-to-event outcome's full analysis (≥ 1.5.0): aggregates only (curves on a grid, risk sets at ticks). */
export interface TimeToEventResult {
  readonly id: string;
  readonly name: Localised;
  readonly role: OutcomeRole;
  /** True when the event is wanted (a job): then a hazard ratio above 1 favours the intervention. */
  readonly higherIsBetter: boolean;
  readonly population: string;
  readonly analysis: SurvivalAnalysis | CompetingRisksAnalysis;
}

export interface AnalysisResults {
  readonly schemaVersion: string;
  readonly software: { readonly name: 'effekt'; readonly version: string };
  /** The spec's trial block, echoed (≥ 1.2.0 with every optional field the spec gives; 1.1.0 files: id and title only). */
  readonly trial: TrialInfo;
  readonly input: { readonly dataFile: string; readonly dataSha256: string; readonly specFile: string; readonly specSha256: string };
  readonly seed: number;
  readonly alpha: number;
  readonly confLevel: number;
  readonly arms: ReadonlyArray<{ readonly label: string; readonly role: 'control' | 'intervention'; readonly name: Localised }>;
  /** What is compared: each intervention arm vs the control (and every pair of interventions when the plan asks); arm labels. */
  readonly comparisons: ReadonlyArray<{ readonly id: string; readonly intervention: string; readonly control: string }>;
  readonly visits: readonly string[];
  /** The spec's names for visits, characteristics and their levels (≥ 1.2.0). */
  readonly labels?: ResultLabels;
  /** The analysis populations as the spec defines them (≥ 1.2.0). */
  readonly populations?: readonly PopulationInfo[];
  /** Outcome id → the instrument that scores it (≥ 1.2.0; count outcomes have none). */
  readonly scales?: Readonly<Record<string, OutcomeScale>>;
  readonly consort: Readonly<Record<string, ConsortArmFlow>>;
  readonly baseline: readonly BaselineRow[];
  readonly outcomes: readonly OutcomeResult[];
  readonly effectRates: readonly EffectRate[];
  readonly safety: readonly SafetyResult[];
  readonly events: readonly EventCount[];
  readonly subgroups: readonly SubgroupResult[];
  readonly tippingPoints: readonly TippingPointResult[];
  /** Time-to-event outcomes (≥ 1.5.0). */
  readonly timeToEvent?: readonly TimeToEventResult[];
  /** Per scored outcome and follow-up visit (≥ 1.3.0). */
  readonly planning?: readonly PlanningStats[];
  readonly warnings: readonly string[];
}
