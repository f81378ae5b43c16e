/**
 * Fisher's exact test for a 2 × 2 table [[a, b], [c, d]] as R's fisher.test: conditional on the
 * margins, a follows the (noncentral) hypergeometric distribution with odds ratio ψ.
 *  two-sided p: the sum of null probabilities not exceeding P(a) × (1 + 10⁻⁷);
 *  one-sided: the lower or upper tail at ψ = 1;
 *  estimate: the conditional MLE of ψ (solving E_ψ[a] = a), and its CI by inverting the tails
 *  (ψ with P_ψ(A ≥ a) = α/2 and P_ψ(A ≤ a) = α/2) — found here to 1e-13 where R's uniroot
 *  stops at ~1e-4, so compare with a tightened R reference.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { StatsError, assertAlternative, assertConfLevel } from '../errors.ts';
import type { Alternative } from '../dist/continuous.ts';

export interface FisherResult {
  readonly method: "Fisher's exact test";
  readonly options: { readonly alternative: Alternative; readonly confLevel: number };
  readonly p: number;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

const lchoose = (n: number, k: number) => gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);

/** Root of a monotone f on (lo, hi) by bisection on the log scale when the bracket spans decades. */
function root(f: (t: number) => number, lo: number, hi: number): number {
  let flo = f(lo);
  for (let i = 0; i < 400; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi || (hi - lo) <= 1e-15 * Math.max(1e-300, Math.abs(mid))) return mid;
    const fm = f(mid);
    if (fm === 0) return mid;
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

export function fisherExact(table: readonly [readonly [number, number], readonly [number, number]], options: { alternative?: Alternative; confLevel?: number } = {}): FisherResult {
  const alternative = options.alternative ?? 'two.sided';
  const confLevel = options.confLevel ?? 0.95;
  const [[a, b], [c, d]] = table;
  for (const v of [a, b, c, d]) if (!(Number.isInteger(v) && v >= 0)) throw new StatsError('INVALID_ARGUMENT', `counts must be whole numbers ≥ 0, got ${v}`);
  assertAlternative(alternative);
  assertConfLevel(confLevel);
  // R returns p = 1 and OR 0 for an empty margin; here an empty row or column is an empty group.
  if (a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0) throw new StatsError('EMPTY_GROUP', 'a row or column of the table is all zeros: the odds ratio is undefined', { table: [[a, b], [c, d]] });
  const m = a + c;
  const n = b + d;
  const k = a + b;
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const support: number[] = [];
  for (let x = lo; x <= hi; x++) support.push(x);
  const logdc = support.map((x) => lchoose(m, x) + lchoose(n, k - x) - lchoose(m + n, k));
  const dn = (psi: number) => {
    const l = support.map((x, i) => logdc[i] + Math.log(psi) * x);
    const mx = Math.max(...l);
    const e = l.map((v) => Math.exp(v - mx));
    const s = e.reduce((p, q) => p + q, 0);
    return e.map((v) => v / s);
  };
  const mean = (psi: number) => (psi === 0 ? lo : psi === Infinity ? hi : dn(psi).reduce((s, p, i) => s + p * support[i], 0));
  const tail = (q: number, psi: number, upper: boolean) => {
    // Degenerate odds ratios put all mass at an end of the support.
    if (psi === 0) return (upper ? lo >= q : lo <= q) ? 1 : 0;
    if (psi === Infinity) return (upper ? hi >= q : hi <= q) ? 1 : 0;
    if (psi === 1) {
      const d1 = logdc.map(Math.exp);
      return support.reduce((s, x, i) => s + ((upper ? x >= q : x <= q) ? d1[i] : 0), 0);
    }
    const d2 = dn(psi);
    return support.reduce((s, x, i) => s + ((upper ? x >= q : x <= q) ? d2[i] : 0), 0);
  };
  let p: number;
  if (alternative === 'less') p = tail(a, 1, false);
  else if (alternative === 'greater') p = tail(a, 1, true);
  else {
    const d1 = logdc.map(Math.exp);
    const obs = d1[a - lo] * (1 + 1e-7);
    p = Math.min(1, d1.filter((v) => v <= obs).reduce((s, v) => s + v, 0));
  }
  const mle = (() => {
    if (a === lo) return 0;
    if (a === hi) return Infinity;
    const mu = mean(1);
    if (mu > a) return root((t) => mean(t) - a, 0, 1);
    if (mu < a) return 1 / root((t) => mean(1 / t) - a, Number.EPSILON, 1);
    return 1;
  })();
  const upperLimit = (alpha: number) => {
    if (a === hi) return Infinity;
    const p1 = tail(a, 1, false);
    if (p1 < alpha) return root((t) => tail(a, t, false) - alpha, 0, 1);
    if (p1 > alpha) return 1 / root((t) => tail(a, 1 / t, false) - alpha, Number.EPSILON, 1);
    return 1;
  };
  const lowerLimit = (alpha: number) => {
    if (a === lo) return 0;
    const p1 = tail(a, 1, true);
    if (p1 > alpha) return root((t) => tail(a, t, true) - alpha, 0, 1);
    if (p1 < alpha) return 1 / root((t) => tail(a, 1 / t, true) - alpha, Number.EPSILON, 1);
    return 1;
  };
  const alpha = 1 - confLevel;
  const [lower, upper] =
    alternative === 'less' ? [0, upperLimit(alpha)] : alternative === 'greater' ? [lowerLimit(alpha), Infinity] : [lowerLimit(alpha / 2), upperLimit(alpha / 2)];
  return { method: "Fisher's exact test", options: { alternative, confLevel }, p, estimate: mle, lower, upper };
}
