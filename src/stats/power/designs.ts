/**
 * The registry of designs: for each, the effect θ it is parameterised by, its power as a
 * function of the analysable control-arm size n₀ (intervention n₁ = r·n₀) and θ, the interval in
 * which a minimum detectable θ is searched, and a closed-form n₀ where one exists.
 */
import { StatsError } from '../errors.ts';
import { arcsinePower, cohensH, pooledZPower } from './r-mirrors.ts';
import { ancovaPower, eventProbabilityUnderHr, meansPower, nbControlN, nbPower, oneSamplePower, riskRatioPower, schoenfeldEvents, schoenfeldPower } from './closed-forms.ts';
import type { PwrAlternative } from './t-power.ts';
import type { EffectDirection, EffectRecord, PowerDesign, PowerInput, Sides } from './types.ts';

export interface DesignModel {
  readonly arms: readonly string[];
  readonly metric: EffectRecord['metric'];
  /** θ from the input, or null when it is solved for. */
  readonly theta: number | null;
  readonly method: string;
  readonly formula: string;
  readonly references: readonly string[];
  power(n0: number, theta: number): number;
  /** Smallest n₀ searched (every arm ≥ 2 and positive df). */
  readonly nLower: number;
  readonly thetaInterval: readonly [number, number];
  /** θ of "no effect" (0, the control rate, or 1): the MDE search starts at the interval's end nearest it. */
  readonly thetaNull: number;
  closedFormN?(power: number, theta: number): number;
  describe(theta: number): EffectRecord;
  events?(n0: number, theta: number): { expected: number; probability: number };
  readonly options: Readonly<Record<string, string | number | boolean | null>>;
}

export interface ResolvedCommon {
  readonly alpha: number;
  readonly sides: Sides;
  readonly ratio: number;
  readonly direction: EffectDirection | null;
}

const EPS = 1e-9;
const REF = {
  pwr: 'Champely S. pwr: Basic functions for power analysis (R package 1.3); Cohen J. Statistical Power Analysis for the Behavioral Sciences, 2nd ed. 1988',
  powerProp: 'R Core Team. stats::power.prop.test (R 4.2); Fleiss JL, Levin B, Paik MC. Statistical Methods for Rates and Proportions, 3rd ed. 2003, §4.2',
  borm: 'Borm GF, Fransen J, Lemmens WAJG. A simple sample size formula for analysis of covariance in randomized clinical trials. J Clin Epidemiol 2007;60:1234–8',
  zhu: 'Zhu H, Lakkis H. Sample size calculation for comparing two negative binomial rates. Stat Med 2014;33:376–87',
  schoenfeld: 'Schoenfeld DA. Sample-size formula for the proportional-hazards regression model. Biometrics 1983;39:499–503',
  rr: 'Wald test of the log risk ratio (Katz D et al. Biometrics 1978;34:469–74 for its variance)',
};

function fail(field: string, message: string): never {
  throw new StatsError('INVALID_ARGUMENT', message, { field });
}

function need(v: number | undefined | null, field: string, check: (x: number) => boolean, what: string): number {
  if (v === undefined || v === null) fail(field, `${field} is required for this design (${what})`);
  if (typeof v !== 'number' || !Number.isFinite(v) || !check(v)) fail(field, `${field} must be ${what}, got ${v}`);
  return v;
}

const open01 = (x: number) => x > 0 && x < 1;
const positive = (x: number) => x > 0;
const pwrAlt = (s: Sides): PwrAlternative => (s === 'two.sided' ? 'two.sided' : 'greater');

function baseRecord(metric: EffectRecord['metric'], value: number): EffectRecord {
  return { metric, value, d: null, delta: null, sd: null, h: null, controlRate: null, interventionRate: null };
}

