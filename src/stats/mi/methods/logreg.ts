/**
 * Logistic regression imputation of a 0/1 variable (mice.impute.logreg; van Buuren, FIMD 2nd
 * ed., Algorithm 3.4; Rubin 1987): fit the logistic model on the observed rows, draw
 * β* ~ N(β̂, V̂) from its approximate normal posterior, and impute 1 with probability
 * expit(x β*). As mice, the observed rows are augmented with 2·p·2 pseudo-observations at
 * the predictor means ± ½ SD carrying total weight p + 1 (White, Daniel & Royston 2010), so
 * that perfect prediction cannot make β̂ diverge.
 */
import type { Matrix } from '../../linalg/matrix.ts';
import { cholesky, choleskyInverse, choleskySolve } from '../../linalg/cholesky.ts';
import { glm } from '../../models/glm/irls.ts';
import { StatsError } from '../../errors.ts';
import { linearPredictor } from './norm-draw.ts';
import type { MethodInput } from './norm.ts';

/**
 * Observed rows plus the augmentation rows (intercept in column 0 is not augmented); predictor
 * means, SDs and ranges over all rows (observed and to impute), as mice's `augment`.
 */
function augment(x: Matrix, y: Float64Array, xMis: Matrix): { x: Matrix; y: Float64Array; w: Float64Array } {
  const n = x.rows;
  const p = x.cols - 1;
  const nr = 2 * p * 2;
  const rows = n + nr;
  const out = { rows, cols: x.cols, data: new Float64Array(rows * x.cols) };
  const ya = new Float64Array(rows);
  const wa = new Float64Array(rows).fill(1);
  ya.set(y);
  for (let j = 0; j < x.cols; j++) out.data.set(x.data.subarray(j * n, (j + 1) * n), j * rows);
  for (let r = n; r < rows; r++) {
    out.data[r] = 1;
    wa[r] = (p + 1) / nr;
  }
  for (let j = 1; j <= p; j++) {
    const col = [...x.data.subarray(j * n, (j + 1) * n), ...xMis.data.subarray(j * xMis.rows, (j + 1) * xMis.rows)];
    const nAll = col.length;
    let mean = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const v of col) {
      mean += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    mean /= nAll;
    let ss = 0;
    for (const v of col) ss += (v - mean) ** 2;
    const sd = nAll > 1 ? Math.sqrt(ss / (nAll - 1)) : 0;
    for (let r = 0; r < nr; r++) {
      const block = Math.floor(r / 4); // predictor block: 4 rows per predictor (2 categories × ±½ SD)
      const shift = block === j - 1 ? (r % 2 === 0 ? 0.5 : -0.5) : 0;
      out.data[n + r + j * rows] = Math.min(max, Math.max(min, mean + shift * sd));
    }
  }
  for (let r = 0; r < nr; r++) ya[n + r] = (r % 4) < 2 ? 0 : 1;
  return { x: out, y: ya, w: wa };
}

/**
 * The weighted logistic fit by effekt's GLM. That GLM refuses fits in which some fitted
 * probabilities reach 0 or 1 (an error for inference, where the estimates would diverge); with
 * the augmentation rows the maximum likelihood estimate exists even then, so for imputation the
 * fit is finished by Newton–Raphson on the same augmented likelihood (as R's glm.fit would, with
 * a warning, inside mice).
 */
function logisticFit(x: Matrix, y: Float64Array, w: Float64Array): { coef: Float64Array; vcov: Matrix } {
  try {
    const fit = glm(x, y, 'binomial-logit', { weights: w, epsilon: 1e-10, maxit: 50, nullDeviance: false }); // the null deviance (a second fit) is never read here
    return { coef: fit.coef, vcov: fit.vcov };
  } catch (e) {
    if (!(e instanceof StatsError) || e.code !== 'SEPARATION') throw e;
  }
  const n = x.rows;
  const p = x.cols;
  const beta = new Float64Array(p);
  let info: Matrix = { rows: p, cols: p, data: new Float64Array(p * p) };
  for (let it = 0; it < 100; it++) {
    const eta = linearPredictor(x, beta);
    const score = new Float64Array(p);
    info = { rows: p, cols: p, data: new Float64Array(p * p) };
    for (let i = 0; i < n; i++) {
      const mu = 1 / (1 + Math.exp(-eta[i]));
      const wi = w[i] * mu * (1 - mu);
      for (let a = 0; a < p; a++) {
        const xa = x.data[i + a * n];
        score[a] += w[i] * (y[i] - mu) * xa;
        for (let b = 0; b <= a; b++) info.data[a + b * p] += wi * xa * x.data[i + b * n];
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) info.data[b + a * p] = info.data[a + b * p];
    const step = choleskySolve(cholesky(info), score);
    let change = 0;
    for (let a = 0; a < p; a++) {
      beta[a] += step[a];
      change = Math.max(change, Math.abs(step[a]));
    }
    if (change < 1e-10) break;
  }
  return { coef: beta, vcov: choleskyInverse(cholesky(info)) };
}

export function imputeLogreg(input: MethodInput): Float64Array {
  const { rng } = input;
  for (let i = 0; i < input.yObs.length; i++) {
    const v = input.yObs[i];
    if (v !== 0 && v !== 1) throw new StatsError('INVALID_ARGUMENT', `logistic imputation needs a 0/1 variable; observed value ${v} at row ${i}`);
  }
  const aug = augment(input.xObs, input.yObs, input.xMis);
  const fit = logisticFit(aug.x, aug.y, aug.w);
  const p = input.xObs.cols;
  const keep: number[] = [];
  for (let j = 0; j < p; j++) if (!Number.isNaN(fit.coef[j])) keep.push(j);
  const r = keep.length;
  const sub = { rows: r, cols: r, data: new Float64Array(r * r) };
  for (let a = 0; a < r; a++) for (let b = 0; b < r; b++) sub.data[a + b * r] = fit.vcov.data[keep[a] + keep[b] * p];
  const l = cholesky(sub);
  const beta = Float64Array.from(fit.coef, (b) => (Number.isNaN(b) ? 0 : b));
  const z = new Float64Array(r);
  for (let a = 0; a < r; a++) z[a] = rng.normal();
  for (let a = 0; a < r; a++) {
    let s = 0;
    for (let b = 0; b <= a; b++) s += l.data[a + b * r] * z[b];
    beta[keep[a]] += s;
  }
  const eta = linearPredictor(input.xMis, beta);
  const out = new Float64Array(eta.length);
  for (let i = 0; i < eta.length; i++) out[i] = rng.uniform() <= 1 / (1 + Math.exp(-eta[i])) ? 1 : 0;
  return out;
}
