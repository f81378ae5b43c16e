import { describe, expect, it } from 'vitest';
import { bfgs, hessianFromGradient, nelderMead, newtonPolish, solvePositive } from '../../../../src/stats/models/mmrm/optimize.ts';

// Rosenbrock: minimum 0 at (1, 1), a curved valley that defeats naive steepest descent.
const f = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
const g = (x: Float64Array) => Float64Array.of(-400 * x[0] * (x[1] - x[0] ** 2) - 2 * (1 - x[0]), 200 * (x[1] - x[0] ** 2));

describe('MMRM optimisers', () => {
  it('BFGS + Newton polish reach the Rosenbrock minimum and report convergence', () => {
    const m = bfgs(f, g, Float64Array.of(-1.2, 1), 1e-8);
    const p = newtonPolish(f, g, m.x, 1e-8);
    expect(p.converged).toBe(true);
    expect(p.x[0]).toBeCloseTo(1, 10);
    expect(p.x[1]).toBeCloseTo(1, 10);
  });
  it('BFGS reports non-convergence when the iterations run out', () => {
    const m = bfgs(f, g, Float64Array.of(-1.2, 1), 1e-8, 3);
    expect(m.converged).toBe(false);
    expect(m.gradientMax).toBeGreaterThan(1e-8);
  });
  it('a failing objective (outside the domain) is not converged, not a NaN estimate', () => {
    const m = bfgs(() => Number.NaN, () => null, Float64Array.of(0, 0), 1e-8);
    expect(m.converged).toBe(false);
  });
  it('Nelder–Mead gets close without derivatives', () => {
    const m = nelderMead(f, Float64Array.of(-1.2, 1), 20000, 1e-16);
    expect(m.value).toBeLessThan(1e-8);
  });
  it('finite-difference Hessian of the gradient and the positive-definite solve', () => {
    const H = hessianFromGradient(g, Float64Array.of(1, 1))!;
    [802, -400, -400, 200].forEach((v, k) => expect(H[k]).toBeCloseTo(v, 4));
    expect(solvePositive(Float64Array.of(1, 2, 2, 1), [1, 1])).toBeNull();
  });
});