/** Means: θ = d, from effectSize or delta/sd. */
function meansModel(i: PowerInput, c: ResolvedCommon, kind: 'two-sample' | 'ancova' | 'single-arm'): DesignModel {
  let sd = i.sd ?? null;
  let sdNote: string | null = null;
  const rho = kind === 'ancova' ? need(i.rho, 'rho', (x) => x > -1 && x < 1, 'a correlation strictly between −1 and 1') : (i.rho ?? null);
  if (kind === 'single-arm' && rho !== null && sd !== null) {
    if (!(rho > -1 && rho < 1)) fail('rho', `rho must be strictly between −1 and 1, got ${rho}`);
    sdNote = `SD of the change = sd·√(2(1 − ρ)) = ${sd}·√(2(1 − ${rho}))`;
    sd = sd * Math.sqrt(2 * (1 - rho));
  }
  if (sd !== null && !(sd > 0 && Number.isFinite(sd))) fail('sd', `sd must be a positive number, got ${sd}`);
  let theta: number | null = null;
  if (i.effectSize != null) theta = i.effectSize;
  else if (i.delta != null) theta = i.delta / need(sd ?? undefined, 'sd', positive, 'a positive SD to turn delta into d');
  if (theta !== null && (!Number.isFinite(theta) || theta === 0)) fail(i.effectSize != null ? 'effectSize' : 'delta', `the effect must be a non-zero number, got ${theta}`);
  const alt = pwrAlt(c.sides);
  const single = kind === 'single-arm';
  const power =
    kind === 'ancova'
      ? (n0: number, d: number) => ancovaPower(n0, c.ratio * n0, Math.abs(d), rho as number, c.alpha, alt)
      : single
        ? (n0: number, d: number) => oneSamplePower(n0, Math.abs(d), c.alpha, alt)
        : (n0: number, d: number) => meansPower(n0, c.ratio * n0, Math.abs(d), c.alpha, alt);
  const tails = c.sides === 'two.sided' ? 'two-sided, rejections in either tail counted as pwr does' : 'one-sided';
  const method =
    kind === 'ancova'
      ? `ANCOVA on the baseline (ρ = ${+(rho as number).toPrecision(3)}): noncentral t with variance factor 1 − ρ² and ν = n₀ + n₁ − 3 (${tails})`
      : single
        ? `One-sample / paired t of the change against the benchmark (pwr.t.test type "one.sample"; ${tails})`
        : `Two-sample t, noncentral t (pwr.t2n.test; pwr.t.test when the arms are equal; ${tails})`;
  const formula =
    kind === 'ancova'
      ? 'λ = d/√((1 − ρ²)(1/n₀ + 1/n₁)), ν = n₀ + n₁ − 3, power = P(T′ > t₁₋α/₂) + P(T′ < −t₁₋α/₂)'
      : single
        ? 'λ = √n·d, ν = n − 1, d = (mean change − benchmark)/SD(change)'
        : 'λ = d/√(1/n₀ + 1/n₁), ν = n₀ + n₁ − 2, power = P(T′ > t₁₋α/₂) + P(T′ < −t₁₋α/₂)';
  const nLower = single ? 2 + 1e-10 : (2 + 1e-10) / Math.min(1, c.ratio);
  return {
    arms: single ? ['cohort'] : ['control', 'intervention'],
    metric: 'd',
    theta,
    method: sdNote ? `${method}; ${sdNote}` : method,
    formula,
    references: kind === 'ancova' ? [REF.pwr, REF.borm] : [REF.pwr],
    power,
    nLower,
    thetaInterval: [1e-7, 10],
    thetaNull: 0,
    describe: (d) => ({ ...baseRecord('d', d), d, sd, delta: sd === null ? (i.delta ?? null) : d * sd }),
    options: { rho, sdUsed: sd },
  };
}

