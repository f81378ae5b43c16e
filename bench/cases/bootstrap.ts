/**
 * 10,000 stratified (arm × municipality) bootstrap refits of the ANCOVA
 * y ~ arm + baseline + municipality on 296 rows, with the same work in R (boot::boot + lm.fit).
 */
import type { BenchCase } from '../bench-case.ts';
import { createRng } from '../../src/stats/random/rng.ts';
import { zeros } from '../../src/stats/linalg/matrix.ts';
import { qrDecompose, qrCoef } from '../../src/stats/linalg/qr.ts';
import { bootstrap } from '../../src/stats/resample/bootstrap.ts';

function data() {
  const rng = createRng(7);
  const n = 296;
  const arm = new Int32Array(n);
  const site = new Int32Array(n);
  const base = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    arm[i] = i % 2;
    site[i] = i % 5;
    base[i] = 30 + 11 * rng.normal();
    y[i] = 10 + 0.6 * base[i] + 5 * arm[i] + site[i] + 9 * rng.normal();
  }
  return { n, arm, site, base, y, strata: Int32Array.from(arm, (a, i) => a * 5 + site[i]) };
}

export const cases: BenchCase[] = [
  {
    name: 'bootstrap: 10,000 stratified ANCOVA refits, 296 rows',
    setup: data,
    run: (prepared) => {
      const d = prepared as ReturnType<typeof data>;
      const X = zeros(d.n, 7);
      const yy = new Float64Array(d.n);
      return bootstrap(d.n, (idx) => {
        for (let r = 0; r < d.n; r++) {
          const i = idx[r];
          X.data[r] = 1;
          X.data[r + d.n] = d.arm[i];
          X.data[r + 2 * d.n] = d.base[i];
          for (let s = 1; s < 5; s++) X.data[r + (2 + s) * d.n] = d.site[i] === s ? 1 : 0;
          yy[r] = d.y[i];
        }
        return qrCoef(qrDecompose(X), yy)[1];
      }, { B: 10_000, seed: 1, strata: d.strata });
    },
    repeat: 3,
    r: `library(boot); set.seed(7); n <- 296; arm <- rep(0:1, length.out = n); site <- factor(rep(0:4, length.out = n)); base <- 30 + 11 * rnorm(n)
y <- 10 + 0.6 * base + 5 * arm + as.numeric(site) + 9 * rnorm(n); d <- data.frame(y, arm, site, base); strata <- interaction(arm, site)
stat <- function(d, i) { dd <- d[i, ]; X <- cbind(1, dd$arm, dd$base, model.matrix(~ site, dd)[, -1]); lm.fit(X, dd$y)$coefficients[2] }
bench <- function() invisible(boot(d, stat, R = 10000, strata = strata))`,
  },
];
