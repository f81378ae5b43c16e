/** Inputs and results of `planPower`: plain, JSON-able, echoed into every result. */
export type PowerDesign = 'two-sample' | 'ancova' | 'single-arm' | 'proportions' | 'risk-ratio' | 'negative-binomial' | 'log-rank';
export const powerDesigns: readonly PowerDesign[] = ['two-sample', 'ancova', 'single-arm', 'proportions', 'risk-ratio', 'negative-binomial', 'log-rank'];
export type SolveFor = 'n' | 'power' | 'effect';
export type Sides = 'two.sided' | 'one.sided';
/** Which way the effect goes when solving for the minimum detectable effect of a rate or ratio. */
export type EffectDirection = 'increase' | 'decrease';

export interface PowerInput {
  readonly design: PowerDesign;
  /** Two-sided significance level (or one-sided with `alternative: 'one.sided'`). Default 0.05. */
  readonly alpha?: number;
  readonly alternative?: Sides;
  /** Leave exactly one of power, n and the effect out: that one is solved for. */
  readonly power?: number | null;
  /** Participants recruited in the control arm (the intervention arm gets ratio × n); the cohort for single-arm. */
  readonly n?: number | null;
  /** Effect in the design's own metric: Cohen's d (two-sample, ancova, single-arm), Cohen's h (proportions), risk ratio, rate ratio or hazard ratio. */
  readonly effectSize?: number | null;
  /** Raw effect: mean difference (with `sd`), change minus benchmark (single-arm, with `sd`) or risk difference (proportions). */
  readonly delta?: number | null;
  /** Intervention : control allocation ratio (default 1). */
  readonly ratio?: number;
  /** Share of recruited participants expected to have no outcome (0 ≤ dropout < 1). */
  readonly dropout?: number;
  /** Intra-cluster correlation within course groups, and the group size m: design effect 1 + (m − 1)·ICC. */
  readonly icc?: number;
  readonly clusterSize?: number;
  /** Which arms are delivered in groups (PEER: only the intervention). Default both. */
  readonly clusterArms?: 'both' | 'intervention';
  /** Outcome SD (two-sample, ancova); single-arm: SD of the change, or of the outcome when `rho` is given. */
  readonly sd?: number;
  /** Baseline–follow-up correlation (ancova; single-arm: SD of change = sd·√(2(1 − ρ))). */
  readonly rho?: number;
  /** Control-arm proportion (proportions, risk-ratio), event probability over follow-up (log-rank) or event rate per unit time (negative-binomial). */
  readonly controlRate?: number;
  /** Intervention-arm proportion (proportions) — an alternative to effectSize/delta. */
  readonly interventionRate?: number | null;
  /** Proportions: "arcsine" (pwr.2p2n.test, Cohen's h; default) or "pooled-z" (power.prop.test). */
  readonly method?: 'arcsine' | 'pooled-z';
  /** Negative binomial: dispersion k (Var = μ + kμ²), mean exposure time t (default 1), Zhu & Lakkis approach (default 3). */
  readonly dispersion?: number;
  readonly exposure?: number;
  readonly nbApproach?: 1 | 2 | 3;
  /** Direction of the minimum detectable effect; defaults: increase for proportions and risk ratios, decrease for rates and hazards. */
  readonly direction?: EffectDirection;
  /** Root-finding tolerance (default 1e-12). */
  readonly tol?: number;
}

export interface EffectRecord {
  /** The metric solved for or given: d, intervention proportion, risk/rate/hazard ratio. */
  readonly metric: 'd' | 'intervention-rate' | 'risk-ratio' | 'rate-ratio' | 'hazard-ratio';
  readonly value: number;
  readonly d: number | null;
  readonly delta: number | null;
  readonly sd: number | null;
  readonly h: number | null;
  readonly controlRate: number | null;
  readonly interventionRate: number | null;
}

export interface SampleSize {
  /** The formula's n per arm: analysable, independent participants (continuous). */
  readonly perArm: Readonly<Record<string, number>>;
  readonly perArmRoundedUp: Readonly<Record<string, number>>;
  readonly total: number;
  readonly totalRoundedUp: number;
  /** Participants to recruit per arm after the design effect and dropout (given n, or rounded up when solved). */
  readonly recruit: Readonly<Record<string, number>>;
  readonly recruitTotal: number;
}

export interface PowerResult {
  readonly design: PowerDesign;
  readonly solvedFor: SolveFor;
  readonly method: string;
  readonly formula: string;
  readonly references: readonly string[];
  readonly alpha: number;
  readonly alternative: Sides;
  readonly power: number;
  readonly effect: EffectRecord;
  readonly ratio: number;
  readonly adjustments: {
    readonly dropout: number;
    readonly icc: number;
    readonly clusterSize: number;
    readonly clusterArms: 'both' | 'intervention';
    readonly designEffect: number;
    /** recruit = perArm × inflation per arm: design effect / (1 − dropout). */
    readonly inflation: Readonly<Record<string, number>>;
  };
  readonly sampleSize: SampleSize;
  /** Log-rank only: the events the formula needs / expects, and the pooled event probability. */
  readonly events: { readonly expected: number; readonly probability: number } | null;
  /** Every resolved option, so the result says how it was computed. */
  readonly options: Readonly<Record<string, string | number | boolean | null>>;
  readonly warnings: readonly string[];
}
