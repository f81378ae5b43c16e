/**
 * Settlement precision: for a roll-out contract and a municipality's expected volume, the
 * distribution of what it will pay over the contract — by simulation through the settlement
 * engine, and exactly where the rules allow (exact.ts) — and the probability that it exceeds an
 * amount. docs/power.md § Settlement precision.
 */
export interface PrecisionInput {
  /** The municipality (as in the contract); only a label — each settles on its own. */
  readonly municipality: string;
  /** Citizens whose course ends in each contract period (length = the contract's periods). */
  readonly citizensPerPeriod: readonly number[];
  /** Per payment metric: the share achieving it among citizens with a follow-up, with the course. */
  readonly achievementRates: Readonly<Record<string, number>>;
  /** Share of citizens without a follow-up measurement: they count as not achieved. */
  readonly dropout: number;
  /** P(total payment > amount) is reported for this amount (DKK), if given. */
  readonly amount: number | null;
  readonly draws: number;
  readonly seed: number;
}

export interface Distribution {
  readonly mean: number;
  readonly sd: number;
  readonly q05: number;
  readonly q50: number;
  readonly q95: number;
  /** P(total > amount), or null without an amount. */
  readonly pExceeds: number | null;
}

export interface PrecisionResult {
  readonly contract: { readonly id: string; readonly file: string; readonly sha256: string };
  readonly municipality: string;
  readonly citizensPerPeriod: Readonly<Record<string, number>>;
  readonly metrics: ReadonlyArray<{ readonly id: string; readonly achievementRate: number; readonly rateSource: string; readonly perCitizen: number; readonly counterfactual: number; readonly pricePerOutcome: number }>;
  readonly dropout: number;
  readonly amount: number | null;
  readonly assumptions: readonly string[];
  /** Monte Carlo through the settlement engine (every rule). */
  readonly simulation: Distribution & { readonly draws: number; readonly seed: number; readonly mcseMean: number; readonly mcsePExceeds: number | null; readonly perPeriodMean: Readonly<Record<string, number>>; readonly perMetricMean: Readonly<Record<string, number>> };
  /** Exact distribution of the same rules (binomial counts, independent metrics), on a grid of `grid` DKK when metrics are combined. */
  readonly exact: (Distribution & { readonly grid: number; readonly method: string }) | null;
  /** How far the simulation lies from the exact result, in Monte Carlo SEs (|z| < 4 agrees). */
  readonly crossCheck: { readonly meanZ: number; readonly pExceedsZ: number | null; readonly cdfAtSimQ05: number; readonly cdfAtSimQ95: number; readonly agrees: boolean } | null;
  readonly warnings: readonly string[];
}
