/**
 * Minimisers for a few smooth parameters with an analytic gradient: BFGS with a backtracking
 * line search, finished by Newton steps on a Hessian from central differences of the gradient;
 * Nelder–Mead as the derivative-free fallback. Each reports whether it converged — the caller
 * decides what to do about it.
 */
export type Objective = (x: Float64Array) => number;
export type Gradient = (x: Float64Array) => Float64Array | null;
type Vec = Float64Array<ArrayBufferLike>;

export interface Minimum {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  /** max |∂f/∂x| at x. */
  readonly gradientMax: number;
  readonly converged: boolean;
}

const maxAbs = (g: ArrayLike<number>) => Array.from(g).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** Central-difference Hessian of f from its gradient, symmetrised; null if any gradient fails. */
export function hessianFromGradient(grad: Gradient, x: Float64Array, h = 1e-4): Float64Array | null {
  const k = x.length;
  const H = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    const step = h * Math.max(1, Math.abs(x[j]));
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[j] += step;
    xm[j] -= step;
    const gp = grad(xp);
    const gm = grad(xm);
    if (!gp || !gm) return null;
    for (let i = 0; i < k; i++) H[i + j * k] = (gp[i] - gm[i]) / (2 * step);
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) {
    const v = 0.5 * (H[i + j * k] + H[j + i * k]);
    H[i + j * k] = v;
    H[j + i * k] = v;
  }
  return H;
}

/** Solves H s = g by Cholesky; null when H is not positive definite. */
export function solvePositive(H: Float64Array, g: ArrayLike<number>): Float64Array | null {
  const k = g.length;
  const L = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = H[j + j * k];
    for (let m = 0; m < j; m++) d -= L[j + m * k] ** 2;
    if (!(d > 0)) return null;
    L[j + j * k] = Math.sqrt(d);
    for (let i = j + 1; i < k; i++) {
      let s = H[i + j * k];
      for (let m = 0; m < j; m++) s -= L[i + m * k] * L[j + m * k];
      L[i + j * k] = s / L[j + j * k];
    }
  }
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = g[i];
    for (let m = 0; m < i; m++) s -= L[i + m * k] * z[m];
    z[i] = s / L[i + i * k];
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i];
    for (let m = i + 1; m < k; m++) s -= L[m + i * k] * x[m];
    x[i] = s / L[i + i * k];
  }
  return x;
}

/** Newton steps on the finite-difference Hessian until the gradient vanishes. */
export function newtonPolish(f: Objective, grad: Gradient, x0: Float64Array, gtol: number, steps = 20): Minimum {
  let x: Vec = Float64Array.from(x0);
  let fx = f(x);
  let g: Vec | null = grad(x);
  let it = 0;
  for (; g && it < steps && maxAbs(g) > gtol * 1e-3; it++) {
    const H = hessianFromGradient(grad, x);
    const s = H ? solvePositive(H, g) : null;
    if (!s) break;
    let t = 1;
    let accepted = false;
    for (let ls = 0; ls < 30; ls++, t /= 2) {
      const xn = x.map((v, i) => v - t * s[i]);
      const fn = f(xn);
      const gn = Number.isFinite(fn) ? grad(xn) : null;
      // Near the optimum f is flat to rounding, so also accept steps that shrink the gradient.
      if (gn && (fn < fx || (fn <= fx + 1e-10 * Math.abs(fx) && maxAbs(gn) < maxAbs(g)))) {
        x = xn;
        fx = fn;
        g = gn;
        accepted = true;
        break;
      }
    }
    if (!accepted) break;
  }
  const gm = g ? maxAbs(g) : Infinity;
  return { x, value: fx, iterations: it, gradientMax: gm, converged: gm < gtol };
}

