/**
 * Estimated marginal means (Searle, Speed & Milliken 1980; Lenth's emmeans): for each
 * combination of the `specs` factors (within each `by` combination), the average of the
 * reference-grid predictions over the other factors — with equal weights (emmeans' default) or
 * proportional to how often each combination of the averaged-over factors occurs in the data.
 * Each EMM is l′b with SE √(l′Vl), df from the basis and a t-based CI. Contrasts are
 * differences of the l vectors. Non-estimable combinations are reported, never given a number.
 */
import { studentT, tPValue } from '../dist/continuous.ts';
import { StatsError } from '../errors.ts';
import { quadForm } from '../linalg/matrix.ts';
import type { LinearBasis } from './basis.ts';
import { isEstimable } from './basis.ts';
import { referenceGrid } from './grid.ts';

export interface EmmOptions {
  readonly specs: readonly string[];
  readonly by?: readonly string[];
  readonly weights?: 'equal' | 'proportional';
  readonly confLevel?: number;
  readonly at?: Readonly<Record<string, number>>;
}

export interface EmmCell {
  readonly levels: Readonly<Record<string, string>>;
  readonly estimable: boolean;
  readonly estimate: number | null;
  readonly se: number | null;
  readonly df: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly l: Float64Array;
}

export interface EmmResult {
  readonly options: Required<Omit<EmmOptions, 'at'>> & { readonly at: Readonly<Record<string, number>> };
  readonly dfMethod: string;
  readonly cells: readonly EmmCell[];
}

export interface ContrastResult {
  readonly label: string;
  readonly estimable: boolean;
  readonly estimate: number | null;
  readonly se: number | null;
  readonly df: number | null;
  readonly t: number | null;
  readonly p: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

function evaluate(basis: LinearBasis, l: Float64Array, confLevel: number) {
  if (!isEstimable(basis, l)) return { estimable: false, estimate: null, se: null, df: null, lower: null, upper: null };
  let est = 0;
  const lz = new Float64Array(l.length);
  for (let j = 0; j < l.length; j++) {
    if (Number.isNaN(basis.coef[j])) continue; // aliased: its coefficient is 0 by convention
    est += l[j] * basis.coef[j];
    lz[j] = l[j];
  }
  const vcov = { ...basis.vcov, data: basis.vcov.data.map((v) => (Number.isNaN(v) ? 0 : v)) };
  const se = Math.sqrt(quadForm(vcov, lz));
  const df = basis.df(lz);
  const tq = studentT.quantile(1 - (1 - confLevel) / 2, df);
  return { estimable: true, estimate: est, se, df, lower: est - tq * se, upper: est + tq * se };
}

export function emmeans(basis: LinearBasis, options: EmmOptions): EmmResult {
  const weights = options.weights ?? 'equal';
  const confLevel = options.confLevel ?? 0.95;
  const by = options.by ?? [];
  const grid = referenceGrid(basis.design, options.at);
  const names = grid.factors.map((f) => f.name);
  for (const s of [...options.specs, ...by]) if (!names.includes(s)) throw new StatsError('INVALID_ARGUMENT', `"${s}" is not a factor of the model (factors: ${names.join(', ') || 'none'})`);
  const keyFactors = [...by, ...options.specs].map((s) => names.indexOf(s));
  const groups = new Map<string, number[]>();
  for (let g = 0; g < grid.size; g++) {
    const key = keyFactors.map((k) => grid.levelIndex[k][g]).join(',');
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(g);
  }
  const p = grid.X.cols;
  const cells: EmmCell[] = [];
  for (const [, rows] of [...groups.entries()].sort((a, b) => {
    const x = a[0].split(',').map(Number).reverse();
    const y = b[0].split(',').map(Number).reverse();
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return 0;
  })) {
    // Proportional: weight of a grid row = how often its combination of averaged-over factors occurs (summed over the spec factors).
    const w = rows.map((g) => {
      if (weights === 'equal') return 1;
      let c = 0;
      for (let h = 0; h < grid.size; h++) {
        let same = true;
        for (let k = 0; k < names.length; k++) {
          if (keyFactors.includes(k)) continue;
          if (grid.levelIndex[k][h] !== grid.levelIndex[k][g]) same = false;
        }
        if (same && keyFactors.every((k) => !options.specs.includes(names[k]) ? grid.levelIndex[k][h] === grid.levelIndex[k][g] : true)) c += grid.counts[h];
      }
      return c;
    });
    const total = w.reduce((a, b) => a + b, 0);
    const l = new Float64Array(p);
    rows.forEach((g, r) => {
      for (let j = 0; j < p; j++) l[j] += (w[r] / total) * grid.X.data[g + j * grid.size];
    });
    const levels: Record<string, string> = Object.create(null); // keys are factor names from the data: no prototype keys
    for (const k of keyFactors) levels[names[k]] = grid.factors[k].levels[grid.levelIndex[k][rows[0]]];
    cells.push({ levels, l, ...evaluate(basis, l, confLevel) });
  }
  return { options: { specs: options.specs, by, weights, confLevel, at: grid.numericAt }, dfMethod: basis.dfMethod, cells };
}

/** a − b for two EMM cells of the same basis. */
export function contrast(basis: LinearBasis, a: EmmCell, b: EmmCell, confLevel = 0.95, label = 'a - b'): ContrastResult {
  const l = new Float64Array(a.l.length);
  for (let j = 0; j < l.length; j++) l[j] = a.l[j] - b.l[j];
  const r = evaluate(basis, l, confLevel);
  if (!r.estimable || r.se === null || r.estimate === null || r.df === null) return { label, ...r, t: null, p: null };
  // An exact fit with no difference has no t statistic (0/0): null, never NaN.
  if (r.se === 0 && r.estimate === 0) return { label, ...r, t: null, p: null };
  const t = r.estimate / r.se;
  return { label, ...r, t, p: tPValue(t, r.df) };
}
