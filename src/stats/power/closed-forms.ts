/**
 * Power of the designs R has no function for, as closed forms in the per-arm sizes n₀ (control)
 * and n₁ (intervention). z = Φ⁻¹(1 − α/s) with s = 2 for a two-sided test, 1 for one-sided.
 *
 *  ANCOVA (y ~ arm + baseline), baseline–outcome correlation ρ: the adjusted difference has
 *    variance σ²(1 − ρ²)(1/n₀ + 1/n₁), so λ = d/√((1 − ρ²)(1/n₀ + 1/n₁)) in a noncentral t with
 *    ν = n₀ + n₁ − 3 (the ANCOVA's residual df: one more parameter than the t test). The slope's
 *    own estimation error (a factor ≈ 1 + 1/(N − 4) on the variance) is ignored, as in Borm,
 *    Fransen & Lemmens (2007), whose n is the t test's times (1 − ρ²).
 *  Risk ratio (Wald test of log RR): SE² = (1 − p₁)/(n₁p₁) + (1 − p₀)/(n₀p₀);
 *    power = Φ(|log RR|/SE − z).
 *  Negative binomial rates (Zhu & Lakkis 2014): Y ~ NB(mean μ·t, Var = m + k·m²); with r = n₁/n₀,
 *    V₁ = (1/t)(1/μ₀ + 1/(r·μ₁)) + k(1 + r)/r, and V₀ from the rates under H₀ —
 *    approach 1: μ₀ in both arms, (1 + r)/(t·r·μ₀) + k(1 + r)/r; approach 2: V₀ = V₁;
 *    approach 3 (default, restricted ML): (1 + r)²/(t·r·(μ₀ + r·μ₁)) + k(1 + r)/r;
 *    power = Φ((√n₀·|log(μ₁/μ₀)| − z√V₀)/√V₁), n₀ = (z√V₀ + z_β√V₁)²/log²(μ₁/μ₀).
 *  Log-rank / Cox (Schoenfeld 1983): with π = n₁/(n₀ + n₁) and D events,
 *    power = Φ(√(D·π(1 − π))·|log HR| − z), D = (z + z_β)²/(π(1 − π)·log²HR);
 *    D = n₀p₀ + n₁p₁ with p₁ = 1 − (1 − p₀)^HR (proportional hazards, same follow-up).
 * These are one-tail powers (the wrong tail is not counted), so the n formulas are exact inverses.
 */
import { normal } from '../dist/continuous.ts';
import { tTestPowerFromNcp, type PwrAlternative } from './t-power.ts';
import type { Sides } from './types.ts';


export function zAlpha(alpha: number, sides: Sides): number {
  return -normal.quantile(sides === 'two.sided' ? alpha / 2 : alpha);
}

/** Two-sample t (pwr.t2n.test's power) with `extraParameters` more model parameters (1 for ANCOVA). */
export function meansPower(n0: number, n1: number, d: number, alpha: number, alternative: PwrAlternative, extraParameters = 0, varianceFactor = 1): number {
  const ncp = d / Math.sqrt(varianceFactor * (1 / n0 + 1 / n1));
  return tTestPowerFromNcp(ncp, n0 + n1 - 2 - extraParameters, alpha, alternative);
}

export function ancovaPower(n0: number, n1: number, d: number, rho: number, alpha: number, alternative: PwrAlternative): number {
  return meansPower(n0, n1, d, alpha, alternative, 1, 1 - rho * rho);
}

/** One-sample / paired t (pwr.t.test type "one.sample"/"paired"): λ = √n·d, ν = n − 1. */
export function oneSamplePower(n: number, d: number, alpha: number, alternative: PwrAlternative): number {
  return tTestPowerFromNcp(Math.sqrt(n) * d, n - 1, alpha, alternative);
}

export function riskRatioSe(n0: number, n1: number, p0: number, rr: number): number {
  const p1 = p0 * rr;
  return Math.sqrt((1 - p1) / (n1 * p1) + (1 - p0) / (n0 * p0));
}

export function riskRatioPower(n0: number, n1: number, p0: number, rr: number, alpha: number, sides: Sides): number {
  return normal.cdf(Math.abs(Math.log(rr)) / riskRatioSe(n0, n1, p0, rr) - zAlpha(alpha, sides));
}

export type NbApproach = 1 | 2 | 3;

export interface NbVariances {
  readonly v0: number;
  readonly v1: number;
}

export function nbVariances(mu0: number, rr: number, k: number, exposure: number, r: number, approach: NbApproach): NbVariances {
  const mu1 = mu0 * rr;
  const over = (k * (1 + r)) / r;
  const v1 = (1 / exposure) * (1 / mu0 + 1 / (r * mu1)) + over;
  const v0 =
    approach === 1 ? (1 + r) / (exposure * r * mu0) + over : approach === 2 ? v1 : (1 + r) ** 2 / (exposure * r * (mu0 + r * mu1)) + over;
  return { v0, v1 };
}

export function nbPower(n0: number, r: number, mu0: number, rr: number, k: number, exposure: number, approach: NbApproach, alpha: number, sides: Sides): number {
  const { v0, v1 } = nbVariances(mu0, rr, k, exposure, r, approach);
  return normal.cdf((Math.sqrt(n0) * Math.abs(Math.log(rr)) - zAlpha(alpha, sides) * Math.sqrt(v0)) / Math.sqrt(v1));
}

/** Zhu & Lakkis' closed-form control-arm size. */
export function nbControlN(power: number, r: number, mu0: number, rr: number, k: number, exposure: number, approach: NbApproach, alpha: number, sides: Sides): number {
  const { v0, v1 } = nbVariances(mu0, rr, k, exposure, r, approach);
  return ((zAlpha(alpha, sides) * Math.sqrt(v0) + normal.quantile(power) * Math.sqrt(v1)) / Math.log(rr)) ** 2;
}

export function schoenfeldPower(events: number, pi: number, hr: number, alpha: number, sides: Sides): number {
  return normal.cdf(Math.sqrt(events * pi * (1 - pi)) * Math.abs(Math.log(hr)) - zAlpha(alpha, sides));
}

export function schoenfeldEvents(power: number, pi: number, hr: number, alpha: number, sides: Sides): number {
  return (zAlpha(alpha, sides) + normal.quantile(power)) ** 2 / (pi * (1 - pi) * Math.log(hr) ** 2);
}

/** P(event) in the intervention arm under proportional hazards, from the control arm's p₀. */
export function eventProbabilityUnderHr(p0: number, hr: number): number {
  return -Math.expm1(hr * Math.log1p(-p0));
}
