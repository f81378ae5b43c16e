/**
 * R's power functions, one for one: pwr::pwr.t.test, pwr::pwr.t2n.test, pwr::pwr.2p.test,
 * pwr::pwr.2p2n.test (Champely, pwr 1.3) and stats::power.t.test / power.prop.test (R 4.2).
 * Exactly one of the quantities marked optional is left out and solved for, on the interval
 * R searches. The only deliberate difference: the root is found to `tol` (default 1e-12)
 * instead of uniroot's ε^¼; pass `tol: R_UNIROOT_TOL` to land on R's printed value.
 * Effect sizes: d = (μ₁ − μ₂)/σ; Cohen's h = 2·asin√p₁ − 2·asin√p₂.
 */
import { StatsError } from '../errors.ts';
import { normal } from '../dist/continuous.ts';
import { tTestPowerFromNcp, type PwrAlternative } from './t-power.ts';
import { DEFAULT_ROOT_TOL, solveFor, solveIncreasing } from './solve.ts';

export type TTestType = 'two.sample' | 'one.sample' | 'paired';

interface Common {
  readonly sigLevel?: number;
  readonly tol?: number;
}

function exactlyOneMissing(values: Record<string, number | null | undefined>): string {
  const missing = Object.entries(values).filter(([, v]) => v === null || v === undefined).map(([k]) => k);
  if (missing.length !== 1) throw new StatsError('INVALID_ARGUMENT', `exactly one of ${Object.keys(values).join(', ')} must be left out (got ${missing.length} missing)`);
  return missing[0];
}

function checkProb(v: number | null | undefined, name: string): void {
  if (v !== null && v !== undefined && !(v > 0 && v < 1)) throw new StatsError('INVALID_ARGUMENT', `${name} must lie in (0, 1), got ${v}`);
}

/** d search interval of pwr for each alternative. */
function dInterval(alternative: PwrAlternative, twoSidedLo: number): [number, number] {
  return alternative === 'two.sided' ? [twoSidedLo, 10] : alternative === 'less' ? [-10, 5] : [-5, 10];
}

export interface PwrTResult {
  readonly n: number;
  readonly d: number;
  readonly sigLevel: number;
  readonly power: number;
  readonly alternative: PwrAlternative;
  readonly method: string;
}

/** pwr.t.test: n per group (two.sample) or pairs/observations; d = effect in SD units. */
export function pwrTTest(o: Common & { n?: number | null; d?: number | null; power?: number | null; type?: TTestType; alternative?: PwrAlternative }): PwrTResult {
  const sigLevel = o.sigLevel ?? 0.05;
  const type = o.type ?? 'two.sample';
  const alternative = o.alternative ?? 'two.sided';
  const tol = o.tol ?? DEFAULT_ROOT_TOL;
  checkProb(sigLevel, 'sigLevel');
  checkProb(o.power, 'power');
  const missing = exactlyOneMissing({ n: o.n, d: o.d, power: o.power });
  const k = type === 'two.sample' ? 2 : 1;
  const power = (n: number, d: number) => tTestPowerFromNcp(Math.sqrt(n / k) * d, (n - 1) * k, sigLevel, alternative);
  const dIn = alternative === 'two.sided' && o.d != null ? Math.abs(o.d) : o.d;
  let n = o.n ?? NaN;
  let d = dIn ?? NaN;
  let pw = o.power ?? NaN;
  if (missing === 'power') pw = power(n, d);
  else if (missing === 'n') n = solveFor((x) => power(x, d), pw, 2 + 1e-10, 1e9, tol, 'n');
  else {
    const [lo, hi] = dInterval(alternative, 1e-7);
    d = solveFor((x) => power(n, x), pw, lo, hi, tol, 'd');
  }
  const label = type === 'one.sample' ? 'One-sample' : type === 'two.sample' ? 'Two-sample' : 'Paired';
  return { n, d, sigLevel, power: pw, alternative, method: `${label} t test power calculation (pwr.t.test)` };
}

export interface PwrT2nResult {
  readonly n1: number;
  readonly n2: number;
  readonly d: number;
  readonly sigLevel: number;
  readonly power: number;
  readonly alternative: PwrAlternative;
  readonly method: string;
}