function proportionsModel(i: PowerInput, c: ResolvedCommon): DesignModel {
  const p0 = need(i.controlRate, 'controlRate', open01, 'a proportion strictly between 0 and 1');
  const method = i.method ?? 'arcsine';
  let p1: number | null = null;
  if (i.interventionRate != null) p1 = i.interventionRate;
  else if (i.delta != null) p1 = p0 + i.delta;
  else if (i.effectSize != null) {
    const a = Math.asin(Math.sqrt(p0)) + i.effectSize / 2;
    if (!(a > 0 && a < Math.PI / 2)) fail('effectSize', `Cohen's h = ${i.effectSize} takes the control rate ${p0} outside (0, 1)`);
    p1 = Math.sin(a) ** 2;
  }
  if (p1 !== null && !open01(p1)) fail('delta', `the intervention rate must lie strictly between 0 and 1, got ${p1}`);
  if (p1 !== null && p1 === p0) fail('delta', 'the intervention rate equals the control rate: there is no effect to detect');
  const alt = pwrAlt(c.sides);
  const power =
    method === 'arcsine'
      ? (n0: number, q: number) => arcsinePower(Math.abs(cohensH(q, p0)), (n0 * c.ratio * n0) / (n0 + c.ratio * n0), c.alpha, alt)
      : (n0: number, q: number) => pooledZPower(q, p0, c.ratio * n0, n0, c.alpha, c.sides, false);
  const up = (c.direction ?? 'increase') === 'increase';
  return {
    arms: ['control', 'intervention'],
    metric: 'intervention-rate',
    theta: p1,
    method:
      method === 'arcsine'
        ? `Difference in proportions, arcsine transformation with Cohen's h (pwr.2p2n.test; pwr.2p.test when the arms are equal${c.sides === 'two.sided' ? '; both tails counted' : ''})`
        : 'Difference in proportions, z test with the pooled variance under H₀ (power.prop.test, extended to unequal arms; the wrong tail not counted)',
    formula:
      method === 'arcsine'
        ? 'h = 2·asin√p₁ − 2·asin√p₀, power = Φ(h·√(n₀n₁/(n₀ + n₁)) − z₁₋α/₂) + Φ(−h·√(n₀n₁/(n₀ + n₁)) − z₁₋α/₂)'
        : 'power = Φ((|p₁ − p₀| − z₁₋α/₂·√(p̄q̄(1/n₀ + 1/n₁)))/√(p₀q₀/n₀ + p₁q₁/n₁)), p̄ = (n₀p₀ + n₁p₁)/(n₀ + n₁)',
    references: method === 'arcsine' ? [REF.pwr] : [REF.powerProp],
    power,
    nLower: (2 + 1e-10) / Math.min(1, c.ratio),
    thetaInterval: up ? [p0 + EPS, 1 - EPS] : [EPS, p0 - EPS],
    thetaNull: p0,
    describe: (q) => ({ ...baseRecord('intervention-rate', q), controlRate: p0, interventionRate: q, delta: q - p0, h: cohensH(q, p0) }),
    options: { method, direction: up ? 'increase' : 'decrease' },
  };
}

