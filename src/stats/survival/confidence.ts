/**
 * Pointwise confidence limits for a probability p with standard error se, as survival's
 * `survfit_confint` computes them (z = Φ⁻¹(1 − α/2)):
 *   plain:    p ± z·se_p, clipped to [0, 1]
 *   log:      exp(log p ± z·se_p / p), upper clipped at 1; undefined at p = 0
 *   log-log:  exp(−exp(log(−log p) ∓ z·(se_p / p) / log p)); undefined at p = 0 and p = 1
 * `se` is on the log scale (SE of the cumulative hazard, as the Kaplan–Meier Greenwood SE is)
 * when `logScale`, else the SE of p itself (se_p = se·p converts one to the other).
 * Undefined limits are null.
 */
import { normal } from '../dist/continuous.ts';

export type ConfType = 'log' | 'log-log' | 'plain';

export interface Limits {
  readonly lower: number | null;
  readonly upper: number | null;
}

export function zFor(confLevel: number): number {
  return normal.quantile(1 - (1 - confLevel) / 2);
}

function orNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export function confLimits(p: number, se: number, logScale: boolean, type: ConfType, z: number): Limits {
  // se on the log scale (SE of log p).
  const sl = logScale ? se : se === 0 ? 0 : se / p;
  switch (type) {
    case 'plain': {
      const h = sl * p * z;
      return { lower: orNull(Math.max(p - h, 0)), upper: orNull(Math.min(p + h, 1)) };
    }
    case 'log': {
      if (p === 0) return { lower: null, upper: null };
      const h = z * sl;
      return { lower: orNull(Math.exp(Math.log(p) - h)), upper: orNull(Math.min(Math.exp(Math.log(p) + h), 1)) };
    }
    case 'log-log': {
      if (p === 0 || p === 1) return { lower: null, upper: null };
      const lp = Math.log(p);
      const h = (z * sl) / lp;
      const c = Math.log(-lp);
      return { lower: orNull(Math.exp(-Math.exp(c - h))), upper: orNull(Math.exp(-Math.exp(c + h))) };
    }
  }
}
