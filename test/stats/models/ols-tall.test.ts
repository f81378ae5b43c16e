import { describe, expect, it } from 'vitest';
import { zeros, type Matrix } from '../../../src/stats/linalg/matrix.ts';
import { qrAliased, qrCoef, qrDecompose, qrUnscaledCovariance, TALL_QR_CELLS, type QR } from '../../../src/stats/linalg/qr.ts';
import { qrDecomposeTall } from '../../../src/stats/linalg/qr-tall.ts';
import { ols } from '../../../src/stats/models/ols/ols.ts';
import { olsGram } from '../../../src/stats/models/ols/ols-gram.ts';
import { createRng } from '../../../src/stats/random/rng.ts';
import { lre } from '../../helpers/lre.ts';

/** n × 8 design: intercept, arm, age, baseline, a 5-level site as 4 dummies; y with a known structure. */
function design(n: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = createRng(seed);
  const p = 8;
  const X = zeros(n, p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const arm = i % 2;
    const site = (i * 7) % 5;
    const age = 40 + 12 * rng.normal();
    const base = 30 + 10 * rng.normal();
    const row = [1, arm, age, base, site === 1 ? 1 : 0, site === 2 ? 1 : 0, site === 3 ? 1 : 0, site === 4 ? 1 : 0];
    for (let j = 0; j < p; j++) X.data[i + j * n] = row[j];
    y[i] = 5 + 3 * arm + 0.1 * age + 0.6 * base + site + 8 * rng.normal();
  }
  return { X, y };
}

const minLre = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.min(...Array.from(a, (v, i) => lre(v, b[i])));
const diag = (m: Float64Array, p: number) => Array.from({ length: p }, (_, j) => m[j + j * p]);
/**
 * Largest difference between the R factors of two QRs (each row's sign made positive: R is unique
 * up to those signs), relative to the norm of its column — entries that are 0 in exact arithmetic
 * come out as rounding noise of either sign, so entrywise relative errors would mean nothing.
 */
const rDistance = (a: QR, b: QR) => {
  const { rows: na, cols: p } = a.qr;
  const nb = b.qr.rows;
  let worst = 0;
  for (let j = 0; j < p; j++) {
    let norm = 0;
    for (let i = 0; i <= j; i++) norm += a.qr.data[i + j * na] ** 2;
    for (let i = 0; i <= j; i++) {
      const u = Math.sign(a.qr.data[i + i * na]) * a.qr.data[i + j * na];
      const v = Math.sign(b.qr.data[i + i * nb]) * b.qr.data[i + j * nb];
      worst = Math.max(worst, Math.abs(u - v) / Math.sqrt(norm));
    }
  }
  return worst;
};

describe('OLS on registry-sized designs', () => {
  const n = Math.ceil(TALL_QR_CELLS / 8) + 1000; // just above the threshold
  const { X, y } = design(n, 11);
  const qr = qrDecompose(X); // the blocked Householder (qr-tall.ts) at this size
  const coefQr = qrCoef(qr, y);

  it('the corrected semi-normal equations agree with the Householder QR to ≥ 11 digits (coefficients, covariance)', () => {
    expect(olsGram(X, y)).not.toBeNull();
    const fit = ols(X, y);
    expect(fit.rank).toBe(8);
    expect(minLre(fit.coef, coefQr)).toBeGreaterThanOrEqual(11);
    expect(minLre(diag(fit.vcov.data, 8).map((v) => v / fit.sigma ** 2), diag(qrUnscaledCovariance(qr).data, 8))).toBeGreaterThanOrEqual(11);
    // fit.qr is built when asked for, and is the QR of X.
    expect(rDistance(fit.qr, qr)).toBeLessThan(1e-13);
  });

  it('the blocked Householder QR agrees with the textbook one (R to 1e-12 of its column norms, coefficients ≥ 11 digits)', () => {
    // qrDecompose uses the textbook loop below TALL_QR_CELLS: compare on a slice that small.
    const m = 50_000;
    const small = { rows: m, cols: 8, data: new Float64Array(m * 8) };
    for (let j = 0; j < 8; j++) small.data.set(X.data.subarray(j * n, j * n + m), j * m);
    const ys = y.subarray(0, m);
    const textbook = qrDecompose(small);
    const tall = qrDecomposeTall(small, 1e-7);
    expect(rDistance(tall, textbook)).toBeLessThan(1e-12);
    expect(minLre(qrCoef(tall, ys), qrCoef(textbook, ys))).toBeGreaterThanOrEqual(11);
  });

  it('a collinear design declines the normal equations and reports the aliased column as R does', () => {
    const c = { rows: n, cols: 9, data: new Float64Array(n * 9) };
    c.data.set(X.data);
    for (let i = 0; i < n; i++) c.data[i + 8 * n] = X.data[i + 4 * n] + X.data[i + 5 * n]; // site1 + site2
    expect(olsGram(c, y)).toBeNull();
    const fit = ols(c, y, { columnNames: ['(Intercept)', 'arm', 'age', 'base', 's1', 's2', 's3', 's4', 's12'] });
    expect(fit.aliased).toEqual(['s12']);
    expect(qrAliased(fit.qr)).toEqual([8]);
    expect(minLre(fit.coef.subarray(0, 8), coefQr)).toBeGreaterThanOrEqual(10);
  });
});