/** pwr.t2n.test: two samples of sizes n1, n2. */
export function pwrT2nTest(o: Common & { n1?: number | null; n2?: number | null; d?: number | null; power?: number | null; alternative?: PwrAlternative }): PwrT2nResult {
  const sigLevel = o.sigLevel ?? 0.05;
  const alternative = o.alternative ?? 'two.sided';
  const tol = o.tol ?? DEFAULT_ROOT_TOL;
  checkProb(sigLevel, 'sigLevel');
  checkProb(o.power, 'power');
  const missing = exactlyOneMissing({ n1: o.n1, n2: o.n2, d: o.d, power: o.power });
  const power = (n1: number, n2: number, d: number) => tTestPowerFromNcp(d / Math.sqrt(1 / n1 + 1 / n2), n1 + n2 - 2, sigLevel, alternative);
  let n1 = o.n1 ?? NaN;
  let n2 = o.n2 ?? NaN;
  let d = (alternative === 'two.sided' && o.d != null ? Math.abs(o.d) : o.d) ?? NaN;
  let pw = o.power ?? NaN;
  if (missing === 'power') pw = power(n1, n2, d);
  else if (missing === 'n1') n1 = solveFor((x) => power(x, n2, d), pw, 2 + 1e-10, 1e9, tol, 'n1');
  else if (missing === 'n2') n2 = solveFor((x) => power(n1, x, d), pw, 2 + 1e-10, 1e9, tol, 'n2');
  else {
    const [lo, hi] = dInterval(alternative, 1e-7);
    d = solveFor((x) => power(n1, n2, x), pw, lo, hi, tol, 'd');
  }
  return { n1, n2, d, sigLevel, power: pw, alternative, method: 't test power calculation (pwr.t2n.test)' };
}

