/** The terminal summary of a power calculation (numbers in English notation; JSON has them in full). */
import type { PowerResult } from '../../stats/power/types.ts';
import type { PowerCliResult } from './power-action.ts';
import { terminalSafe } from '../ui/terminal.ts';

const designName: Record<PowerResult['design'], string> = {
  'two-sample': 'two-sample comparison of means',
  ancova: 'comparison of means adjusted for baseline (ANCOVA)',
  'single-arm': 'single-arm change against a benchmark',
  proportions: 'difference in proportions',
  'risk-ratio': 'risk ratio',
  'negative-binomial': 'rate ratio of counts (negative binomial)',
  'log-rank': 'time to event (log-rank / Cox)',
};

const f2 = (x: number) => x.toFixed(2);
const sig = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(3));
const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)} %`;

function effectLine(r: PowerResult): string {
  const e = r.effect;
  switch (e.metric) {
    case 'd':
      return `Effect: d = ${sig(e.d as number)}${e.delta !== null && e.sd !== null ? ` (difference ${sig(e.delta)} with SD ${sig(e.sd)})` : ''}`;
    case 'intervention-rate':
      return `Effect: ${pct(e.interventionRate as number)} vs ${pct(e.controlRate as number)} in the control arm (difference ${((e.delta as number) * 100).toFixed(1)} percentage points, Cohen's h = ${sig(e.h as number)})`;
    case 'risk-ratio':
      return `Effect: risk ratio ${sig(e.value)} (${pct(e.interventionRate as number)} vs ${pct(e.controlRate as number)})`;
    case 'rate-ratio':
      return `Effect: rate ratio ${sig(e.value)} (${sig(e.interventionRate as number)} vs ${sig(e.controlRate as number)} events per unit time)`;
    case 'hazard-ratio':
      return `Effect: hazard ratio ${sig(e.value)} (event probability ${pct(e.interventionRate as number)} vs ${pct(e.controlRate as number)})`;
  }
}

function trialLines(t: NonNullable<PowerCliResult['fromTrial']>): string[] {
  const lines = [`From the trial: ${terminalSafe(t.resultsFile)}${t.trialId ? ` (${terminalSafe(t.trialId)})` : ''}, outcome ${terminalSafe(t.outcome)} at ${terminalSafe(t.visit)}`];
  for (const [k, u] of Object.entries(t.used)) lines.push(`  ${k} = ${sig(u.value)}  ← ${terminalSafe(u.source)}`);
  if (t.benchmark) lines.push(`  benchmark (change to beat) = ${sig(t.benchmark.value)}  ← ${terminalSafe(t.benchmark.source)}`);
  return lines;
}

export function powerSummaryLines(r: PowerResult | PowerCliResult): string[] {
  const s = r.sampleSize;
  const arms = Object.keys(s.perArm);
  const armList = (o: Readonly<Record<string, number>>, fmt: (x: number) => string) => arms.map((a) => `${fmt(o[a])} ${a}`).join(', ');
  const solved = r.solvedFor === 'n' ? 'sample size' : r.solvedFor === 'power' ? 'power' : 'minimum detectable effect';
  const a = r.adjustments;
  const lines = [
    `Power calculation: ${designName[r.design]} — solved for the ${solved}`,
    `Method: ${r.method}`,
    `${effectLine(r)}${r.solvedFor === 'effect' ? '   ← minimum detectable' : ''}`,
    `Significance level ${r.alpha} (${r.alternative === 'two.sided' ? 'two-sided' : 'one-sided'}); power ${pct(r.power)}${r.solvedFor === 'power' ? '   ← computed' : ''}`,
  ];
  if (arms.length === 2) lines.push(`Allocation intervention : control = ${r.ratio} : 1`);
  lines.push(`Analysable per arm (formula n): ${armList(s.perArm, f2)}; rounded up ${armList(s.perArmRoundedUp, String)} (${s.totalRoundedUp} in all)`);
  if (a.designEffect !== 1) lines.push(`Design effect ${f2(a.designEffect)} (ICC ${a.icc}, groups of ${a.clusterSize}${a.clusterArms === 'intervention' ? ', intervention arm only' : ''})`);
  if (a.dropout > 0) lines.push(`Dropout ${pct(a.dropout)}`);
  lines.push(`${r.solvedFor === 'n' ? 'Recruit' : 'Recruited'}: ${armList(s.recruit, (x) => (Number.isInteger(x) ? String(x) : f2(x)))} (${Number.isInteger(s.recruitTotal) ? s.recruitTotal : f2(s.recruitTotal)} in all)`);
  if (r.events) lines.push(`Events: ${f2(r.events.expected)} expected (pooled event probability ${pct(r.events.probability)})`);
  if ('fromTrial' in r && r.fromTrial) lines.push(...trialLines(r.fromTrial));
  lines.push(`Formula: ${r.formula}`);
  for (const ref of r.references) lines.push(`Reference: ${ref}`);
  for (const w of r.warnings) lines.push(`Note: ${w}`);
  return lines;
}
