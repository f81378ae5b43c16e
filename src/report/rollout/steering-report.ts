/**
 * The steering group's half-yearly status report for one municipality (Danish or English), from
 * the publishable status (suppression applied) and the payments settled to date: key figures for
 * the period, the periods to date, change from the start to the end of the course per outcome,
 * each payment metric against the trial's arms and the counterfactual, and the funnel plots with
 * the municipality highlighted. Self-contained HTML (inline SVG), no row-level data.
 */
import { createHash } from 'node:crypto';
import type { Lang } from '../../analysis/results/types.ts';
import { rolloutProblem } from '../../rollout/errors.ts';
import { esc } from '../html/escape.ts';
import { rolloutCss, rolloutPage } from './page.ts';
import { rolloutText } from './text.ts';
import type { PublicCell, PublicStatus, ShownCount } from './status-public.ts';

const T = {
  da: {
    title: 'Status til styregruppen', period: 'Periode', toDate: 'til dato', groups: 'Hold', shared: 'delt med nabokommune', started: 'Startet', finished: 'Gennemført (slutmåling)',
    keyFigures: 'Nøgletal for perioden', periods: 'Perioder til dato', change: 'Ændring fra start til slut', outcome: 'Effektmål', mean: 'Gns. ændring', ci: '95 %-KI', pairs: 'Borgere med begge målinger',
    metrics: 'Betalingsmål', share: 'Andel', achieved: 'Opnået', expected: 'Forventet uden forløbet', trial: 'Forsøget', funnel: 'Tragtdiagram: alle kommuner mod forsøget', measured: 'Målt',
    completeness: 'Målinger', settled: 'Afregnet til dato', payment: 'Betaling', version: 'Version', suppressionNote: 'Antal på 1–4 vises som "<5"; tal, der kunne give dem tilbage, vises som "–".',
    ruleNote: 'Andele er af alle, der startede; manglende slutmåling tæller som ikke opnået (som i afregningen).', date: (d: string) => `Dato: ${d}`, noDate: 'Udateret (angiv --date)',
    synthetic: 'SYNTETISKE DATA – ingen rigtige borgere', none: 'Ingen data for perioden endnu.',
  },
  en: {
    title: 'Steering-group status report', period: 'Period', toDate: 'to date', groups: 'Groups', shared: 'shared with a neighbour', started: 'Started', finished: 'Finished (end measurement)',
    keyFigures: 'Key figures for the period', periods: 'Periods to date', change: 'Change from start to end', outcome: 'Outcome', mean: 'Mean change', ci: '95% CI', pairs: 'Citizens with both measurements',
    metrics: 'Payment metrics', share: 'Share', achieved: 'Achieved', expected: 'Expected without the course', trial: 'The trial', funnel: 'Funnel plot: all municipalities against the trial', measured: 'Measured',
    completeness: 'Measurements', settled: 'Settled to date', payment: 'Payment', version: 'Version', suppressionNote: 'Counts of 1–4 are shown as "<5"; figures that would give them back are "–".',
    ruleNote: 'Shares are of everyone who started; a missing end measurement counts as not achieved (as in the settlement).', date: (d: string) => `Date: ${d}`, noDate: 'Undated (give --date)',
    synthetic: 'SYNTHETIC DATA – no real citizens', none: 'No data for the period yet.',
  },
};

export interface SettledPayment {
  readonly period: string;
  readonly settlementId: string;
  readonly version: number;
  readonly payment: number;
  /** Hidden when the period's counts behind it include a small count. */
  readonly hidden: boolean;
}

export interface SteeringReportInput {
  readonly status: PublicStatus;
  readonly municipality: string;
  readonly period: string;
  readonly date: string | null;
  /** Funnel plots as SVG, by metric id (already rendered for this language and municipality). */
  readonly funnels: ReadonlyMap<string, string>;
  readonly settled: readonly SettledPayment[];
}