/** Cohen's h for two proportions (pwr::ES.h). */
export function cohensH(p1: number, p2: number): number {
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

/** Power of the arcsine test with effective size m = n₁n₂/(n₁ + n₂) (n/2 for equal groups). */
export function arcsinePower(h: number, m: number, sigLevel: number, alternative: PwrAlternative): number {
  const s = h * Math.sqrt(m);
  if (alternative === 'greater') return normal.sf(-normal.quantile(sigLevel) - s);
  if (alternative === 'less') return normal.cdf(normal.quantile(sigLevel) - s);
  const z = -normal.quantile(sigLevel / 2);
  return normal.sf(z - s) + normal.cdf(-z - s);
}

export interface Pwr2pResult {
  readonly h: number;
  readonly n1: number;
  readonly n2: number;
  readonly sigLevel: number;
  readonly power: number;
  readonly alternative: PwrAlternative;
  readonly method: string;
}

/** pwr.2p.test (n = n1 = n2 per group) and pwr.2p2n.test (n1, n2): arcsine transformation. */
export function pwr2p2nTest(o: Common & { h?: number | null; n1?: number | null; n2?: number | null; power?: number | null; alternative?: PwrAlternative; equalN?: boolean }): Pwr2pResult {
  const sigLevel = o.sigLevel ?? 0.05;
  const alternative = o.alternative ?? 'two.sided';
  const tol = o.tol ?? DEFAULT_ROOT_TOL;
  checkProb(sigLevel, 'sigLevel');
  checkProb(o.power, 'power');
  const equal = o.equalN === true;
  const missing = equal ? exactlyOneMissing({ h: o.h, n: o.n1, power: o.power }) : exactlyOneMissing({ h: o.h, n1: o.n1, n2: o.n2, power: o.power });
  const power = (n1: number, n2: number, h: number) => arcsinePower(h, equal ? n1 / 2 : (n1 * n2) / (n1 + n2), sigLevel, alternative);
  let n1 = o.n1 ?? NaN;
  let n2 = equal ? n1 : (o.n2 ?? NaN);
  let h = (alternative === 'two.sided' && o.h != null ? Math.abs(o.h) : o.h) ?? NaN;
  let pw = o.power ?? NaN;
  if (missing === 'power') pw = power(n1, n2, h);
  else if (missing === 'n') n1 = n2 = solveFor((x) => power(x, x, h), pw, 2 + 1e-10, 1e9, tol, 'n');
  else if (missing === 'n1') n1 = solveFor((x) => power(x, n2, h), pw, 2 + 1e-10, 1e9, tol, 'n1');
  else if (missing === 'n2') n2 = solveFor((x) => power(n1, x, h), pw, 2 + 1e-10, 1e9, tol, 'n2');
  else {
    const [lo, hi] = dInterval(alternative, 1e-10);
    h = solveFor((x) => power(n1, n2, x), pw, lo, hi, tol, 'h');
  }
  const method = `Difference of proportion power calculation for binomial distribution (arcsine transformation; ${equal ? 'pwr.2p.test' : 'pwr.2p2n.test'})`;
  return { h, n1, n2, sigLevel, power: pw, alternative, method };
}

export interface PowerTResult {
  readonly n: number;
  readonly delta: number;
  readonly sd: number;
  readonly sigLevel: number;
  readonly power: number;
  readonly alternative: 'two.sided' | 'one.sided';
  readonly strict: boolean;
  readonly method: string;
}

/** stats::power.t.test (sd fixed, default 1). */
export function powerTTest(o: Common & { n?: number | null; delta?: number | null; sd?: number; power?: number | null; type?: TTestType; alternative?: 'two.sided' | 'one.sided'; strict?: boolean }): PowerTResult {
  const sigLevel = o.sigLevel ?? 0.05;
  const sd = o.sd ?? 1;
  const type = o.type ?? 'two.sample';
  const alternative = o.alternative ?? 'two.sided';
  const strict = o.strict ?? false;
  const tol = o.tol ?? DEFAULT_ROOT_TOL;
  checkProb(sigLevel, 'sigLevel');
  checkProb(o.power, 'power');
  if (!(sd > 0)) throw new StatsError('INVALID_ARGUMENT', `sd must be positive, got ${sd}`);
  const missing = exactlyOneMissing({ n: o.n, delta: o.delta, power: o.power });
  const k = type === 'two.sample' ? 2 : 1;
  const tside = alternative === 'two.sided' ? 2 : 1;
  const power = (n: number, delta: number) => {
    const nu = Math.max(1e-7, n - 1) * k;
    const ncp = (Math.sqrt(n / k) * delta) / sd;
    // Without strict, only the tail in the direction of delta counts, at level α/tside.
    return strict && tside === 2 ? tTestPowerFromNcp(ncp, nu, sigLevel, 'two.sided', true) : tTestPowerFromNcp(ncp, nu, sigLevel / tside, 'greater');
  };
  let n = o.n ?? NaN;
  let delta = (tside === 2 && o.delta != null ? Math.abs(o.delta) : o.delta) ?? NaN;
  let pw = o.power ?? NaN;
  if (missing === 'power') pw = power(n, delta);
  else if (missing === 'n') n = solveIncreasing((x) => power(x, delta), pw, 2, 1e7, 1e15, tol, 'n');
  else delta = solveIncreasing((x) => power(n, x), pw, sd * 1e-7, sd * 1e7, sd * 1e15, tol, 'delta');
  const label = type === 'one.sample' ? 'One-sample' : type === 'two.sample' ? 'Two-sample' : 'Paired';
  return { n, delta, sd, sigLevel, power: pw, alternative, strict, method: `${label} t test power calculation (power.t.test)` };
}

export interface PowerPropResult {
  readonly n: number;
  readonly p1: number;
  readonly p2: number;
  readonly sigLevel: number;
  readonly power: number;
  readonly alternative: 'two.sided' | 'one.sided';
  readonly strict: boolean;
  readonly method: string;
}

/**
 * Power of the pooled-variance z test for two proportions with n₁ = n₂·r (r = 1: power.prop.test):
 *   Φ((|p₁ − p₂| − z·√(p̄q̄(1/n₁ + 1/n₂))) / √(p₁q₁/n₁ + p₂q₂/n₂)),  p̄ = (n₁p₁ + n₂p₂)/(n₁ + n₂)
 * (Fleiss, Levin & Paik 2003, §4.2), plus the wrong-tail term when strict.
 */
export function pooledZPower(p1: number, p2: number, n1: number, n2: number, sigLevel: number, alternative: 'two.sided' | 'one.sided', strict: boolean): number {
  const tside = alternative === 'two.sided' ? 2 : 1;
  const qu = -normal.quantile(sigLevel / tside);
  const d = Math.abs(p1 - p2);
  const pbar = (n1 * p1 + n2 * p2) / (n1 + n2);
  const null0 = Math.sqrt(pbar * (1 - pbar) * (1 / n1 + 1 / n2));
  const alt = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const main = normal.cdf((d - qu * null0) / alt);
  return strict && tside === 2 ? main + normal.sf((d + qu * null0) / alt) : main;
}

/** stats::power.prop.test (equal groups of n). */
export function powerPropTest(o: Common & { n?: number | null; p1?: number | null; p2?: number | null; power?: number | null; alternative?: 'two.sided' | 'one.sided'; strict?: boolean }): PowerPropResult {
  const sigLevel = o.sigLevel ?? 0.05;
  const alternative = o.alternative ?? 'two.sided';
  const strict = o.strict ?? false;
  const tol = o.tol ?? DEFAULT_ROOT_TOL;
  checkProb(sigLevel, 'sigLevel');
  checkProb(o.power, 'power');
  checkProb(o.p1, 'p1');
  checkProb(o.p2, 'p2');
  const missing = exactlyOneMissing({ n: o.n, p1: o.p1, p2: o.p2, power: o.power });
  const power = (n: number, p1: number, p2: number) => pooledZPower(p1, p2, n, n, sigLevel, alternative, strict);
  let n = o.n ?? NaN;
  let p1 = o.p1 ?? NaN;
  let p2 = o.p2 ?? NaN;
  let pw = o.power ?? NaN;
  if (missing === 'power') pw = power(n, p1, p2);
  else if (missing === 'n') n = solveIncreasing((x) => power(x, p1, p2), pw, 1, 1e7, 1e15, tol, 'n');
  // R searches p1 in [0, p2] and p2 in [p1, 1] (power falls as p1 rises towards p2).
  else if (missing === 'p1') p1 = solveFor((x) => -power(n, x, p2), -pw, 0, p2, tol, 'p1');
  else p2 = solveFor((x) => power(n, p1, x), pw, p1, 1, tol, 'p2');
  return { n, p1, p2, sigLevel, power: pw, alternative, strict, method: 'Two-sample comparison of proportions power calculation (power.prop.test)' };
}
