/**
 * Builds the chart context once from results (+ economics), a language and a layout: the arms in
 * results order with their colours, the comparisons (results.comparisons when a trial has more
 * than one; otherwise its one intervention against its control), the rows that answer each
 * outcome's question, and names for every id.
 */
import type { AnalysisResults, Lang, OutcomeResult } from '../../analysis/results/types.ts';
import type { EconomicsResult } from '../../economics/run.ts';
import { i18n, humanise, type I18n } from '../i18n/index.ts';
import { armColours } from './theme.ts';
import { own } from '../i18n/own.ts';
import { publishedLabel } from '../privacy.ts';
import { isPublishable, publish, type PublishableModel } from '../disclosure/publish.ts';
import type { ArmInfo, ChartContext, ChartLayout, Comparison, Names, UnitRow } from './types.ts';
import { measureTitle } from './effect-words.ts';

/** results.comparisons as k-arm results carry it; absent in two-arm files. */
type ComparisonRecord = { readonly id: string; readonly intervention: string; readonly control: string };

/** The comparison a row belongs to (k-arm results name it on every row; two-arm rows have one only). */
export function comparisonOf(o: object): string | undefined {
  const c = (o as { comparison?: unknown }).comparison;
  return typeof c === 'string' ? c : undefined;
}

export function arms(results: AnalysisResults, lang: Lang): ArmInfo[] {
  const colour = armColours(results.arms);
  return results.arms.map((a) => ({ label: a.label, name: a.name[lang], role: a.role, colour: colour[a.label] }));
}

export function comparisons(results: AnalysisResults, all: readonly ArmInfo[]): Comparison[] {
  const byLabel = new Map(all.map((a) => [a.label, a]));
  const listed = (results as { comparisons?: readonly ComparisonRecord[] }).comparisons ?? [];
  const out = listed.flatMap((c) => {
    const i = byLabel.get(c.intervention);
    const k = byLabel.get(c.control);
    return i && k ? [{ id: c.id, intervention: i, control: k }] : [];
  });
  if (out.length > 0) return out;
  const control = all.find((a) => a.role === 'control');
  const intervention = all.find((a) => a.role === 'intervention');
  if (!control || !intervention) throw new Error('results.json needs one control and one intervention arm');
  return [{ id: `${intervention.label}-vs-${control.label}`, intervention, control }];
}

/** Whether a row belongs to a comparison (rows without a comparison id belong to the only one). */
export function inComparison(o: object, c: Comparison, first: boolean): boolean {
  const id = comparisonOf(o);
  return id === undefined ? first : id === c.id;
}

export function mainRows(results: AnalysisResults, c?: Comparison, first = true): OutcomeResult[] {
  return results.outcomes.filter((o) => o.isPrimaryEstimator && (!c || inComparison(o, c, first)));
}

export function names(results: AnalysisResults, t: I18n): Names {
  const l = results.labels;
  const lang = t.lang;
  // Files before 1.6.0 carry no units: every difference of means is in points, as those reports said.
  const declaredUnit = (row: UnitRow) => {
    const u = row.measure === undefined || row.measure === 'mean-difference' ? own(l?.units, row.id)?.[lang] : undefined;
    return u === undefined ? null : publishedLabel(u);
  };
  const variableFromBaseline = (column: string) => results.baseline.find((b) => b.variable === column)?.label[lang];
  return {
    // Files before 1.2.0 carry no labels: the id is shown (humanised), never a guess.
    // Names as published: at most LABEL_MAX characters (a 10 MB site name stays in results.json).
    visit: (id) => publishedLabel(own(l?.visits, id)?.[lang] ?? id),
    variable: (column) => publishedLabel(own(l?.variables, column)?.[lang] ?? variableFromBaseline(column) ?? humanise(column)),
    level: (column, level) => publishedLabel(own(own(l?.levels, column), level)?.[lang] ?? humanise(level)),
    population: (id) => results.populations?.find((p) => p.id === id)?.name[lang] ?? t.label('populations', id),
    unit: (row) => declaredUnit(row) ?? t.msg.points,
    declaredUnit,
    timeUnit: (id, analysed) => {
      const u = own(l?.units, id)?.[lang];
      return u === undefined ? analysed : publishedLabel(u);
    },
    cause: (id, cause) => {
      const named = own(l?.causes, id);
      const one = (level: string) => own(named, level)?.[lang] ?? level;
      return publishedLabel(own(named, cause) ? one(cause) : cause.split(' / ').map(one).join(' / '));
    },
  };
}

