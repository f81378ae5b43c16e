/**
 * Table 1: baseline characteristics by arm (any number of arms) — numeric as mean (SD) and
 * median [IQR], categorical as n (%) — with standardised differences (intervention − control) per
 * comparison and, by design, no p-values
 * (CONSORT: baseline differences after randomisation are due to chance).
 *   numeric: (m₁ − m₀) / √((s₁² + s₀²)/2); categorical level: (p₁ − p₀) / √((p₁(1−p₁) + p₀(1−p₀))/2).
 */
import { mean, quantile, sd } from '../../stats/descriptive/descriptive.ts';
import type { AnalysisFrame } from '../frame/frame.ts';
import type { BaselineRow } from '../results/types.ts';

export function baselineTable(frame: AnalysisFrame): BaselineRow[] {
  const rows: BaselineRow[] = [];
  const armIdx = frame.arms.map((_, a) => a);
  const numericRows = (variable: string, label: BaselineRow['label'], values: Float64Array) => {
    const by = armIdx.map((a) => {
      const all = [...Array(frame.n).keys()].filter((i) => frame.arm[i] === a);
      const v = all.map((i) => values[i]).filter((x) => !Number.isNaN(x));
      return { n: v.length, missing: all.length - v.length, v };
    });
    const stat = (f: (v: number[]) => number, v: number[], min = 1) => (v.length >= min ? f(v) : Number.NaN);
    const meanSd = Object.fromEntries(frame.arms.map((arm, a) => [arm.label, { n: by[a].n, missing: by[a].missing, values: [stat(mean, by[a].v), stat(sd, by[a].v, 2)] }]));
    const med = Object.fromEntries(frame.arms.map((arm, a) => [arm.label, { n: by[a].n, missing: by[a].missing, values: [0.5, 0.25, 0.75].map((p) => stat((v) => quantile(v, p), by[a].v)) }]));
    const smd = (I: number, C: number) => {
      const d = by[I].v.length > 1 && by[C].v.length > 1 ? (mean(by[I].v) - mean(by[C].v)) / Math.sqrt((sd(by[I].v) ** 2 + sd(by[C].v) ** 2) / 2) : null;
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
    c.levels.forEach((level, l) => {
      const byArm = Object.fromEntries(frame.arms.map((arm, a) => {
        const all = [...Array(frame.n).keys()].filter((i) => frame.arm[i] === a);
        const known = all.filter((i) => codes[i] >= 0);
        const k = known.filter((i) => codes[i] === l).length;
        return [arm.label, { n: known.length, missing: all.length - known.length, values: [k, known.length ? (100 * k) / known.length : Number.NaN] }];
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
