/**
 * survival::colon (data-samples/real/colon.csv) as a new user would run it: death with time in
 * years (death_days / 365.25), arms Obs, Lev and Lev+5FU, all pairs, τ = 5 years — a real k-arm
 * time-to-event trial on a scale where a difference of restricted means is a few hundredths.
 * Used by the tests of the time-to-event decimals and of the default multiplicity family.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTrial, runAnalysis, type AnalysisResults } from '../../src/index.ts';
import { repoRoot } from './fixtures.ts';
import { reportHtml } from './report-text.ts';

/** The analysis of colon in years with the plan `{comparisons: "all-pairs", timeToEvent: {tau: 5, landmarks: [1, …, 5]}}` and no multiplicity declared. */
export async function analyseColonYears(): Promise<AnalysisResults> {
  const dir = mkdtempSync(join(tmpdir(), 'effekt-colon-years-'));
  try {
    const [head, ...lines] = readFileSync(join(repoRoot, 'data-samples/real/colon.csv'), 'utf8').trim().split('\n');
    const col = (name: string) => head.split(',').indexOf(name);
    const csv = ['id,rx,death_years,death', ...lines.map((l) => l.split(',')).map((c) => [c[col('id')], c[col('rx')], Number(c[col('death_days')]) / 365.25, c[col('death')]].join(','))].join('\n');
    writeFileSync(join(dir, 'colon-years.csv'), `${csv}\n`);
    writeFileSync(join(dir, 'colon.plan.json'), JSON.stringify({ comparisons: 'all-pairs', timeToEvent: { tau: 5, landmarks: [1, 2, 3, 4, 5] } }));
    writeFileSync(join(dir, 'colon.spec.json'), JSON.stringify({
      trial: { id: 'colon', title: { da: 'Colon', en: 'Colon' }, dataSource: { da: 'survival::colon', en: 'survival::colon' } },
      data: { format: 'wide', csv: { delimiter: ',', decimal: '.' } },
      columns: { arm: 'rx', id: 'id' },
      arms: [
        { label: 'Obs', role: 'control', name: { da: 'Observation', en: 'Observation' } },
        { label: 'Lev', role: 'intervention', name: { da: 'Levamisol', en: 'Levamisole' } },
        { label: 'Lev+5FU', role: 'intervention', name: { da: 'Levamisol + 5-FU', en: 'Levamisole + 5-FU' } },
      ],
      visits: [{ id: 'end', name: { da: 'slut', en: 'end' } }],
      outcomes: [{ id: 'death', name: { da: 'død', en: 'death' }, role: 'primary', kind: 'time-to-event', time: 'death_years', event: { column: 'death', event: ['yes'], censored: ['no'] }, direction: 'higher-is-worse', unit: { da: 'år', en: 'years' } }],
      analysisPlan: 'colon.plan.json',
    }));
    return runAnalysis(await loadTrial(join(dir, 'colon-years.csv'), join(dir, 'colon.spec.json')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** analyseColonYears() and its report page (index.html) in each language. */
export async function colonYearsReports(): Promise<{ results: AnalysisResults; html: Record<'da' | 'en', string> }> {
  const results = await analyseColonYears();
  return { results, html: { en: await reportHtml(results, 'en'), da: await reportHtml(results, 'da') } };
}