/**
 * The context every sink renders from. It holds the publishable model only: disclosure control
 * is applied here, once (publish: the same plan for every chart, table and page of any language),
 * and the raw results are not kept. A report passes the model it published from `raw` (one
 * plan for both layouts and every language of a run); without it the context publishes its own.
 */
export function chartContext(raw: AnalysisResults, rawEconomics: EconomicsResult | null, lang: Lang, layout: ChartLayout = 'wide', published?: PublishableModel): ChartContext {
  if (published !== undefined && !isPublishable(published)) throw new Error('chartContext renders a model made by publish() only');
  const model = published ?? publish(raw, rawEconomics);
  const { results, economics, disclosure } = model;
  const t = i18n(lang);
  const all = arms(results, lang);
  const cs = comparisons(results, all);
  const rows = mainRows(results, cs[0], true);
  return {
    results,
    economics,
    economicsWithheld: model.economicsWithheld,
    disclosure,
    count: (key, value) => disclosure.count(key, value, t.fmt.int),
    t,
    names: names(results, t),
    arms: all,
    comparisons: cs,
    control: cs[0].control,
    intervention: cs[0].intervention,
    primary: primaryOf(rows),
    mainRows: rows,
    synthetic: results.trial.synthetic === true,
    layout,
  };
}

/** The row answering a comparison's primary question among its main rows. */
function primaryOf(rows: readonly OutcomeResult[]): OutcomeResult | null {
  return rows.find((o) => o.role === 'primary') ?? rows[0] ?? null;
}

/**
 * The main rows per comparison: one block (no heading) for a two-arm trial; for k arms one block
 * per results.comparisons entry, headed by its pair.
 */
export function comparisonBlocks(ctx: ChartContext): Array<[Comparison | null, OutcomeResult[]]> {
  if (ctx.comparisons.length < 2) return [[null, [...ctx.mainRows]]];
  return ctx.comparisons.map((c, i) => [c, mainRows(ctx.results, c, i === 0)]);
}

/**
 * Each block of comparisonBlocks as a context of its own: the pair as control and intervention,
 * its primary row and main rows. The primary-outcome, estimands and sensitivity sections and their
 * charts render once per context, so a k-arm trial shows every comparison there, not only the
 * first. A two-arm trial: the context itself, unchanged.
 */
export function comparisonContexts(ctx: ChartContext): Array<[Comparison | null, ChartContext]> {
  return comparisonBlocks(ctx).map(([c, rows]): [Comparison | null, ChartContext] => [c, c === null ? ctx : { ...ctx, control: c.control, intervention: c.intervention, primary: primaryOf(rows), mainRows: rows }]);
}

/** A chart drawn once per comparison: the first keeps its id, the n-th is "<id>-n" (comparison ids hold spaces; file names must not). */
export function comparisonChartId(id: string, index: number): string {
  return index === 0 ? id : `${id}-${index + 1}`;
}

/** Every estimator row of one outcome at one visit (first comparison unless given), in results order. */
export function rowsAt(results: AnalysisResults, outcomeId: string, visit: string, c?: Comparison, first = true): OutcomeResult[] {
  return results.outcomes.filter((o) => o.id === outcomeId && o.visit === visit && (!c || inComparison(o, c, first)));
}

/** "Difference in lb" for an outcome that declares its unit; "Difference" otherwise (a score, or results.json before 1.6.0). */
export function differenceTitle(ctx: ChartContext, row: UnitRow): string {
  // A ratio or a difference of shares is titled by its own name ("Rate ratio"), not "Difference".
  const measure = row.measure ?? 'mean-difference';
  if (measure !== 'mean-difference') return measureTitle(ctx, measure);
  const unit = ctx.names.declaredUnit(row);
  return unit ? ctx.t.msg.differenceIn(unit) : ctx.t.msg.difference;
}

/** Outcome name with "(lower is better)" where a higher score is worse. */
export function outcomeLabel(ctx: ChartContext, o: Pick<OutcomeResult, 'name' | 'higherIsBetter'>): string {
  const name = ctx.t.loc(o.name);
  const cap = name.charAt(0).toUpperCase() + name.slice(1);
  return o.higherIsBetter ? cap : `${cap} (${ctx.t.msg.higherIsWorseNote})`;
}
