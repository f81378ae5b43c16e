/**
 * Writes test/reference/mi-twin-imputations.csv: effekt's m = 10 PMM imputations (seed 20240501,
 * maxit 10, 5 donors) of the twin's QPR-15 at baseline, end and fu6, imputed from arm,
 * municipality and severity group — the datasets that test/reference/mi-pool.R fits and pools
 * with mice. Long format as mice::as.mids expects: .imp = 0 is the original data with NA.
 * Run from the repo root: npx tsx test/reference/mi-imputations.ts && Rscript test/reference/mi-pool.R
 */
import { writeFileSync } from 'node:fs';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { buildFrame } from '../../src/analysis/frame/build-frame.ts';
import { imputeOutcome, completedVisit } from '../../src/analysis/estimators/mi-ancova.ts';

export const miFixtureSettings = { m: 10, method: 'pmm', donors: 5, maxit: 10, byArm: false, seed: 20240501, auxiliary: ['severity_group'] } as const;

export async function twinQprImputationsCsv(root: string): Promise<string> {
  const trial = await loadTrial(`${root}/data-samples/peer-trial.csv`, `${root}/data-samples/peer-trial.spec.json`);
  const frame = buildFrame(trial);
  const outcome = frame.outcomes.find((o) => o.id === 'qpr15')!;
  const ctx = { frame, outcome, visit: 1, include: () => true, confLevel: 0.95, comparison: frame.comparisons[0] };
  const imp = imputeOutcome(ctx, miFixtureSettings);
  const muni = frame.strata[0];
  const sev = frame.covariates.find((c) => c.column === 'severity_group')!;
  const lines = ['.imp,.id,arm,municipality,severity_group,baseline,end,fu6'];
  for (let k = -1; k < miFixtureSettings.m; k++) {
    const cols = frame.visits.map((_, v) => (k < 0 ? Float64Array.from(imp.members, (i) => outcome.values[v][i]) : completedVisit(imp, v, k)));
    imp.members.forEach((i, r) => {
      const cat = (c: typeof muni, idx: number) => (c.values[idx] < 0 ? 'NA' : c.levels[c.values[idx]]);
      const num = (x: number) => (Number.isNaN(x) ? 'NA' : String(x));
      lines.push([k + 1, r + 1, frame.arms[frame.arm[i]].label, cat(muni, i), cat(sev, i), ...cols.map((c) => num(c[r]))].join(','));
    });
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1]?.endsWith('mi-imputations.ts')) {
  writeFileSync('test/reference/mi-twin-imputations.csv', await twinQprImputationsCsv(process.cwd()));
}
