/** OLS speed: a trial-sized fit and a million-row fit, each with the same work in R (lm.fit). */
import type { BenchCase } from '../bench-case.ts';
import { createRng } from '../../src/stats/random/rng.ts';
import { zeros, type Matrix } from '../../src/stats/linalg/matrix.ts';
import { ols } from '../../src/stats/models/ols/ols.ts';

function data(n: number, p: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = createRng(seed);
  const X = zeros(n, p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    X.data[i] = 1;
    let s = 0;
    for (let j = 1; j < p; j++) {
      const v = rng.normal();
      X.data[i + j * n] = v;
      s += v * (j % 3);
    }
    y[i] = s + rng.normal();
  }
  return { X, y };
}

const rCode = (n: number, p: number) =>
  `set.seed(1); X <- cbind(1, matrix(rnorm(${n} * ${p - 1}), ${n})); y <- drop(X %*% (seq_len(${p}) %% 3)) + rnorm(${n})\nbench <- function() { f <- lm.fit(X, y); s <- sum(f$residuals^2) / f$df.residual; v <- chol2inv(f$qr$qr[1:${p}, 1:${p}]) * s; invisible(v) }`;

export const cases: BenchCase[] = [
  { name: 'OLS with SEs, 296 × 8', setup: () => data(296, 8, 1), run: (d) => ols((d as ReturnType<typeof data>).X, (d as ReturnType<typeof data>).y), repeat: 11, inner: 200, r: rCode(296, 8), rInner: 1000 },
  { name: 'OLS with SEs, 1,000,000 × 10', setup: () => data(1_000_000, 10, 2), run: (d) => ols((d as ReturnType<typeof data>).X, (d as ReturnType<typeof data>).y), repeat: 3, r: rCode(1_000_000, 10) },
];
