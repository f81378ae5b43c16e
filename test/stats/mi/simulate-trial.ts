/**
 * Simulated two-arm trials with MAR dropout for checking multiple imputation statistically
 * (used by test/analysis/mi-coverage.test.ts and bench/cases/mi.ts).
 *
 * Per participant (outcome in SD units): site s ∈ {0, 1} (a stratum, effect 0.2), baseline
 * b ~ N(0, 1), end y₁ = 0.6 b + θ·arm + 0.2 s + ε₁ (ε₁ ~ N(0, 0.8²), so var(y₁ | arm) = 1.0),
 * fu6 y₂ = 0.7 y₁ + ε₂. Dropout is monotone and MAR: y₁ is missing with probability
 * expit(−1.4 + 1.2 b − 0.5 arm) (more dropout among the worse-off at baseline, less with the
 * intervention); y₂ is missing when y₁ is, else with probability expit(−2 + y₁). Complete-case
 * ANCOVA stays unbiased here (missingness depends on covariates in the model) — the point is
 * that MI must be too, with honest intervals.
 */
import { createRng } from '../../../src/stats/random/rng.ts';
import type { AnalysisFrame } from '../../../src/analysis/frame/frame.ts';

export const trueEffect = 0.3;

const expit = (x: number) => 1 / (1 + Math.exp(-x));

export function simulateTrial(n: number, seed: number): AnalysisFrame {
  const rng = createRng(seed);
  const arm = new Int32Array(n);
  const site = new Int32Array(n);
  const base = new Float64Array(n);
  const y1 = new Float64Array(n);
  const y2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    arm[i] = i % 2;
    site[i] = (i >> 1) % 2;
    base[i] = rng.normal();
    const end = 0.6 * base[i] + trueEffect * arm[i] + 0.2 * site[i] + rng.normal(0, 0.8);
    const fu = 0.7 * end + rng.normal(0, 0.7);
    const drop1 = rng.uniform() < expit(-1.4 + 1.2 * base[i] - 0.5 * arm[i]);
    const drop2 = drop1 || rng.uniform() < expit(-2 + end);
    y1[i] = drop1 ? Number.NaN : end;
    y2[i] = drop2 ? Number.NaN : fu;
  }
  const name = { da: 'y', en: 'y' };
  return {
    n,
    ids: Array.from({ length: n }, (_, i) => `S${i}`),
    arms: [
      { label: 'C', role: 'control', name },
      { label: 'I', role: 'intervention', name },
    ],
    arm,
    control: 0,
    comparisons: [{ id: 'I vs C', intervention: 1, control: 0 }],
    visits: ['baseline', 'end', 'fu6'],
    baselineVisit: 0,
    strata: [{ column: 'site', label: name, kind: 'categorical', levels: ['A', 'B'], values: site }],
    covariates: [],
    adherence: null,
    missingReason: [0, 1, 2].map(() => Array.from({ length: n }, () => null)),
    outcomes: [{ id: 'y', name, role: 'primary', kind: 'score', higherIsBetter: true, unit: null, primaryVisit: 'end', visits: ['baseline', 'end', 'fu6'], responder: null, values: [base, y1, y2], exposure: null, exposureUnit: null, range: null, hasBaseline: true }],
    timeToEvent: [],
    events: [],
  };
}
