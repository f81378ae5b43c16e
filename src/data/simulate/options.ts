/**
 * Parameters of the synthetic PEER twin. Defaults are calibrated so that the ANCOVA on QPR-15
 * at the end of the course lands near the published result (difference ≈ 5 points, d ≈ 0.4),
 * MANSA, WSAS, SHS and GSE show effects, and ESR, self-advocacy, CSRQ, admissions and bed days
 * do not. Effects are shifts of an instrument's latent score in latent-SD units.
 */
export interface SiteSize {
  readonly name: string;
  readonly n: number;
}

export interface SimulationOptions {
  readonly seed: number;
  readonly sites: readonly SiteSize[];
  /** Exact arm totals to reach (the trial's published split); null = whatever the blocks give. */
  readonly armTotals: { readonly intervention: number; readonly control: number } | null;
  readonly blockSizes: readonly number[];
  readonly visits: readonly string[];
  /** Latent effect at the end of the course per instrument; the follow-up keeps `followUpRetention` of it. */
  readonly effects: Readonly<Record<string, number>>;
  readonly followUpRetention: number;
  /** Improvement in both arms (latent SD) from baseline to the end of the course. */
  readonly timeTrend: number;
  /** Logistic intercept of missing the end-of-course visit, and the shift per SD of worse baseline recovery. */
  readonly dropout: { readonly intercept: number; readonly severitySlope: number; readonly significantlyReduced: number; readonly extraAtFollowUp: number; readonly returnAtFollowUp: number };
  /** Probability that a single item is left blank at an attended visit. */
  readonly itemMissing: number;
}

export const peerSites: readonly SiteSize[] = [
  { name: 'København', n: 108 },
  { name: 'Fredericia', n: 52 },
  { name: 'Helsingør', n: 50 },
  { name: 'Rødovre', n: 43 },
  { name: 'Gladsaxe', n: 43 },
];

export const defaultEffects: Readonly<Record<string, number>> = {
  qpr: 0.55,
  esr: 0,
  mansa: 0.35,
  wsas: 0.35,
  shs: 0.35,
  gse: 0.32,
  sa: 0,
  csrq: 0,
};

export const DEFAULT_SEED = 20201201;

export function peerOptions(overrides: Partial<SimulationOptions> = {}): SimulationOptions {
  return {
    seed: DEFAULT_SEED,
    sites: peerSites,
    armTotals: { intervention: 145, control: 151 },
    blockSizes: [2, 4, 6],
    visits: ['baseline', 'end', 'fu6'],
    effects: defaultEffects,
    followUpRetention: 0.7,
    timeTrend: 0.2,
    dropout: { intercept: -1.45, severitySlope: 0.45, significantlyReduced: 0.35, extraAtFollowUp: -2.3, returnAtFollowUp: 0.15 },
    itemMissing: 0.004,
    ...overrides,
  };
}

/** A smaller randomised cohort in one municipality with two visits (e.g. Kolding 2025). */
export function cohortOptions(site: string, n: number, overrides: Partial<SimulationOptions> = {}): SimulationOptions {
  return peerOptions({ sites: [{ name: site, n }], armTotals: null, visits: ['baseline', 'end'], seed: 2025, ...overrides });
}
