/**
 * Table 1: baseline characteristics by arm (any number of arms) — numeric as mean (SD) and
 * median [IQR], categorical as n (%) — with standardised differences (intervention − control) per
 * comparison and, by design, no p-values
 * (CONSORT: baseline differences after randomisation are due to chance).
 *   numeric: (m₁ − m₀) / √((s₁² + s₀²)/2); categorical level: (p₁ − p₀) / √((p₁(1−p₁) + p₀(1−p₀))/2).
 */
import { mean, quantileSorted, sd } from '../../stats/descriptive/descriptive.ts';
import type { AnalysisFrame } from '../frame/frame.ts';
import type { BaselineRow } from '../results/types.ts';

export function baselineTable(frame: AnalysisFrame): BaselineRow[] {
  const rows: BaselineRow[] = [];
  const armIdx = frame.arms.map((_, a) => a);
  const numericRows = (variable: string, label: BaselineRow['label'], values: Float64Array) => {
    // One pass: each arm's observed values in participant order (and its count of missing ones).
    const all = new Int32Array(frame.arms.length);
    const observed = new Int32Array(frame.arms.length);
    for (let i = 0; i < frame.n; i++) {
      all[frame.arm[i]]++;
      if (!Number.isNaN(values[i])) observed[frame.arm[i]]++;
    }
    const by = armIdx.map((a) => ({ n: observed[a], missing: all[a] - observed[a], v: new Float64Array(observed[a]) }));
    const fill = new Int32Array(frame.arms.length);
    for (let i = 0; i < frame.n; i++) if (!Number.isNaN(values[i])) by[frame.arm[i]].v[fill[frame.arm[i]]++] = values[i];
    // Each arm's mean and SD once (the SMDs reuse them); the quantiles from one sorted copy
    // (quantileSorted: quantile() without its own copy and sort, the same values).
    const memo = (f: (v: Float64Array) => number) => {
      const cache = new Map<number, number>();
      return (a: number) => {
        let x = cache.get(a);
        if (x === undefined) cache.set(a, (x = f(by[a].v)));
        return x;
      };
    };
    const meanOf = memo(mean);
    const sdOf = memo(sd);
    const sorted = by.map((b) => Float64Array.from(b.v).sort());
    const stat = (f: (a: number) => number, a: number, min = 1) => (by[a].v.length >= min ? f(a) : Number.NaN);
    const meanSd = Object.fromEntries(frame.arms.map((arm, a) => [arm.label, { n: by[a].n, missing: by[a].missing, values: [stat(meanOf, a), stat(sdOf, a, 2)] }]));
    const med = Object.fromEntries(frame.arms.map((arm, a) => [arm.label, { n: by[a].n, missing: by[a].missing, values: [0.5, 0.25, 0.75].map((p) => stat((k) => quantileSorted(sorted[k], p), a)) }]));
    const smd = (I: number, C: number) => {
      const d = by[I].v.length > 1 && by[C].v.length > 1 ? (meanOf(I) - meanOf(C)) / Math.sqrt((sdOf(I) ** 2 + sdOf(C) ** 2) / 2) : null;
      return d !== null && Number.isFinite(d) ? d : null;
    };
    rows.push({ variable, label, level: null, kind: 'mean-sd', byArm: meanSd, ...perComparison(frame, smd) });
    rows.push({ variable, label, level: null, kind: 'median-iqr', byArm: med, ...perComparison(frame, () => null) });
  };
  for (const c of frame.covariates) {
    if (c.kind === 'numeric') {
      numericRows(c.column, c.label, c.values as Float64Array);
      continue;
    }
    const codes = c.values as Int32Array;
    // One pass: per arm, participants, those with a level, and each level's count.
    const L = c.levels.length;
    const all = new Float64Array(frame.arms.length);
    const knownIn = new Float64Array(frame.arms.length);
    const atLevel = new Float64Array(frame.arms.length * L);
    for (let i = 0; i < frame.n; i++) {
      const a = frame.arm[i];
      all[a]++;
      if (codes[i] >= 0) {
        knownIn[a]++;
        if (codes[i] < L) atLevel[a * L + codes[i]]++;
      }
    }
    c.levels.forEach((level, l) => {
      const byArm = Object.fromEntries(frame.arms.map((arm, a) => {
        const known = knownIn[a];
        const k = atLevel[a * L + l];
        return [arm.label, { n: known, missing: all[a] - known, values: [k, known ? (100 * k) / known : Number.NaN] }];
      }));
      const smd = (I: number, C: number) => {
        const p1 = byArm[frame.arms[I].label].values[1] / 100;
        const p0 = byArm[frame.arms[C].label].values[1] / 100;
        const denom = Math.sqrt((p1 * (1 - p1) + p0 * (1 - p0)) / 2);
        return denom > 0 ? (p1 - p0) / denom : null;
      };
      rows.push({ variable: c.column, label: c.label, level, kind: 'n-percent', byArm, ...perComparison(frame, smd) });
    });
  }
  // Outcomes measured at baseline, as numbers (binary and count baselines are not summarised here).
  for (const o of frame.outcomes) {
    if ((o.kind !== 'score' && o.kind !== 'continuous') || !o.hasBaseline) continue;
    numericRows(o.id, o.name, o.values[frame.baselineVisit]);
  }
  return rows;
}

/** The standardised difference of every comparison, and of the first one as the headline value. */
function perComparison(frame: AnalysisFrame, smd: (I: number, C: number) => number | null): Pick<BaselineRow, 'standardisedDifference' | 'standardisedDifferences'> {
  const all = Object.fromEntries(frame.comparisons.map((c) => [c.id, smd(c.intervention, c.control)]));
  return { standardisedDifference: all[frame.comparisons[0].id] ?? null, standardisedDifferences: all };
}
