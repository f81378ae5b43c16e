/**
 * `rollout status` in the terminal (English): one block per municipality and period from the
 * publishable status (suppression already applied), then the funnel plot as a list of where
 * each municipality falls against the control limits.
 */
import type { PublicStatus, ShownCount } from './status-public.ts';

const c = (n: ShownCount) => String(n);
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(0)} %`);
const num = (x: number | null, d = 1) => (x === null ? '–' : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(d)}`);

export function statusLines(s: PublicStatus): string[] {
  const out: string[] = [];
  out.push(`${s.contract.title.en}${s.contract.synthetic ? ' (SYNTHETIC)' : ''} — periods with data: ${s.periods.join(', ') || 'none'}`);
  if (s.cells.length === 0) {
    out.push('No data ingested yet.');
    return out;
  }
  const bench = s.metrics.map((m) => {
    const arms = (m.benchmark ?? []).map((a) => `${a.label} ${pct(a.rate)}`).join(', ');
    return `  ${m.id}: expected without the course ${pct(m.counterfactual)}${arms ? `; trial ${arms}` : ''}`;
  });
  out.push('Payment metrics (share of those who started; missing end measurement = not achieved):', ...bench);
  const primary = s.outcomes.find((o) => !o.register) ?? s.outcomes[0];
  for (const cell of s.cells) {
    const head = `${cell.municipality} ${cell.period ?? 'to date'}: ${cell.groups} groups${cell.sharedGroups ? ` (${cell.sharedGroups} shared)` : ''}, started ${c(cell.started)}, finished ${c(cell.finished)}`;
    const comp = cell.completeness.filter((x) => x.outcome === primary.id).map((x) => `${x.visit} ${c(x.measured)} (${pct(x.share)})`).join(', ');
    const change = cell.change.map((x) => `${x.outcome} ${num(x.mean)} (${x.lower === null ? '–' : num(x.lower)} to ${x.upper === null ? '–' : num(x.upper)}; n ${c(x.n)})`).join('; ');
    const metrics = cell.metrics.map((x) => `${x.metric} ${c(x.achieved)} = ${pct(x.share)} (${pct(x.lower)}–${pct(x.upper)})`).join('; ');
    out.push(head, `    ${primary.id} measured: ${comp}`, `    change end − start: ${change}`, `    achieved: ${metrics}`);
  }
  for (const f of s.funnel) {
    const flagged = f.points.filter((p) => p.position !== null && p.position !== 'inside').map((p) => `${p.municipality} ${pct(p.share)} (${p.position})`);
    out.push(`Funnel ${f.metric}: target ${pct(f.target)} (${f.targetSource}); ${flagged.length ? `outside the 95 % limits: ${flagged.join(', ')}` : 'all municipalities inside the 95 % limits'}${f.hiddenPoints ? `; ${f.hiddenPoints} not shown (small counts)` : ''}`);
  }
  out.push(`Suppression: ${s.suppression}`);
  return out;
}
