/** What every chart builder receives and returns: plain data in, a Vega-Lite spec out. */
import type { TopLevelSpec } from 'vega-lite';
import type { AnalysisResults, EffectMeasure, OutcomeResult } from '../../analysis/results/types.ts';
import type { EconomicsResult } from '../../economics/run.ts';
import type { Disclosure } from '../disclosure/plan.ts';
import type { I18n } from '../i18n/index.ts';

export type { TopLevelSpec } from 'vega-lite';

export interface ArmInfo {
  readonly label: string;
  readonly name: string;
  readonly role: 'control' | 'intervention';
  readonly colour: string;
}

/** One intervention arm against one control arm (results.comparisons, or the trial's only pair). */
export interface Comparison {
  readonly id: string;
  readonly intervention: ArmInfo;
  readonly control: ArmInfo;
}

/**
 * "wide": the exported files, the desktop page and the A4 PDF (about 700 px across);
 * "narrow": phones (about 340 px) — fewer columns, wrapped labels, the same data.
 */
export type ChartLayout = 'wide' | 'narrow';

/** Names for the ids found in results.json: the spec's own (results.labels) first, then the catalogue, then the id humanised. */
export interface Names {
  readonly visit: (id: string) => string;
  readonly variable: (column: string) => string;
  readonly level: (column: string, level: string) => string;
  readonly population: (id: string) => string;
  /** The unit after a row's difference: the outcome's declared unit ("lb") for a difference of means, else "points" ("point"). */
  readonly unit: (row: UnitRow) => string;
  /** The declared unit of a difference of means only (null for a score, a file before 1.6.0 or a row of another measure). */
  readonly declaredUnit: (row: UnitRow) => string | null;
  /**
   * A time-to-event outcome's time unit in the report's language: the spec's unit as results.json
   * echoes it per language (labels.units), else `analysed` — the analysis' unit, which is English
   * ("weeks" had reached the Danish report's visits, table heads and RMST sentences).
   */
  readonly timeUnit: (id: string, analysed: string | null) => string | null;
  /**
   * A competing-risks cause of a time-to-event outcome by the spec's name for it (labels.causes),
   * else as its code; the event's cause joins several levels with " / ", each named on its own.
   */
  readonly cause: (id: string, cause: string) => string;
}

/**
 * A row whose difference is worded: its outcome and measure (absent before results.json 1.4.0, and
 * on tipping points: a difference of means). Only a difference of means is in the outcome's unit; a
 * count's rate ratio is not "0.7 seizures".
 */
export interface UnitRow {
  readonly id: string;
  readonly measure?: EffectMeasure;
}

export interface ChartContext {
  /** The publishable model's results (src/report/disclosure/publish.ts): withheld counts and figures are NaN. */
  readonly results: AnalysisResults;
  /** The model's economics: null when none was given or its effect rate is withheld (economicsWithheld). */
  readonly economics: EconomicsResult | null;
  readonly economicsWithheld: readonly string[];
  /** The one disclosure plan every sink prints counts by. */
  readonly disclosure: Disclosure;
  /** A count as published: the number, "<5" or "–", by its key (src/report/disclosure/model.ts). */
  readonly count: (key: string, value: number) => string;
  readonly t: I18n;
  readonly names: Names;
  /** Every arm, in the order results.json lists them (the spec's order): tables, legends and charts all use it. */
  readonly arms: readonly ArmInfo[];
  readonly comparisons: readonly Comparison[];
  /** The first comparison's arms (the trial's only pair in a two-arm trial). */
  readonly control: ArmInfo;
  readonly intervention: ArmInfo;
  /** The row answering the trial's primary question (primary role, primary estimator, first comparison). */
  readonly primary: OutcomeResult | null;
  /** One row per outcome: its primary estimator at its primary visit, first comparison. */
  readonly mainRows: readonly OutcomeResult[];
  /** Simulated data (results.trial.synthetic): every chart carries a note saying so. */
  readonly synthetic: boolean;
  readonly layout: ChartLayout;
}

export interface ChartDef {
  /** File stem: `<id>.vl.json`, `<id>.svg`, `<id>.png`. */
  readonly id: string;
  readonly title: string;
  /** What the chart shows, with its numbers: the figure's text alternative. */
  readonly alt: string;
  readonly spec: TopLevelSpec;
}

/** A builder returns null when its inputs are absent (no subgroups, no economics …). */
export type ChartBuilder = (ctx: ChartContext) => ChartDef | null;
