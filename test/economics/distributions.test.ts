// The PSA samplers are statistical routines too: each one's draws must have the mean and SD the
// scenario states (moment matching), put the stated probability below its own 2.5 %/97.5 %
// quantiles (sampler and quantile function agree), and stay in the distribution's support.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/stats/random/rng.ts';
import { sample, quantile, type ParameterDistribution } from '../../src/economics/psa/distributions.ts';

const N = 200_000;
/** 5 Monte Carlo standard errors: a false alarm about once in 1.7 million. */
const Z = 5;

function moments(x: Float64Array): { mean: number; sd: number; kurtosis: number } {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let m2 = 0;
  let m4 = 0;
  for (const v of x) {
    const d = (v - m) ** 2;
    m2 += d;
    m4 += d * d;
  }
  m2 /= x.length;
  m4 /= x.length;
  return { mean: m, sd: Math.sqrt(m2), kurtosis: m4 / (m2 * m2) };
}

/** The stated mean and SD (triangular: (a + b + c)/3 and √((a² + b² + c² − ab − ac − bc)/18)). */
function stated(d: ParameterDistribution): { mean: number; sd: number; lo: number; hi: number } {
  switch (d.type) {
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      return { mean: (a + b + c) / 3, sd: Math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18), lo: a, hi: b };
    }
    case 'student-t':
      // sd is the scale: the SD of a t variate is scale × √(df/(df − 2)).
      return { mean: d.mean, sd: d.sd * Math.sqrt(d.df / (d.df - 2)), lo: -Infinity, hi: Infinity };
    case 'lognormal':
    case 'gamma':
      return { mean: d.mean, sd: d.sd, lo: 0, hi: Infinity };
    case 'beta':
      return { mean: d.mean, sd: d.sd, lo: d.min ?? 0, hi: d.max ?? 1 };
    case 'normal':
      return { mean: d.mean, sd: d.sd, lo: -Infinity, hi: Infinity };
    case 'fixed':
      return { mean: Number.NaN, sd: 0, lo: -Infinity, hi: Infinity };
  }
}

const cases: ParameterDistribution[] = [
  { type: 'normal', mean: 0.078, sd: 0.03 },
  { type: 'student-t', mean: 0.09, sd: 0.05, df: 12 },
  { type: 'lognormal', mean: 9694, sd: 970 },
  { type: 'lognormal', mean: 100, sd: 80 },
  { type: 'gamma', mean: 350283, sd: 70057 },
  { type: 'gamma', mean: 2, sd: 3 },
  { type: 'beta', mean: 0.3, sd: 0.05 },
  { type: 'beta', mean: 0.9, sd: 0.2 },
  { type: 'beta', mean: 9694, sd: 1000, min: 7000, max: 14000 },
  { type: 'triangular', min: 7000, mode: 9694, max: 14000 },
  { type: 'triangular', min: 0, mode: 0, max: 1 },
];

describe('PSA samplers reproduce their stated parameters', () => {
  it.each(cases.map((d) => [JSON.stringify(d), d] as const))('%s', (_label, d) => {
    const rng = createRng(20240601).fork(JSON.stringify(d));
    const x = new Float64Array(N);
    for (let i = 0; i < N; i++) x[i] = sample(d, Number.NaN, rng);
    const m = moments(x);
    const s = stated(d);
    // Mean: SE = σ/√n. SD: relative SE ≈ √((κ − 1)/(4n)) with κ the (sample) kurtosis.
    expect(Math.abs(m.mean - s.mean), `mean ${m.mean} vs ${s.mean}`).toBeLessThan((Z * s.sd) / Math.sqrt(N));
    expect(Math.abs(m.sd / s.sd - 1), `sd ${m.sd} vs ${s.sd}`).toBeLessThan(Z * Math.sqrt((m.kurtosis - 1) / (4 * N)));
    for (const v of x) if (!(v >= s.lo && v <= s.hi)) throw new Error(`draw ${v} outside the support [${s.lo}, ${s.hi}]`);
    // The sampler and the quantile function (used by the tornado) describe the same distribution.
    for (const p of [0.025, 0.5, 0.975]) {
      const q = quantile(d, Number.NaN, p);
      let below = 0;
      for (const v of x) if (v <= q) below++;
      expect(Math.abs(below / N - p), `P(X ≤ q(${p}))`).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / N));
    }
  });

  it('a fixed parameter and an SD of 0 return the value itself', () => {
    const rng = createRng(1);
    expect(sample({ type: 'fixed' }, 42, rng)).toBe(42);
    expect(sample({ type: 'gamma', mean: 7, sd: 0 }, 42, rng)).toBe(7);
    expect(quantile({ type: 'fixed' }, 42, 0.975)).toBe(42);
  });
});