export function bfgs(f: Objective, grad: Gradient, x0: Float64Array, gtol: number, maxit = 500): Minimum {
  const k = x0.length;
  let x: Vec = Float64Array.from(x0);
  let fx = f(x);
  let g: Vec | null = grad(x);
  if (!Number.isFinite(fx) || !g) return { x, value: fx, iterations: 0, gradientMax: Infinity, converged: false };
  let Hinv = new Float64Array(k * k);
  for (let i = 0; i < k; i++) Hinv[i + i * k] = 1 / Math.max(1, maxAbs(g));
  let it = 0;
  for (; it < maxit && maxAbs(g) > gtol; it++) {
    const d = new Float64Array(k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) d[i] -= Hinv[i + j * k] * g[j];
    let slope = d.reduce((s, v, i) => s + v * g![i], 0);
    if (!(slope < 0)) {
      // Not a descent direction: restart from steepest descent.
      Hinv = new Float64Array(k * k);
      for (let i = 0; i < k; i++) Hinv[i + i * k] = 1 / Math.max(1, maxAbs(g));
      for (let i = 0; i < k; i++) d[i] = -Hinv[i + i * k] * g[i];
      slope = d.reduce((s, v, i) => s + v * g![i], 0);
    }
    let t = 1;
    let xn: Float64Array | null = null;
    let fn = fx;
    for (let ls = 0; ls < 60; ls++, t /= 2) {
      const cand = x.map((v, i) => v + t * d[i]);
      const fc = f(cand);
      if (Number.isFinite(fc) && fc <= fx + 1e-4 * t * slope) {
        xn = cand;
        fn = fc;
        break;
      }
    }
    if (!xn) break;
    const gn = grad(xn);
    if (!gn) break;
    const s = xn.map((v, i) => v - x[i]);
    const y = gn.map((v, i) => v - g![i]);
    const sy = s.reduce((a, v, i) => a + v * y[i], 0);
    if (sy > 1e-12 * Math.sqrt(s.reduce((a, v) => a + v * v, 0) * y.reduce((a, v) => a + v * v, 0))) {
      const Hy = new Float64Array(k);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) Hy[i] += Hinv[i + j * k] * y[j];
      const yHy = y.reduce((a, v, i) => a + v * Hy[i], 0);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) Hinv[i + j * k] += ((sy + yHy) * s[i] * s[j]) / (sy * sy) - (Hy[i] * s[j] + s[i] * Hy[j]) / sy;
    }
    const small = Math.abs(fx - fn) <= 1e-15 * Math.max(1, Math.abs(fn));
    x = xn;
    fx = fn;
    g = gn;
    if (small) break;
  }
  const gm = maxAbs(g);
  return { x, value: fx, iterations: it, gradientMax: gm, converged: gm < gtol };
}

/** Nelder–Mead simplex (standard coefficients), for when gradients fail. */
export function nelderMead(f: Objective, x0: Float64Array, maxit = 5000, ftol = 1e-14): { x: Float64Array; value: number; iterations: number } {
  const k = x0.length;
  const val = (x: Float64Array) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex = [Float64Array.from(x0)];
  for (let i = 0; i < k; i++) {
    const x = Float64Array.from(x0);
    x[i] += 0.1 * Math.max(1, Math.abs(x[i]));
    simplex.push(x);
  }
  let values = simplex.map(val);
  let it = 0;
  for (; it < maxit; it++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    if (Math.abs(values[k] - values[0]) <= ftol * (Math.abs(values[0]) + 1e-10)) break;
    const c = new Float64Array(k);
    for (let j = 0; j < k; j++) for (let i = 0; i < k; i++) c[i] += simplex[j][i] / k;
    const along = (t: number) => c.map((v, i) => v + t * (simplex[k][i] - v));
    const xr = along(-1);
    const fr = val(xr);
    if (fr < values[0]) {
      const xe = along(-2);
      const fe = val(xe);
      [simplex[k], values[k]] = fe < fr ? [xe, fe] : [xr, fr];
    } else if (fr < values[k - 1]) {
      [simplex[k], values[k]] = [xr, fr];
    } else {
      const xc = fr < values[k] ? along(-0.5) : along(0.5);
      const fc = val(xc);
      if (fc < Math.min(fr, values[k])) [simplex[k], values[k]] = [xc, fc];
      else {
        for (let j = 1; j <= k; j++) {
          simplex[j] = simplex[j].map((v, i) => simplex[0][i] + 0.5 * (v - simplex[0][i]));
          values[j] = val(simplex[j]);
        }
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return { x: simplex[best], value: values[best], iterations: it };
}
