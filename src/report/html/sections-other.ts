/** Safety, subgroups, economics, and methods with estimands. */
import type { Estimand, OutcomeResult } from '../../analysis/results/types.ts';
import type { PageModel, Section } from './model.ts';
import { figure, para } from './model.ts';
import { esc } from './escape.ts';
import { renderTable, type Cell } from './tables.ts';
import { outcomeLabel } from '../charts/context.ts';
import { isSmallCount } from '../i18n/format.ts';

const num = (text: string): Cell => ({ text, className: 'num' });

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "a, b and c". */
const listWords = (xs: readonly string[], and: string) => (xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} ${and} ${xs[xs.length - 1]}`);

export function safetySection(m: PageModel): Section {
  const { ctx } = m;
  const { t, results } = ctx;
  const arms = [ctx.intervention, ctx.control];
  const ci = t.fmt.ciLabel(results.confLevel);
  const head: Cell[] = [t.msg.outcome, t.msg.visit, ...arms.flatMap((a) => [num(`${a.label}: ${t.msg.participantsWithEvent.toLowerCase()}`), num(`${a.label}: ${t.msg.eventsTotal.toLowerCase()}`)]), num(`${t.msg.rateRatio} (${ci})`), num(t.msg.pValue)];
  const rows: Cell[][] = results.safety.map((s) => [
    s.name[t.lang].charAt(0).toUpperCase() + s.name[t.lang].slice(1),
    t.label('visits', s.visit),
    ...arms.flatMap((a) => {
      const c = s.byArm[a.label];
      // With 1–4 participants with an event, the total (often 1 event each) would give their number back.
      const total = isSmallCount(c?.participantsWithEvent ?? 0) ? '–' : t.fmt.count(c?.total ?? 0);
      return c ? [num(`${t.fmt.count(c.participantsWithEvent)} / ${t.fmt.count(c.n)}`), num(total)] : [num('–'), num('–')];
    }),
    num(s.rateRatio ? `${t.fmt.num(s.rateRatio.estimate, 2)} (${t.fmt.range(s.rateRatio.lower, s.rateRatio.upper, 2)})` : t.msg.notEstimable),
    num(s.rateRatio ? t.fmt.p(s.rateRatio.p).replace(/^p\s*=?\s*/, '') : ''),
  ]);
  const events = results.events.map((e) => [e.name[t.lang].charAt(0).toUpperCase() + e.name[t.lang].slice(1), ...arms.map((a) => num(t.fmt.count(e.byArm[a.label] ?? 0)))]);
  const html = [
    rows.length ? para(t.msg.safetyIntro(capitalise(listWords([...new Set(results.safety.map((s) => s.name[t.lang]))], t.lang === 'da' ? 'og' : 'and')))) : '',
    rows.length ? renderTable({ head, rows }) : para(t.msg.noRows),
    `<h3>${esc(t.msg.seriousEventsTitle)}</h3>`,
    events.length ? renderTable({ head: [t.msg.event, ...arms.map((a) => num(a.label))], rows: events }) : para(t.msg.noRows),
  ].join('\n');
  return { id: 'safety', title: t.msg.safetyTitle, html };
}

export function subgroupSection(m: PageModel): Section {
  const { ctx } = m;
  const { t, results } = ctx;
  const first = results.subgroups[0];
  if (!first || !m.charts.has('subgroups')) return { id: 'subgroups', title: t.msg.subgroupTitle, html: para(t.msg.noRows) };
  const o = results.outcomes.find((x) => x.id === first.outcomeId);
  const intro = t.msg.subgroupIntro(o ? t.loc(o.name) : first.outcomeId, t.label('visits', first.visit));
  return { id: 'subgroups', title: t.msg.subgroupTitle, html: para(intro) + figure(m, 'subgroups') };
}

export function economicsSection(m: PageModel): Section | null {
  const { ctx } = m;
  const { t, economics: e } = ctx;
  if (!e) return null;
  const bc = e.businessCase;
  const st = e.settlement;
  const lines = [
    t.msg.economicsIntro(t.loc(e.scenario.title)),
    ...Object.entries(bc.breakEvenEffectRates ?? {}).map(([id, r]) => t.msg.breakEven((e.scenario.effects.find((x) => x.id === id)?.name[t.lang] ?? id).toLowerCase(), t.fmt.pct(r, 2))),
    t.msg.investorSummary(t.fmt.money(st.totalPrefinancing), t.fmt.money(st.totalPayments), st.irr === null ? '–' : t.fmt.pct(st.irr, 1)),
  ];
  const html = [lines.map((l) => para(l)).join(''), figure(m, 'economics-cash-flow'), figure(m, 'economics-savings'), figure(m, 'economics-psa'), figure(m, 'economics-tornado')].join('\n');
  return { id: 'economics', title: t.msg.economicsTitle, html };
}

/** The estimand in the report's language: results.json's own text in English, the catalogue's in Danish. */
function estimandIn(m: PageModel, o: OutcomeResult): Record<keyof Estimand, string> {
  const { ctx } = m;
  const { t } = ctx;
  if (t.lang === 'en') return { ...o.estimand };
  const tx = t.msg.estimandText;
  const adjusted = o.estimand.summaryMeasure.includes('covariates (');
  const pick = (table: Readonly<Record<string, string>>, id: string, fallback: string) => (Object.hasOwn(table, id) ? table[id] : undefined) ?? `${fallback} ${t.msg.untranslated}`.trim();
  return {
    population: pick(tx.population, o.population, o.estimand.population),
    treatment: t.msg.treatmentComparison(ctx.intervention.name, ctx.control.name.charAt(0).toLowerCase() + ctx.control.name.slice(1)),
    variable: t.msg.variableAtVisit(t.loc(o.name), t.label('visits', o.visit)),
    intercurrentEvents: pick(tx.intercurrentEvents, o.population, o.estimand.intercurrentEvents),
    // The catalogue's Danish words describe the standard model (baseline + strata); a model with
    // adjustment covariates keeps results.json's own words, which name them as covariates.
    summaryMeasure: adjusted ? `${o.estimand.summaryMeasure} ${t.msg.untranslated}`.trim() : pick(tx.summaryMeasure, o.estimator, o.estimand.summaryMeasure),
    missingData: adjusted ? `${o.estimand.missingData} ${t.msg.untranslated}`.trim() : pick(tx.missingData, o.estimator, o.estimand.missingData),
  };
}

/** The model as code; in Danish, prose that results.json appends in English is replaced by the catalogue's words. */
function modelHtml(m: PageModel, o: OutcomeResult): string {
  const { t } = m.ctx;
  const note = t.lang === 'en' ? undefined : t.msg.estimandText.modelNote[o.estimator];
  if (!note) return `<code>${esc(o.method.model)}</code>`;
  return `<code>${esc(o.method.model.split(/,\s|:\s/)[0])}</code>; ${esc(note)}`;
}

export function methodsSection(m: PageModel): Section {
  const { ctx } = m;
  const { t, results } = ctx;
  const f = t.msg.estimandFields;
  // One estimand table per estimator (as run for the primary outcome), then each outcome's model.
  const primaryId = ctx.primary?.id;
  const seen = new Set<string>();
  const blocks: string[] = [];
  for (const o of results.outcomes) {
    const key = `${o.estimator}|${o.population}`;
    if (seen.has(key) || (primaryId && o.id !== primaryId)) continue;
    seen.add(key);
    const e = estimandIn(m, o);
    const rows: Cell[][] = [
      [f.population, e.population],
      [f.treatment, e.treatment],
      [f.variable, e.variable],
      [f.intercurrentEvents, e.intercurrentEvents],
      [f.summaryMeasure, e.summaryMeasure],
      [f.missingData, e.missingData],
      [f.model, { html: modelHtml(m, o) }],
      [f.dfMethod, t.label('dfMethods', o.method.dfMethod)],
    ];
    blocks.push(`<h3>${esc(t.label('estimators', o.estimator))}</h3>${renderTable({ head: [t.msg.estimator, t.label('estimators', o.estimator)], rows, className: 'facts' })}`);
  }
  const models: Cell[][] = ctx.mainRows.map((o) => [outcomeLabel(ctx, o), t.label('estimators', o.estimator), { html: modelHtml(m, o) }, o.multiplicity ? t.label('multiplicity', o.multiplicity.method) : '–']);
  const html = [para(t.msg.methodsIntro), ...blocks, renderTable({ head: [t.msg.outcome, t.msg.estimator, f.model, t.msg.multiplicity], rows: models })].join('\n');
  return { id: 'methods', title: t.msg.methodsTitle, html };
}
