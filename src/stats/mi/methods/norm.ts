/**
 * Bayesian normal linear regression imputation (mice.impute.norm; van Buuren, FIMD 2nd ed.,
 * Algorithm 3.1): draw σ* and β* from their posterior given the observed rows, then impute
 * ẏ = x β* + σ* ε with ε ~ N(0, 1).
 */
import type { Matrix } from '../../linalg/matrix.ts';
import type { Rng } from '../../random/rng.ts';
import { linearPredictor, normDraw, type GramCache } from './norm-draw.ts';

export interface MethodInput {
  /** Design (intercept first) of the rows where the target is observed. */
  readonly xObs: Matrix;
  readonly yObs: Float64Array;
  /** Design of the rows to impute. */
  readonly xMis: Matrix;
  readonly rng: Rng;
  readonly donors: number;
  /** XᵀX/Xᵀy of xObs's unchanging columns, kept between the calls of one chain (see normDraw). */
  readonly gram?: GramCache;
}

export function imputeNorm(input: MethodInput): Float64Array {
  const draw = normDraw(input.xObs, input.yObs, input.rng, input.gram);
  const out = linearPredictor(input.xMis, draw.beta);
  for (let i = 0; i < out.length; i++) out[i] += draw.sigma * input.rng.normal();
  return out;
}