function ratioModel(i: PowerInput, c: ResolvedCommon, design: 'risk-ratio' | 'negative-binomial' | 'log-rank'): DesignModel {
  const metric = design === 'risk-ratio' ? 'risk-ratio' : design === 'negative-binomial' ? 'rate-ratio' : 'hazard-ratio';
  const p0 = design === 'negative-binomial' ? need(i.controlRate, 'controlRate', positive, 'a positive event rate per unit of exposure') : need(i.controlRate, 'controlRate', open01, design === 'log-rank' ? 'the control arm’s probability of an event during follow-up, strictly between 0 and 1' : 'a proportion strictly between 0 and 1');
  if (i.delta != null) fail('delta', `${design} takes its effect as a ratio (effectSize), not a difference`);
  const theta = i.effectSize ?? null;
  if (theta !== null && !(theta > 0 && Number.isFinite(theta) && theta !== 1)) fail('effectSize', `the ${metric.replace('-', ' ')} must be a positive number other than 1, got ${theta}`);
  if (design === 'risk-ratio' && theta !== null && !(p0 * theta < 1)) fail('effectSize', `risk ratio ${theta} × control rate ${p0} is not a proportion below 1`);
  const up = (c.direction ?? (design === 'risk-ratio' ? 'increase' : 'decrease')) === 'increase';
  const interval: readonly [number, number] = up ? [1 + EPS, design === 'risk-ratio' ? (1 - EPS) / p0 : 1e3] : [1e-6, 1 - EPS];
  const pi = c.ratio / (1 + c.ratio);
  const describe = (t: number): EffectRecord => ({ ...baseRecord(metric, t), controlRate: p0, interventionRate: design === 'log-rank' ? eventProbabilityUnderHr(p0, t) : p0 * t });
  const options = { direction: up ? 'increase' : 'decrease' } as Record<string, string | number | boolean | null>;
  if (design === 'risk-ratio') {
    return {
      arms: ['control', 'intervention'], metric, theta, describe, options, thetaInterval: interval, thetaNull: 1,
      method: 'Risk ratio: Wald z test of log RR (the wrong tail not counted)',
      formula: 'SE² = (1 − p₁)/(n₁p₁) + (1 − p₀)/(n₀p₀), power = Φ(|log RR|/SE − z₁₋α/₂)',
      references: [REF.rr],
      power: (n0, t) => riskRatioPower(n0, c.ratio * n0, p0, t, c.alpha, c.sides),
      nLower: 1e-6,
    };
  }
  if (design === 'negative-binomial') {
    const k = need(i.dispersion, 'dispersion', (x) => x >= 0, 'the negative binomial dispersion k ≥ 0 (Var = μ + kμ²; 0 is Poisson)');
    const t = i.exposure ?? 1;
    if (!(t > 0 && Number.isFinite(t))) fail('exposure', `exposure must be a positive time, got ${t}`);
    const approach = i.nbApproach ?? 3;
    if (![1, 2, 3].includes(approach)) fail('nbApproach', `nbApproach must be 1, 2 or 3, got ${approach}`);
    return {
      arms: ['control', 'intervention'], metric, theta, describe, thetaInterval: interval, thetaNull: 1,
      options: { ...options, dispersion: k, exposure: t, nbApproach: approach },
      method: `Negative binomial rate ratio, Wald test of the log rate ratio (Zhu & Lakkis 2014, approach ${approach}; closed form)`,
      formula: 'n₀ = (z₁₋α/₂√V₀ + z₁₋β√V₁)²/log²(μ₁/μ₀), V₁ = (1/t)(1/μ₀ + 1/(rμ₁)) + k(1 + r)/r',
      references: [REF.zhu],
      power: (n0, rr) => nbPower(n0, c.ratio, p0, rr, k, t, approach, c.alpha, c.sides),
      closedFormN: (pw, rr) => nbControlN(pw, c.ratio, p0, rr, k, t, approach, c.alpha, c.sides),
      nLower: 1e-6,
    };
  }
  const probability = (hr: number) => (p0 + c.ratio * eventProbabilityUnderHr(p0, hr)) / (1 + c.ratio);
  return {
    arms: ['control', 'intervention'], metric, theta, describe, options, thetaInterval: interval, thetaNull: 1,
    method: 'Log-rank test / Cox model, Schoenfeld’s events formula; participants = events / P(event) (closed form)',
    formula: 'D = (z₁₋α/₂ + z₁₋β)²/(π(1 − π)·log²HR), π = r/(1 + r); N = D/ψ, ψ = (p₀ + r·p₁)/(1 + r), p₁ = 1 − (1 − p₀)^HR',
    references: [REF.schoenfeld],
    power: (n0, hr) => schoenfeldPower(n0 * probability(hr) * (1 + c.ratio), pi, hr, c.alpha, c.sides),
    closedFormN: (pw, hr) => schoenfeldEvents(pw, pi, hr, c.alpha, c.sides) / (probability(hr) * (1 + c.ratio)),
    events: (n0, hr) => ({ expected: n0 * (1 + c.ratio) * probability(hr), probability: probability(hr) }),
    nLower: 1e-6,
  };
}

export function designModel(i: PowerInput, c: ResolvedCommon): DesignModel {
  const d: PowerDesign = i.design;
  switch (d) {
    case 'two-sample':
    case 'ancova':
    case 'single-arm':
      return meansModel(i, c, d);
    case 'proportions':
      return proportionsModel(i, c);
    case 'risk-ratio':
    case 'negative-binomial':
    case 'log-rank':
      return ratioModel(i, c, d);
  }
}
