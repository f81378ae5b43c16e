/**
 * Predictive mean matching (Little 1988; mice.impute.pmm with type-1 matching, van Buuren,
 * FIMD 2nd ed., Algorithm 3.3): predicted means of the observed rows use β̂, those of the rows
 * to impute use a posterior draw β*; each missing value is replaced by the observed value of one
 * donor drawn at random from the `donors` observed rows whose predicted means are closest.
 * Imputations are therefore always values that were observed.
 */
import { permutation, type Rng } from '../../random/rng.ts';
import { linearPredictor, normDraw } from './norm-draw.ts';
import type { MethodInput } from './norm.ts';

export function imputePmm(input: MethodInput): Float64Array {
  const { rng, yObs } = input;
  const draw = normDraw(input.xObs, yObs, rng);
  const yhatObs = linearPredictor(input.xObs, draw.coef);
  const yhatMis = linearPredictor(input.xMis, draw.beta);
  return matchDonors(yhatObs, yhatMis, yObs, input.donors, rng);
}

/**
 * For each target, the k observed rows with the nearest predicted means (found by expanding
 * from the target's position in the sorted predictions), one chosen uniformly. The observed
 * rows are shuffled before the (stable) sort so that ties are broken at random, as mice does.
 */
export function matchDonors(yhatObs: Float64Array, yhatMis: Float64Array, yObs: Float64Array, donors: number, rng: Rng): Float64Array {
  const nObs = yhatObs.length;
  const k = Math.min(donors, nObs);
  const order = Array.from(permutation(rng, nObs));
  order.sort((a, b) => yhatObs[a] - yhatObs[b]);
  const sorted = Float64Array.from(order, (i) => yhatObs[i]);
  const out = new Float64Array(yhatMis.length);
  for (let t = 0; t < yhatMis.length; t++) {
    const target = yhatMis[t];
    // First position with sorted[pos] ≥ target.
    let lo = 0;
    let hi = nObs;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    let left = lo - 1;
    let right = lo;
    const pick = rng.int(k);
    let chosen = -1;
    for (let c = 0; c <= pick; c++) {
      const takeLeft = right >= nObs || (left >= 0 && target - sorted[left] <= sorted[right] - target);
      chosen = takeLeft ? left-- : right++;
    }
    out[t] = yObs[order[chosen]];
  }
  return out;
}
