/** What `effekt validate` does once its arguments are parsed (loaded only when the command runs). */
import { loadTrial, type LoadedTrial } from '../../instruments/load-trial.ts';
import { createProgress } from '../ui/progress.ts';
import { printOut } from '../ui/terminal.ts';

export function formatSummary(t: LoadedTrial): string[] {
  const s = t.summary;
  const lines: string[] = [];
  lines.push(`${t.spec.trial.title.en}${t.spec.trial.synthetic ? ' [SYNTHETIC DATA]' : ''}`);
  lines.push(`${t.dataFile}: valid — ${s.participants} participants, ${t.data.n} rows`);
  lines.push('');
  lines.push('Participants per arm × site:');
  const arms = t.spec.arms.map((a) => a.label);
  const sites = [...new Set(s.byArmSite.map((r) => r.site))];
  // A site name is data: a 1 MB one is cut here, not padded into every line.
  const label = (x: string) => (x.length > 60 ? `${x.slice(0, 59)}…` : x);
  const width = Math.max(6, ...sites.map((x) => label(x).length));
  lines.push(`  ${'site'.padEnd(width)}  ${arms.map((a) => a.padStart(6)).join('  ')}   total`);
  for (const site of sites) {
    const cells = arms.map((a) => s.byArmSite.find((r) => r.site === site && r.arm === a)?.n ?? 0);
    lines.push(`  ${label(site).padEnd(width)}  ${cells.map((n) => String(n).padStart(6)).join('  ')}  ${String(cells.reduce((x, y) => x + y, 0)).padStart(6)}`);
  }
  lines.push(`  ${'all'.padEnd(width)}  ${arms.map((a) => String(s.byArm[a] ?? 0).padStart(6)).join('  ')}  ${String(s.participants).padStart(6)}`);
  lines.push('');
  lines.push(`Visits observed (rows): ${s.visits.map((v) => `${v.visit} ${v.rows}`).join(', ')}`);
  lines.push('');
  lines.push('Missing outcome values per visit (n missing / participants):');
  const visits = t.spec.visits.map((v) => v.id);
  lines.push(`  ${'outcome'.padEnd(12)}${visits.map((v) => v.padStart(14)).join('')}`);
  for (const o of t.spec.outcomes) {
    const cells = visits.map((v) => {
      const m = s.missingness.find((x) => x.outcome === o.id && x.visit === v)!;
      return `${m.missing}/${m.of} (${Math.round((100 * m.missing) / Math.max(1, m.of))}%)`;
    });
    lines.push(`  ${o.id.padEnd(12)}${cells.map((c) => c.padStart(14)).join('')}`);
  }
  const prorated = t.scoring.reduce((a, c) => a + c.prorated, 0);
  const unscorable = t.scoring.reduce((a, c) => a + c.notScorable, 0);
  lines.push('');
  lines.push(`Scores prorated for missing items: ${prorated}; not scorable (too many items missing): ${unscorable}`);
  return lines;
}

export async function runValidate(data: string, opts: { spec: string; quiet?: boolean }): Promise<void> {
  const stage = createProgress({ quiet: opts.quiet }).stage('validate');
  const trial = await loadTrial(data, opts.spec);
  stage.end();
  printOut(`${formatSummary(trial).join('\n')}\n`);
}
