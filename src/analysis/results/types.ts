/**
 * The shape of `results.json` — the contract read by the economics model, the reports, the
 * notebooks and users' own scripts. Field names are stable; additions bump the minor version,
 * renames or removals the major version (`resultsSchemaVersion`).
 */
// 1.2.0: `trial` echoes the spec's whole trial block; adds `labels`, `populations` and `scales` (nothing renamed or removed).
// 1.3.0: adds `planning` (baseline–visit SDs, correlation and mean change per scored outcome, for `effekt power`).
export const resultsSchemaVersion = '1.3.0';

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

export interface Difference extends Interval {
  readonly se: number;
  readonly df: number | null;
  readonly statistic: number;
  readonly p: number;
  /** Multiplicity-adjusted p within `multiplicity.family`; equals `p` for unadjusted families. */
  readonly pAdjusted: number;
  /** Always "intervention − control". */
  readonly direction: string;
  /** Sign of a difference that favours the intervention: +1 when higher is better, −1 when higher is worse. */
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

export interface OutcomeResult {
  readonly id: string;
  readonly name: Localised;
  readonly role: OutcomeRole;
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
  readonly emm: Readonly<Record<string, EmmCell>>;
  readonly difference: Difference | null;
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
  /** Standardised difference (intervention − control); no p-values in Table 1 by design (CONSORT). */
  readonly standardisedDifference: number | null;
}

export interface SafetyResult {
  readonly id: string;
  readonly name: Localised;
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
  readonly visit: string;
  readonly arm: string;
  readonly path: ReadonlyArray<{ readonly delta: number; readonly estimate: number; readonly lower: number; readonly upper: number; readonly p: number }>;
  /** Smallest shift (in outcome units, in the direction against the intervention) at which the conclusion changes; null if it never does in the searched range. */
  readonly tippingDelta: number | null;
  readonly searchedUpTo: number;
  /** Which way δ moves the imputed values: against the intervention, unless the MAR result is significant harm. */
  readonly direction: 'against-intervention' | 'towards-intervention';
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
  /** Per scored outcome and follow-up visit (≥ 1.3.0). */
  readonly planning?: readonly PlanningStats[];
  readonly warnings: readonly string[];
}
