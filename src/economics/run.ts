/**
 * The whole economics job for one scenario: business case, settlement, PSA, tornado and
 * thresholds, plus the published figures it was asked to reproduce. Plain JSON out.
 */
import type { Scenario } from './scenario/schema.ts';
import { businessCase, type BusinessCase } from './model/business-case.ts';
import { settlement, type Settlement } from './settlement/settlement.ts';
import { runPsa, type PsaResult } from './psa/psa.ts';
import { tornado, type TornadoRow } from './psa/tornado.ts';
import type { TrialLink } from './link/from-results.ts';
import { economicsCharts, type EconomicsCharts } from './charts.ts';
import type { EmploymentScenario } from './employment/schema.ts';
import type { EmploymentBuildUp } from './employment/compile.ts';
import { employmentEconomics, type EmploymentEconomics } from './employment/result.ts';

// 1.1.0: adds `charts`, `link.resultsSha256` and `link.linked[].source` (nothing renamed or removed).
// 1.2.0: adds `employment` for employment scenarios (absent otherwise).
export const economicsSchemaVersion = '1.2.0';

export interface PublishedCheck {
  readonly figure: string;
  readonly published: number;
  readonly computed: number;
  readonly rounded: number;
  readonly matches: boolean;
}

export interface EconomicsResult {
  readonly schemaVersion: string;
  readonly software: { readonly name: 'effekt'; readonly version: string };
  readonly scenario: Scenario;
  readonly link: TrialLink | null;
  readonly businessCase: BusinessCase;
  readonly settlement: Settlement;
  readonly psa: PsaResult;
  readonly tornado: readonly TornadoRow[];
  readonly thresholds: { readonly breakEvenEffectRates: Readonly<Record<string, number>> | null; readonly breakEvenCostPerCitizen: number };
  readonly published: readonly PublishedCheck[];
  /** Pre-aggregated data for the report's charts (added in 1.1.0). */
  readonly charts: EconomicsCharts;
  /** An employment scenario's inputs, weekly build-up and break-even points (added in 1.2.0; absent for other scenarios). */
  readonly employment?: EmploymentEconomics;
}

/** Figures a scenario may pin under `published`, and where the model computes them. */
const publishedFigures: Record<string, (bc: BusinessCase) => number> = {
  costPerCitizen: (bc) => bc.costPerCitizenDiscounted,
  savingPerCitizen: (bc) => bc.savingPerCitizen,
  netPerCitizen: (bc) => bc.netPerCitizen,
  totalNet: (bc) => bc.totalNet,
  participants: (bc) => bc.participants,
  weightedSavingPerSuccess: (bc) => bc.weightedSavingPerSuccess,
  breakEvenEffectRate: (bc) => Object.values(bc.breakEvenEffectRates ?? {})[0] ?? Number.NaN,
};

export function checkPublished(s: Scenario, bc: BusinessCase): PublishedCheck[] {
  return Object.entries(s.published ?? {}).map(([figure, published]) => {
    const f = publishedFigures[figure];
    const computed = f ? f(bc) : Number.NaN;
    // Rates are published as percentages with two decimals; money to the krone.
    const isRate = figure.toLowerCase().includes('rate');
    const rounded = isRate ? Math.round(computed * 10000) / 10000 : Math.round(computed);
    return { figure, published, computed, rounded, matches: rounded === published };
  });
}

export interface RunEconomicsOptions {
  readonly link?: TrialLink | null;
  readonly draws?: number;
  readonly seed?: number;
  readonly version?: string;
  readonly onProgress?: (done: number, total: number) => void;
  /** For a scenario compiled from an employment scenario: its inputs and build-up. */
  readonly employment?: { readonly inputs: EmploymentScenario; readonly buildUp: EmploymentBuildUp } | null;
}

export function runEconomics(s: Scenario, options: RunEconomicsOptions = {}): EconomicsResult {
  const bc = businessCase(s);
  const st = settlement(s);
  const psa = runPsa(s, { draws: options.draws, seed: options.seed, onProgress: options.onProgress });
  const tor = tornado(s);
  return {
    schemaVersion: economicsSchemaVersion,
    software: { name: 'effekt', version: options.version ?? '0.1.0' },
    scenario: s,
    link: options.link ?? null,
    businessCase: bc,
    settlement: st,
    psa,
    tornado: tor,
    thresholds: { breakEvenEffectRates: bc.breakEvenEffectRates, breakEvenCostPerCitizen: bc.breakEvenCostPerCitizen },
    // The published figures assume the scenario's own effect rate; with trial rates they are not comparable.
    published: options.link ? [] : checkPublished(s, bc),
    charts: economicsCharts(s, bc, st, psa, tor),
    ...(options.employment ? { employment: employmentEconomics(options.employment.inputs, options.employment.buildUp, s, bc, st) } : {}),
  };
}
