/**
 * The shape of economics.json spelled out as plain types for JSON Schema generation (the
 * scenario and the PSA's parameter distributions are zod-typed; the scenario has its own schema).
 * A type test keeps it identical to EconomicsResult.
 */
import type { BusinessCase } from './model/business-case.ts';
import type { Settlement } from './settlement/settlement.ts';
import type { PsaSummary, Histogram } from './psa/psa.ts';
import type { TornadoRow } from './psa/tornado.ts';
import type { TrialLink } from './link/from-results.ts';
import type { PublishedCheck } from './run.ts';
import type { EconomicsCharts } from './charts.ts';
import type { EmploymentBreakEven } from './employment/result.ts';
import type { EmploymentBuildUp } from './employment/compile.ts';

export interface EconomicsResultShape {
  readonly schemaVersion: string;
  readonly software: { readonly name: 'effekt'; readonly version: string };
  /** The scenario as validated (schemas/economics-scenario.schema.json). */
  readonly scenario: Readonly<Record<string, unknown>>;
  readonly link: TrialLink | null;
  readonly businessCase: BusinessCase;
  readonly settlement: Settlement;
  readonly psa: {
    readonly draws: number;
    readonly seed: number;
    readonly totalNet: PsaSummary;
    readonly netPerCitizen: PsaSummary;
    readonly probabilityNetSaving: number;
    readonly probabilityInvestorRepaid: number;
    readonly histogram: Histogram;
    readonly clippedEffectDraws: number;
    readonly distributions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  };
  readonly tornado: readonly TornadoRow[];
  readonly thresholds: { readonly breakEvenEffectRates: Readonly<Record<string, number>> | null; readonly breakEvenCostPerCitizen: number };
  readonly published: readonly PublishedCheck[];
  readonly charts: EconomicsCharts;
  readonly employment?: {
    /** The employment scenario as validated (schemas/employment-scenario.schema.json). */
    readonly inputs: Readonly<Record<string, unknown>>;
    readonly buildUp: EmploymentBuildUp;
    readonly netStartRateUsed: number;
    readonly weeksUsed: { readonly offBenefit: number; readonly inWork: number };
    readonly breakEven: EmploymentBreakEven;
  };
}
