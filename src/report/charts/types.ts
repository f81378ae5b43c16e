/** What every chart builder receives and returns: plain data in, a Vega-Lite spec out. */
import type { TopLevelSpec } from 'vega-lite';
import type { AnalysisResults, OutcomeResult } from '../../analysis/results/types.ts';
import type { EconomicsResult } from '../../economics/run.ts';
import type { I18n } from '../i18n/index.ts';

export type { TopLevelSpec } from 'vega-lite';

export interface ArmInfo {
  readonly label: string;
  readonly name: string;
  readonly role: 'control' | 'intervention';
  readonly colour: string;
}

export interface ChartContext {
  readonly results: AnalysisResults;
  readonly economics: EconomicsResult | null;
  readonly t: I18n;
  readonly control: ArmInfo;
  readonly intervention: ArmInfo;
  /** The row answering the trial's primary question (primary role, primary estimator). */
  readonly primary: OutcomeResult | null;
  /** One row per outcome: its primary estimator at its primary visit. */
  readonly mainRows: readonly OutcomeResult[];
}

export interface ChartDef {
  /** File stem: `<id>.vl.json`, `<id>.svg`, `<id>.png`. */
  readonly id: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
}

/** A builder returns null when its inputs are absent (no subgroups, no economics …). */
export type ChartBuilder = (ctx: ChartContext) => ChartDef | null;
