/**
 * Options and results of simulation-based power (`simulatePower`): trials are drawn from the
 * twin generator or resampled from a user's pilot data, a stated effect and dropout are applied,
 * the real estimators of `effekt analyze` are run on each, and power is the share of trials in
 * which the test rejects at α — with its Monte Carlo SE √(p(1 − p)/R).
 */
export type SimEstimator = 'ancova' | 'complete-case' | 'mmrm' | 'mi-ancova' | 'welch';
export const simEstimators: readonly SimEstimator[] = ['ancova', 'complete-case', 'mmrm', 'mi-ancova', 'welch'];

export type SimSource =
  /** The synthetic twin generator (src/data/simulate) with the spec that reads its files. */
  | { readonly kind: 'twin'; readonly specFile: string }
  /** A user's pilot data: participants resampled with replacement (by default from the control arm) and re-randomised. */
  | { readonly kind: 'pilot'; readonly dataFile: string; readonly specFile: string; readonly resampleFrom?: 'control' | 'all' };

export interface SimulationPowerOptions {
  readonly source: SimSource;
  /** The outcome id (spec) and its visit (default: the outcome's primary visit). */
  readonly outcome: string;
  readonly visit?: string;
  /** Participants per arm in each simulated trial. */
  readonly nPerArm: number;
  /** Effect in outcome units added to the intervention arm at every follow-up visit; null: the twin's own calibrated effect (pilot: required). */
  readonly delta?: number | null;
  /** Share of participants whose follow-up values of the outcome are removed (missing completely at random); null: the source's own missingness. */
  readonly dropout?: number | null;
  /** Estimators to run (default: the plan's primary estimator for the outcome). */
  readonly estimators?: readonly SimEstimator[];
  readonly replicates: number;
  readonly seed: number;
  /** Significance level (default: the plan's). */
  readonly alpha?: number;
  /** Imputations per trial for mi-ancova (default 20; the final analysis uses the plan's m). */
  readonly miImputations?: number;
  /** Worker threads (default: every core). The result does not depend on it. */
  readonly threads?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** What one simulated trial gave for one estimator. */
export type ReplicateEstimate =
  | { readonly ok: true; readonly estimate: number; readonly se: number; readonly p: number }
  | { readonly ok: false; readonly reason: string };

export interface ReplicateRecord {
  readonly r: number;
  readonly estimates: Readonly<Record<string, ReplicateEstimate>>;
  /** Share of randomised participants without the outcome at the visit in this trial. */
  readonly missing: number;
  /** Whether higher values of the outcome are better (for "favouring the intervention"). */
  readonly higherIsBetter: boolean;
}

export interface SimEstimatorPower {
  readonly estimator: SimEstimator;
  /** Share of trials with p < α (two-sided); trials the estimator could not estimate count as not rejected. */
  readonly power: number;
  /** Monte Carlo SE of the power, √(p(1 − p)/R), and a 95 % interval (Wilson). */
  readonly mcse: number;
  readonly interval: readonly [number, number];
  readonly rejections: number;
  /** Share with p < α and the estimate favouring the intervention. */
  readonly powerFavouringIntervention: number;
  readonly estimated: number;
  readonly notEstimable: number;
  readonly meanEstimate: number | null;
  readonly empiricalSd: number | null;
  readonly meanSe: number | null;
}

export interface SimulatedPowerResult {
  readonly method: string;
  readonly source: { readonly kind: 'twin' | 'pilot'; readonly specFile: string; readonly dataFile: string | null; readonly resampleFrom: 'control' | 'all' | null };
  readonly outcome: string;
  readonly visit: string;
  readonly higherIsBetter: boolean;
  readonly nPerArm: number;
  readonly delta: number | null;
  readonly dropout: number | null;
  readonly alpha: number;
  readonly replicates: number;
  readonly seed: number;
  readonly miImputations: number;
  /** Mean share without the outcome at the visit over the simulated trials. */
  readonly meanMissing: number;
  readonly estimators: readonly SimEstimatorPower[];
  readonly warnings: readonly string[];
}

/** The plain-data part of the options that a worker thread receives. */
export type SimulationJob = Omit<SimulationPowerOptions, 'onProgress' | 'threads' | 'estimators' | 'alpha' | 'miImputations' | 'visit'> & {
  readonly visit: string;
  readonly estimators: readonly SimEstimator[];
  readonly miImputations: number;
};
