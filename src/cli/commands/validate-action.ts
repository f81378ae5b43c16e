/** What `effekt validate` does once its arguments are parsed (loaded only when the command runs). */
// The data without the arquero table (load-trial-data.ts): validate never reads the table.
import { loadTrialData, type TrialData } from '../../instruments/load-trial-data.ts';
import { createProgress } from '../ui/progress.ts';
import { printLines } from '../ui/terminal.ts';
import { resolvePlan } from '../../analysis/plan/resolve-plan.ts';
import { outcomePlan, type AnalysisPlan } from '../../analysis/plan/schema.ts';
import { makeComparisons } from '../../analysis/frame/frame.ts';

export function formatSummary(t: TrialData): string[] {
  const s = t.summary;
  const lines: string[] = [];
  lines.push(`${t.spec.trial.title.en}${t.spec.trial.synthetic ? ' [SYNTHETIC DATA]' : ''}`);
  // A wide file's rows are its participants (the loader's participant × visit records are not rows
  // a user can find in the file), and every visit is on every row: no per-visit row count to give.
  const wide = t.spec.data.format === 'wide';
  lines.push(`${t.dataFile}: valid — ${s.participants} participants, ${wide ? 'one row each (wide)' : `${t.data.n} rows`}`);
  lines.push('');
  lines.push('Participants per arm × site:');
  const arms = t.spec.arms.map((a) => a.label);
  const sites = [...new Set(s.byArmSite.map((r) => r.site))];
  // A site name is data: a 1 MB one is cut here, not padded into every line.
  const label = (x: string) => (x.length > 60 ? `${x.slice(0, 59)}…` : x);
  const width = Math.max(6, ...sites.map((x) => label(x).length));
  const w = arms.map((a) => Math.max(6, a.length)); // a column as wide as its arm's label
  lines.push(`  ${'site'.padEnd(width)}  ${arms.map((a, k) => a.padStart(w[k])).join('  ')}   total`);
  // Without a site column every participant is in the one pseudo-site "(all)": the total row says it.
  for (const site of sites.length === 1 && sites[0] === '(all)' ? [] : sites) {
    const cells = arms.map((a) => s.byArmSite.find((r) => r.site === site && r.arm === a)?.n ?? 0);
    lines.push(`  ${label(site).padEnd(width)}  ${cells.map((n, k) => String(n).padStart(w[k])).join('  ')}  ${String(cells.reduce((x, y) => x + y, 0)).padStart(6)}`);
  }
  lines.push(`  ${'all'.padEnd(width)}  ${arms.map((a, k) => String(s.byArm[a] ?? 0).padStart(w[k])).join('  ')}  ${String(s.participants).padStart(6)}`);
  lines.push('');
  if (!wide) {
    lines.push(`Visits observed (rows): ${s.visits.map((v) => `${v.visit} ${v.rows}`).join(', ')}`);
    lines.push('');
  }
  lines.push('Missing outcome values per visit (n missing / participants):');
  const visits = t.spec.visits.map((v) => v.id);
  const rows = t.spec.outcomes.map((o) => ({
    id: o.id,
    cells: visits.map((v) => {
      const m = s.missingness.find((x) => x.outcome === o.id && x.visit === v);
      if (!m) return '–';
      return `${m.missing}/${m.of} (${Math.round((100 * m.missing) / Math.max(1, m.of))}%)`;
    }),
  }));
  // Columns as wide as their widest entry (+ 2): counts of a million participants, long outcome ids.
  const idWidth = Math.max(12, ...rows.map((r) => r.id.length + 2));
  const cellWidth = Math.max(14, ...visits.map((v) => v.length + 2), ...rows.flatMap((r) => r.cells.map((c) => c.length + 2)));
  lines.push(`  ${'outcome'.padEnd(idWidth)}${visits.map((v) => v.padStart(cellWidth)).join('')}`);
  for (const r of rows) lines.push(`  ${r.id.padEnd(idWidth)}${r.cells.map((c) => c.padStart(cellWidth)).join('')}`);
  const prorated = t.scoring.reduce((a, c) => a + c.prorated, 0);
  const unscorable = t.scoring.reduce((a, c) => a + c.notScorable, 0);
  if (t.spec.outcomes.some((o) => o.kind === 'score')) {
    lines.push('');
    lines.push(`Scores prorated for missing items: ${prorated}; not scorable (too many items missing): ${unscorable}`);
  }
  return lines;
}

/** The analysis plan, resolved against the spec: what `analyze` will estimate, per outcome. */
export function formatPlan(t: TrialData, plan: AnalysisPlan): string[] {
  const lines = ['', 'Analysis plan: valid'];
  const comparisons = makeComparisons(t.spec.arms, plan.comparisons).map((c) => c.id);
  lines.push(`  comparisons: ${comparisons.join('; ')}`);
  for (const o of t.spec.outcomes) {
    if (o.kind === 'time-to-event') {
      const own = Object.hasOwn(plan.outcomes, o.id) ? plan.outcomes[o.id] : undefined;
      const tau = own?.tau ?? plan.timeToEvent.tau;
      const covs = own?.covariates ?? plan.defaults.covariates ?? [];
      const how = o.event.competing ? `cause-specific Cox hazard ratio and cumulative incidence (competing: ${o.event.competing.join(', ')})` : 'Cox hazard ratio and RMST difference';
      lines.push(`  ${o.id} (time-to-event, ${o.role}): ${how}; τ ${tau ?? 'the earliest arm\'s last follow-up time'}${plan.timeToEvent.stratified && t.spec.columns.strata.length ? `; stratified by ${t.spec.columns.strata.join(', ')}` : ''}${covs.length ? `; adjusted for ${covs.join(', ')}` : ''}${own?.optional ? '; optional' : ''}`);
      continue;
    }
    if (o.kind === 'count' && o.role === 'safety') {
      lines.push(`  ${o.id} (count, safety): per-arm totals and a negative-binomial rate ratio (adjusted for the baseline count when measured at baseline)`);
      continue;
    }
    const op = outcomePlan(plan, o.id, o.kind);
    const measured = o.visits ?? (('columns' in o && o.columns) ? Object.keys(o.columns) : t.spec.visits.map((v) => v.id));
    const hasBaseline = t.spec.baselineVisit !== undefined && measured.includes(t.spec.baselineVisit) && !(o.kind === 'binary' && o.rule?.type === 'change');
    const adj = [op.adjustForBaseline && hasBaseline ? 'baseline' : null, ...t.spec.columns.strata, ...op.covariates].filter(Boolean).join(', ');
    lines.push(`  ${o.id} (${o.kind}, ${o.role}): ${op.primary}${o.kind === 'binary' ? ` (${op.measure})` : ''}${adj ? `; adjusted for ${adj}` : ''}${op.optional ? '; optional' : ''}`);
  }
  return lines;
}

export async function runValidate(data: string, opts: { spec: string; quiet?: boolean }): Promise<void> {
  const stage = createProgress({ quiet: opts.quiet }).stage('validate');
  const trial = await loadTrialData(data, opts.spec, { keepItems: false });
  const plan = resolvePlan(trial.spec);
  stage.end();
  const lines = [...formatSummary(trial), ...formatPlan(trial, plan)];
  if (trial.warnings.length) lines.push('', ...trial.warnings.map((w) => `Warning: ${w}`));
  printLines(lines);
}