function table(head: readonly string[], rows: readonly (readonly string[])[], numericFrom = 1): string {
  return `<table><thead><tr>${head.map((h, j) => `<th${j >= numericFrom ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c, j) => `<td${j >= numericFrom ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

export function steeringReportHtml(input: SteeringReportInput, lang: Lang): string {
  const x = rolloutText(lang);
  const w = T[lang];
  const s = input.status;
  const count = (n: ShownCount) => esc(typeof n === 'number' ? x.fmt.int(n) : n);
  const pct = (v: number | null, d = 0) => esc(v === null ? '–' : x.fmt.pct(v, d));
  const signed = (v: number | null) => esc(v === null ? '–' : `${v > 0 ? '+' : ''}${x.fmt.num(v, 1)}`);
  const mine = s.cells.filter((c) => c.municipality === input.municipality);
  const now = mine.find((c) => c.period === input.period);
  const total = mine.find((c) => c.period === null);
  const outcomeName = (id: string) => s.outcomes.find((o) => o.id === id)?.name[lang] ?? id;
  const metricName = (id: string) => s.metrics.find((m) => m.id === id)?.name[lang] ?? id;

  const keyBox = (k: string, v: string) => `<div class="figure-box"><div class="k">${esc(k)}</div><div class="v">${v}</div></div>`;
  const key = now
    ? `<div class="figures">${keyBox(w.groups, esc(`${x.fmt.int(now.groups)}${now.sharedGroups ? ` (${x.fmt.int(now.sharedGroups)} ${w.shared})` : ''}`))}${keyBox(w.started, count(now.started))}${keyBox(w.finished, count(now.finished))}${keyBox(`${w.finished} %`, pct(typeof now.finished === 'number' && typeof now.started === 'number' && now.started > 0 ? now.finished / now.started : null))}</div>`
    : `<p>${esc(w.none)}</p>`;
  const periodRows = mine.map((c) => [esc(c.period ?? w.toDate), esc(x.fmt.int(c.groups)), count(c.started), count(c.finished), ...c.metrics.map((m) => `${count(m.achieved)} (${pct(m.share)})`)]);
  const periods = table([w.period, w.groups, w.started, w.finished, ...s.metrics.map((m) => `${w.achieved}: ${m.name[lang]}`)], periodRows);
  const changeTable = (c: PublicCell) => table([w.outcome, w.mean, w.ci, w.pairs], c.change.map((ch) => [esc(outcomeName(ch.outcome)), signed(ch.mean), esc(ch.lower === null || ch.upper === null ? '–' : x.fmt.range(ch.lower, ch.upper, 1)), count(ch.n)]));
  const metricTable = (c: PublicCell) => table([w.metrics, w.achieved, w.share, w.ci, w.expected, w.trial], c.metrics.map((m) => {
    const def = s.metrics.find((k) => k.id === m.metric)!;
    const arms = (def.benchmark ?? []).map((a) => `${a.label} ${x.fmt.pct(a.rate, 0)} (${x.fmt.range(a.lower * 100, a.upper * 100, 0)})`).join('; ');
    return [`${esc(def.name[lang])}<br><span class="muted">${esc(def.definition[lang])}</span>`, count(m.achieved), pct(m.share), esc(m.lower === null || m.upper === null ? '–' : `${x.fmt.pct(m.lower, 0)}–${x.fmt.pct(m.upper, 0)}`), pct(def.counterfactual), esc(arms || '–')];
  }));
  const completeness = (c: PublicCell) => table([w.outcome, ...s.visits.filter((v) => c.completeness.some((q) => q.visit === v.id)).map((v) => `${w.measured}: ${v.name[lang]}`)], s.outcomes.map((o) => [esc(o.name[lang]), ...s.visits.filter((v) => c.completeness.some((q) => q.visit === v.id)).map((v) => {
    const q = c.completeness.find((z) => z.outcome === o.id && z.visit === v.id)!;
    return `${count(q.measured)} (${pct(q.share)})`;
  })]));
  const settled = input.settled.length
    ? `<h2>${esc(w.settled)}</h2>` + table([w.period, w.version, w.payment], input.settled.map((p) => [esc(p.period), esc(String(p.version)), esc(p.hidden ? '–' : x.money2(p.payment))]))
    : '';
  const funnels = s.metrics.map((m) => {
    const svg = input.funnels.get(m.id);
    return svg ? `<figure><div class="chart">${svg}</div><figcaption>${esc(`${metricName(m.id)}. ${s.funnel.find((f) => f.metric === m.id)?.targetSource ?? ''}`)}</figcaption></figure>` : '';
  }).join('\n');
  const body = `${s.contract.synthetic ? `<p class="banner synthetic">${esc(w.synthetic)}</p>` : ''}
<h1>${esc(`${w.title}: ${input.municipality}`)}</h1>
<p class="lead">${esc(`${s.contract.title[lang]} · ${w.period} ${input.period}`)}</p>
<p class="meta">${esc(input.date ? w.date(x.fmt.date(input.date)) : w.noDate)}</p>
<h2>${esc(w.keyFigures)}</h2>${key}
${now ? `<h3>${esc(w.completeness)}</h3>${completeness(now)}<h3>${esc(w.change)}</h3>${changeTable(now)}<h3>${esc(w.metrics)}</h3>${metricTable(now)}` : ''}
<h2>${esc(w.periods)}</h2>${periods}
${total ? `<h3>${esc(`${w.change} (${w.toDate})`)}</h3>${changeTable(total)}<h3>${esc(`${w.metrics} (${w.toDate})`)}</h3>${metricTable(total)}` : ''}
<h2>${esc(w.funnel)}</h2>${funnels}
${settled}
<p class="small">${esc(w.ruleNote)} ${esc(w.suppressionNote)}</p>`;
  return rolloutPage({ lang, title: `${w.title}: ${input.municipality} ${input.period}`, generator: 'effekt', css: rolloutCss, footer: `${s.contract.id} · ${input.municipality} · ${input.period}`, body });
}

/** ASCII file name for a municipality. */
export function slug(name: string): string {
  return name.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'municipality';
}

/**
 * A file name per municipality, distinct for distinct ids: "Vejle" and "Vejle!", or "Ærø" and
 * "Aeroe", share a slug, and would otherwise write one file twice. A shared slug gets the first
 * 8 hex digits of the SHA-256 of the exact id; a slug of its own is kept as it is.
 */
export function municipalityFileNames(ids: readonly string[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const id of new Set(ids)) count.set(slug(id), (count.get(slug(id)) ?? 0) + 1);
  const names = new Map(ids.map((id) => [id, count.get(slug(id))! > 1 ? `${slug(id)}-${createHash('sha256').update(id).digest('hex').slice(0, 8)}` : slug(id)]));
  // Only a contract made to collide ("Vejle 9b8d9fa3" beside "Vejle" and "Vejle!") gets here.
  const byName = new Map<string, string>();
  for (const [id, name] of names) {
    const other = byName.get(name);
    if (other !== undefined && other !== id) throw rolloutProblem('the contract', 'municipalities', [other, id], `municipalities ${JSON.stringify(other)} and ${JSON.stringify(id)} would get the same report file name "${name}"`, 'rename one of them in the contract');
    byName.set(name, id);
  }
  return names;
}
