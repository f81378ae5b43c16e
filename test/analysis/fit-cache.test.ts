import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { buildFrame } from '../../src/analysis/frame/build-frame.ts';
import { miAncova } from '../../src/analysis/estimators/mi-ancova.ts';
import { mmrm } from '../../src/analysis/estimators/mmrm.ts';
import type { EstimatorContext } from '../../src/analysis/estimators/common.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const frame = buildFrame(await loadTrial(join(repoRoot, 'data-samples/peer-trial.csv'), join(repoRoot, 'data-samples/peer-trial.spec.json')));
const outcome = frame.outcomes.find((o) => o.id === 'qpr15')!;
const include = () => true;
const ctx: EstimatorContext = { frame, outcome, visit: frame.visits.indexOf('end'), include, confLevel: 0.95, comparison: frame.comparisons[0] };
const mi = { m: 3, method: 'pmm' as const, donors: 5, maxit: 3, byArm: false, seed: 7 };
const mm = { covariance: 'unstructured' as const, df: 'satterthwaite' as const, method: 'REML' as const, strata: true };

// The shared fits are keyed by the objects they are computed from: other data never hit another's entry.
describe('fit caches', () => {
  it('MI: same outcome id, different values → imputed anew', () => {
    const a = miAncova(ctx, mi).difference!.estimate;
    const shifted = outcome.values.map((v, k) => (k === ctx.visit ? v.map((y, i) => (frame.arm[i] === frame.comparisons[0].intervention ? y + 100 : y)) : v));
    const b = miAncova({ ...ctx, outcome: { ...outcome, values: shifted } }, mi).difference!.estimate;
    expect(b - a).toBeGreaterThan(90);
    expect(miAncova(ctx, mi).difference!.estimate).toBe(a);
  });

  it('MMRM: same values and population, another frame (no strata) → fitted anew', () => {
    const a = mmrm(ctx, mm);
    const b = mmrm({ ...ctx, frame: { ...frame, strata: [] } }, mm);
    expect(a.covariates).toContain('municipality');
    expect(b.covariates).not.toContain('municipality');
    expect(b.difference!.estimate).not.toBe(a.difference!.estimate);
  });
});
