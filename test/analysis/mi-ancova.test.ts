import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { buildFrame } from '../../src/analysis/frame/build-frame.ts';
import type { AnalysisFrame } from '../../src/analysis/frame/frame.ts';
import type { EstimatorContext } from '../../src/analysis/estimators/common.ts';
import { imputeOutcome, miAncova, miResponderRiskDifference, pooledAncova, shiftedDifference } from '../../src/analysis/estimators/mi-ancova.ts';
import { expectStatsError } from '../helpers/errors.ts';
import { miFixtureSettings, twinQprImputationsCsv } from '../reference/mi-imputations.ts';
import { readFixture, repoRoot } from '../helpers/fixtures.ts';
import { expectLRE } from '../helpers/lre.ts';

interface REmm { arm: string; estimate: number; se: number; df: number; lower: number; upper: number; fmi: number }
interface RCase { visit: string; delta: number; dfCom: number; estimate: number; se: number; df: number; statistic: number; p: number; lower: number; upper: number; fmi: number; riv: number; emm: REmm[] }
const fx = readFixture<{ m: number; cases: RCase[]; responder: { estimate: number; se: number; df: number; lower: number; upper: number; fmi: number } }>('mi-pool.json');

let frame: AnalysisFrame;
let ctxAt: (visit: string, include?: (i: number) => boolean) => EstimatorContext;
const everyone = () => true;
beforeAll(async () => {
  const trial = await loadTrial(join(repoRoot, 'data-samples/peer-trial.csv'), join(repoRoot, 'data-samples/peer-trial.spec.json'));
  frame = buildFrame(trial);
  const outcome = frame.outcomes.find((o) => o.id === 'qpr15')!;
  ctxAt = (visit, include = everyone) => ({ frame, outcome, visit: frame.visits.indexOf(visit), include, confLevel: 0.95, comparison: frame.comparisons[0] });
});

describe('MI ANCOVA on the twin (QPR-15) pools as mice does on the same imputed datasets', () => {
  it('effekt reproduces the committed imputations byte for byte (seed 20240501, m = 10, pmm)', async () => {
    const committed = readFileSync(join(repoRoot, 'test/reference/mi-twin-imputations.csv'), 'utf8');
    // If this fails after an intended change to the imputation: npx tsx test/reference/mi-imputations.ts && Rscript test/reference/mi-pool.R
    expect(await twinQprImputationsCsv(repoRoot)).toBe(committed);
  });

  // mice::pool (difference: lm coefficient of arm, df.residual as complete-data df) and
  // mice::pool.scalar (emmeans EMMs, n − k), R 4.2.2, mice 3.15.0, emmeans 1.8.4.1: LRE ≥ 10, p ≥ 8.
  it.each(fx.cases.map((c) => [`${c.visit}, δ = ${c.delta} on imputed PEER values`, c] as const))('%s', (_l, c) => {
    const out = miAncova(ctxAt(c.visit), { ...miFixtureSettings, delta: c.delta !== 0 ? { arm: 'intervention', value: c.delta } : undefined });
    expect(out.status).toBe('estimated');
    expect(out.analysed).toEqual({ SAU: 151, PEER: 145 });
    const d = out.difference!;
    expectLRE(d.estimate, c.estimate, 10, 'difference');
    expectLRE(d.se, c.se, 10, 'SE');
    expectLRE(d.df!, c.df, 10, 'df');
    expectLRE(d.statistic, c.statistic, 10, 't');
    expectLRE(d.lower, c.lower, 10, 'lower');
    expectLRE(d.upper, c.upper, 10, 'upper');
    expectLRE(d.p, c.p, 8, 'p');
    expectLRE(out.options.fmi as number, c.fmi, 10, 'FMI');
    expectLRE(out.options.riv as number, c.riv, 10, 'RIV');
    expect(out.options.dfCom).toBe(c.dfCom);
    for (const e of c.emm) {
      const got = out.emm[e.arm];
      expectLRE(got.estimate, e.estimate, 10, `EMM ${e.arm}`);
      expectLRE(got.se, e.se, 10, `EMM SE ${e.arm}`);
      expectLRE(got.df!, e.df, 10, `EMM df ${e.arm}`);
      expectLRE(got.lower, e.lower, 10, `EMM lower ${e.arm}`);
      expectLRE(got.upper, e.upper, 10, `EMM upper ${e.arm}`);
    }
    expect(out.dfMethod).toBe('Barnard-Rubin');
    expect(out.options).toMatchObject({ m: 10, method: 'pmm', donors: 5, maxit: 10, seed: 20240501, byArm: false, deltaValue: c.delta === 0 ? null : c.delta });
  });
});

