import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { buildFrame } from '../../src/analysis/frame/build-frame.ts';
import type { AnalysisFrame } from '../../src/analysis/frame/frame.ts';
import { miAncova } from '../../src/analysis/estimators/mi-ancova.ts';
import { readFixture, repoRoot } from '../helpers/fixtures.ts';

/**
 * effekt's PMM and norm imputation against R's mice, statistically (the RNGs differ, so not draw
 * by draw). Same data (the twin's QPR-15 at baseline, end, fu6 with arm, municipality and
 * severity; ~18 % of end values missing), same imputation model (every variable predicts every
 * other), m = 5, maxit = 5, the same ANCOVA pooled by Rubin's rules, under 200 seeds in mice
 * (test/reference/mi-mice-stats.R, mice 3.15.0) and 100 in effekt. Compared: the mean over seeds of the pooled
 * difference, of its pooled SE and of the FMI (|z| < 4 with z = difference of means over its
 * Monte Carlo SE), and the spread over seeds of the pooled difference (the imputation noise;
 * SD ratio within [0.7, 1.4], ≈ 4 SE of a log SD ratio on 99 and 199 df).
 * At the time of writing: pmm z = 1.08 (estimate), 0.80 (SE), 0.79 (FMI), SD ratio 0.94;
 * norm z = −1.14, −0.53, −0.35, SD ratio 0.89.
 */
interface Method { method: 'pmm' | 'norm'; estimate: number[]; se: number[]; fmi: number[] }
const fx = readFixture<{ reps: number; m: number; maxit: number; methods: Method[] }>('mi-mice-stats.json');

const meanSd = (x: readonly number[]) => {
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  return { mean: m, sd: Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1)), n: x.length };
};

/** Seeds run by effekt (fewer than mice's 200 to keep the test short; the z statistics use each side's n). */
const effektReps = 100;

let frame: AnalysisFrame;
beforeAll(async () => {
  frame = buildFrame(await loadTrial(join(repoRoot, 'data-samples/peer-trial.csv'), join(repoRoot, 'data-samples/peer-trial.spec.json')));
});

describe('PMM and norm agree with mice over many seeds', () => {
  it.each(fx.methods.map((m) => [m.method, m] as const))('%s', (_l, ref) => {
    const outcome = frame.outcomes.find((o) => o.id === 'qpr15')!;
    const include = () => true;
    const est: number[] = [];
    const se: number[] = [];
    const fmi: number[] = [];
    for (let s = 1; s <= effektReps; s++) {
      const r = miAncova({ frame, outcome, visit: 1, include, confLevel: 0.95, comparison: frame.comparisons[0] }, { m: fx.m, maxit: fx.maxit, donors: 5, method: ref.method, byArm: false, seed: s });
      est.push(r.difference!.estimate);
      se.push(r.difference!.se);
      fmi.push(r.options.fmi as number);
    }
    for (const [label, ours, theirs] of [['pooled difference', est, ref.estimate], ['pooled SE', se, ref.se], ['FMI', fmi, ref.fmi]] as const) {
      const a = meanSd(ours);
      const b = meanSd(theirs);
      const z = (a.mean - b.mean) / Math.sqrt(a.sd ** 2 / a.n + b.sd ** 2 / b.n);
      expect(Math.abs(z), `${label}: effekt mean ${a.mean}, mice ${b.mean}`).toBeLessThan(4);
    }
    const ratio = meanSd(est).sd / meanSd(ref.estimate).sd;
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.4);
  }, 60_000);
});
