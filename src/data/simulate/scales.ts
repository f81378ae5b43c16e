/**
 * How the simulator generates item responses for each instrument: item y_j at a visit is
 * round(μ + σ(√ρ·L + √(1−ρ)·e_j)) clamped to the item range, where L is the participant's
 * standardised latent score on the instrument at that visit and e_j item noise; ρ sets the
 * inter-item correlation. `sign` −1 makes higher item values mean worse (WSAS). Reverse-worded
 * ESR items are generated reversed, so scoring must reverse them back.
 */
export interface ScaleModel {
  readonly key: string;
  readonly prefix: string;
  readonly items: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly sd: number;
  readonly rho: number;
  readonly loading: number;
  readonly sign: 1 | -1;
  readonly reverseItems: readonly number[];
}

/** ESR items treated as negatively worded in the twin (an assumption; configurable in the spec). */
export const esrReverseItems: readonly number[] = [3, 7, 10, 14, 16, 18, 21, 24, 27];

export const scaleModels: readonly ScaleModel[] = [
  { key: 'qpr', prefix: 'qpr_', items: 15, min: 0, max: 4, mean: 2.0, sd: 1.0, rho: 0.5, loading: 0.75, sign: 1, reverseItems: [] },
  { key: 'esr', prefix: 'esr_', items: 28, min: 1, max: 4, mean: 2.7, sd: 0.7, rho: 0.3, loading: 0.5, sign: 1, reverseItems: esrReverseItems },
  { key: 'mansa', prefix: 'mansa_', items: 12, min: 1, max: 7, mean: 4.0, sd: 1.3, rho: 0.4, loading: 0.7, sign: 1, reverseItems: [] },
  { key: 'wsas', prefix: 'wsas_', items: 5, min: 0, max: 8, mean: 4.4, sd: 2.0, rho: 0.55, loading: 0.7, sign: -1, reverseItems: [] },
  { key: 'shs', prefix: 'shs_', items: 6, min: 1, max: 8, mean: 4.5, sd: 1.6, rho: 0.55, loading: 0.7, sign: 1, reverseItems: [] },
  { key: 'gse', prefix: 'gse_', items: 10, min: 1, max: 4, mean: 2.6, sd: 0.75, rho: 0.45, loading: 0.7, sign: 1, reverseItems: [] },
  { key: 'sa', prefix: 'sa_', items: 8, min: 1, max: 5, mean: 3.2, sd: 0.9, rho: 0.4, loading: 0.5, sign: 1, reverseItems: [] },
  { key: 'csrq', prefix: 'csrq_', items: 10, min: 1, max: 5, mean: 3.0, sd: 0.9, rho: 0.35, loading: 0.5, sign: 1, reverseItems: [] },
];