describe('responder risk difference under MI', () => {
  it('equals mice::pool.scalar (n = Inf) over the same imputations (QPR-15 ≥ 5-point improvement at end): LRE ≥ 10', () => {
    const r = miResponderRiskDifference(ctxAt('end'), miFixtureSettings);
    const e = fx.responder;
    expect(r.m).toBe(10);
    expectLRE(r.estimate, e.estimate, 10, 'RD');
    expectLRE(r.se, e.se, 10, 'SE');
    expectLRE(r.df, e.df, 10, 'df');
    expectLRE(r.lower, e.lower, 10, 'lower');
    expectLRE(r.upper, e.upper, 10, 'upper');
    expectLRE(r.fmi, e.fmi, 10, 'FMI');
  });

  it('refuses an outcome without a responder rule', () => {
    const esr = { ...ctxAt('end'), outcome: frame.outcomes.find((o) => o.id === 'esr')! };
    expectStatsError(() => miResponderRiskDifference(esr, miFixtureSettings), 'NOT_ESTIMABLE');
  });
});

describe('MI ANCOVA behaviour', () => {
  it('imputes once per outcome and population: other visits and fewer imputations reuse the cache', () => {
    const include = (i: number) => i >= 0; // a population of its own, so the cache starts empty
    const ticks: number[] = [];
    const settings = { m: 6, method: 'norm' as const, donors: 5, maxit: 4, byArm: false, seed: 99, onProgress: (d: number) => ticks.push(d) };
    const end = miAncova(ctxAt('end', include), settings);
    expect(ticks).toEqual([1, 2, 3, 4, 5, 6]);
    miAncova(ctxAt('fu6', include), settings);
    const fewer = miAncova(ctxAt('end', include), { ...settings, m: 3 });
    expect(ticks).toEqual([1, 2, 3, 4, 5, 6, 6, 3]); // cache hits report completion at once
    expect(fewer.options.m).toBe(3);
    const again = miAncova(ctxAt('end', () => true), settings); // same settings, new population: imputes afresh, same draws
    expect(JSON.stringify(again)).toBe(JSON.stringify(end));
  });

  it('refits over the shared design equal full refits (LRE ≥ 12)', () => {
    const ctx = ctxAt('fu6');
    const imp = imputeOutcome(ctx, miFixtureSettings);
    const fast = pooledAncova(ctx, imp, (r) => (r % 3 === 0 ? -2 : 0));
    const full = pooledAncova(ctx, imp, (r) => (r % 3 === 0 ? -2 : 0), { reuseDesign: false });
    for (const k of ['difference', 'control', 'intervention'] as const) {
      for (const f of ['estimate', 'se', 'df', 'fmi', 'riv', 'lower', 'upper'] as const) expectLRE(fast[k][f], full[k][f], 12, `${k} ${f}`);
    }
  });

  /** QPR-15 at end with every 10th participant's baseline value missing (so it is imputed too). */
  const holedBaselineCtx = () => {
    const outcome = frame.outcomes.find((o) => o.id === 'qpr15')!;
    const base = Float64Array.from(outcome.values[0]);
    for (let i = 0; i < frame.n; i += 10) base[i] = Number.NaN;
    const holed = { ...frame, outcomes: frame.outcomes.map((o) => (o === outcome ? { ...o, values: [base, o.values[1], o.values[2]] } : o)) };
    return { frame: holed, outcome: holed.outcomes.find((o) => o.id === 'qpr15')!, visit: 1, include: everyone, confLevel: 0.95, comparison: holed.comparisons[0] };
  };

  it('gives the δ-shifted pooled difference for any δ from one solve per dataset, as full refits do (LRE ≥ 12)', () => {
    const ctx = ctxAt('fu6');
    const imp = imputeOutcome(ctx, miFixtureSettings);
    const shift = (r: number) => (r % 3 === 0 ? -1 : r % 3 === 1 ? 0.5 : 0);
    const at = shiftedDifference(ctx, imp, shift)!;
    for (const delta of [0, 1.5, -4, 12.25]) {
      const full = pooledAncova(ctx, imp, (r) => delta * shift(r), { reuseDesign: false }).difference;
      const fast = at(delta);
      for (const f of ['estimate', 'se', 'df', 'statistic', 'p', 'lower', 'upper'] as const) expectLRE(fast[f], full[f], 12, `δ = ${delta}: ${f}`);
    }
  });

  it('leaves the δ-shifted differences to full refits when a baseline value was imputed (the designs differ)', () => {
    const ctx = holedBaselineCtx();
    expect(shiftedDifference(ctx, imputeOutcome(ctx, { ...miFixtureSettings, m: 3 }), () => 1)).toBeNull();
  });

  it('imputes missing baseline values too (full refit per dataset)', () => {
    const ctx = holedBaselineCtx();
    const out = miAncova(ctx, { ...miFixtureSettings, m: 5 });
    expect(out.status).toBe('estimated');
    expect(imputeOutcome(ctx, { ...miFixtureSettings, m: 5 }).result.missing[0].length).toBe(30);
    expect(Math.abs(out.difference!.estimate - fx.cases[0].estimate)).toBeLessThan(fx.cases[0].se);
  });

  it('imputes a binary severity covariate with missing values by logistic regression', () => {
    const sev = frame.covariates.find((c) => c.column === 'severity_group')!;
    // Two levels (significantly reduced vs not), every 7th participant's value missing.
    const values = Int32Array.from(sev.values, (v, i) => (i % 7 === 0 ? -1 : v === 0 ? 0 : 1));
    const binary = { ...sev, column: 'severity_binary', levels: ['significantly_reduced', 'other'], values };
    const f2 = { ...frame, covariates: [...frame.covariates.filter((c) => c !== sev), binary] };
    const ctx = { frame: f2, outcome: f2.outcomes.find((o) => o.id === 'qpr15')!, visit: 1, include: everyone, confLevel: 0.95, comparison: frame.comparisons[0] };
    const settings = { ...miFixtureSettings, m: 5, auxiliary: ['severity_binary'] };
    const imp = imputeOutcome(ctx, settings);
    const j = imp.data.names.indexOf('severity_binary');
    expect(imp.result.options.methods.severity_binary).toBe('logreg');
    expect(imp.result.missing[j].length).toBe(43);
    for (const k of imp.result.imputations) expect(Array.from(k[j]).every((v) => v === 0 || v === 1)).toBe(true);
    expect(miAncova(ctx, settings).status).toBe('estimated');
  });

  it('imputes by arm when asked, and refuses the baseline visit', () => {
    const byArm = miAncova(ctxAt('end'), { m: 5, method: 'pmm', donors: 5, maxit: 5, byArm: true, seed: 3 });
    expect(byArm.status).toBe('estimated');
    expect(byArm.options.byArm).toBe(true);
    expect(String(byArm.options.imputationPredictors)).not.toContain('arm');
    expect(Math.abs(byArm.difference!.estimate - fx.cases[0].estimate)).toBeLessThan(2 * fx.cases[0].se);
    expect(miAncova(ctxAt('baseline'), { m: 5, method: 'pmm', donors: 5, maxit: 5, byArm: false, seed: 3 }).status).toBe('not-estimable');
    expect(miAncova(ctxAt('end'), { m: 1, method: 'pmm', donors: 5, maxit: 5, byArm: false, seed: 3 }).reason).toMatch(/at least 2 imputations/);
  });
});
