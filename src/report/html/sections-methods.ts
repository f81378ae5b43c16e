/**
 * Statistical methods and estimands, before the results (CONSORT 2025 item 21, ICH E9(R1)).
 * One row per analysis of the primary outcome: who is analysed (the population, and n analysed
 * of N randomised per arm), how events after randomisation are handled, how missing data are
 * handled, and the summary measure — worded from the catalogue by population and estimator id,
 * so both languages say the same; an id the catalogue does not know falls back to results.json's
 * own (English) text, marked as such in Danish. Then each outcome's model in words and its
 * multiplicity rule, and the methods of the other analyses in a short list.
 */
import type { OutcomeResult } from '../../analysis/results/types.ts';
import type { PageModel, Section } from './model.ts';
import { para } from './model.ts';
import { esc } from './escape.ts';
import { renderTable, twoLines, type Cell } from './tables.ts';
import { comparisonBlocks, comparisonContexts, comparisonOf, outcomeLabel, rowsAt } from '../charts/context.ts';
import type { ChartContext } from '../charts/types.ts';
import { estimatorLabel } from '../charts/sensitivity.ts';
import { keyOf } from '../disclosure/model.ts';
import { perProtocolRule } from './sections-trial.ts';
import { own } from '../i18n/own.ts';
import { timeToEventMissingData } from '../../analysis/text/time-to-event-missing.ts';
import { midSentence } from '../i18n/mid-sentence.ts';

/**
 * "117 of 145 in PEER, 126 of 151 in SAU": analysed of randomised per arm, in arm order — the arms
 * of the row's comparison, whose participants its estimate is about. An arm outside the comparison
 * that a joint model also fitted (an MMRM or logistic model of every arm of a k-arm trial) keeps its
 * count, as analysedN keeps it in the flat tables (analysis/results/tables.ts), but in a note after
 * the pair ("; the model also used 240 of 240 in IPSE"): it shaped the model's estimates without
 * being compared. An arm the row does not analyse (Welch and two proportions use the comparison's
 * two arms alone) is left out, not shown as "0 of 240". `pairOnly`: the pair alone, no note (under
 * a comparison's own heading, where the methods table carries the note).
 */
export function analysedOfRandomised(m: PageModel, o: OutcomeResult, pairOnly = false): string {
  const { ctx } = m;
  const { t, results } = ctx;
  const pair = ctx.comparisons.find((c) => c.id === comparisonOf(o));
  const inPair = (arm: string) => !pair || arm === pair.intervention.label || arm === pair.control.label;
  const nOfN = (arm: string) => {
    const randomised = ctx.count(keyOf('consort', arm, 'randomised'), results.consort[arm]?.randomised ?? o.n.randomised[arm] ?? Number.NaN);
    return t.msg.nOfN(ctx.count(keyOf('analysed', o.id, o.visit, o.estimator, o.population, arm), o.n.analysed[arm] ?? Number.NaN), randomised, arm);
  };
  const analysed = ctx.arms.map((a) => a.label).filter((arm) => o.n.analysed[arm] !== undefined && (o.n.analysed[arm] !== 0 || inPair(arm)));
  if (pairOnly) {
    // Under a comparison's own heading only its two arms, even where one model fitted every arm.
    const own = (arm: string) => arm === ctx.intervention.label || arm === ctx.control.label;
    return analysed.filter(own).map(nOfN).join(', ');
  }
  const compared = analysed.filter(inPair).map(nOfN).join(', ');
  const alsoUsed = analysed.filter((arm) => !inPair(arm)).map(nOfN);
  return alsoUsed.length ? `${compared}; ${t.msg.modelAlsoUsed(alsoUsed.join(', '))}` : compared;
}

/** A catalogue text by id, or results.json's English text (marked in Danish). */
function pick(m: PageModel, table: Readonly<Record<string, string>>, id: string, fallback: string): string {
  const { t } = m.ctx;
  return own(table, id) ?? (t.lang === 'en' ? fallback : `${fallback} ${t.msg.untranslated}`);
}

export function intercurrentText(m: PageModel, o: OutcomeResult): string {
  const { t } = m.ctx;
  const pop = m.ctx.results.populations?.find((p) => p.id === o.population);
  if (pop?.rule.type === 'adherence') return t.msg.perProtocolStrategy(perProtocolRule(m) ?? pop.name[t.lang]);
  return pick(m, t.msg.estimandText.intercurrentEvents, o.population, o.estimand.intercurrentEvents);
}

/**
 * The catalogue's fixed words describe the standard model (baseline value + stratification
 * factors). Any other model with the baseline — no strata, adjustment covariates (named by their
 * labels from the spec) — gets words built from its parts in the report's language; a model
 * without the outcome's baseline keeps results.json's own words. Welch's words name neither.
 */
type Words = { readonly missingData: Readonly<Record<string, string>>; readonly summaryMeasure: Readonly<Record<string, string>> };
function catalogueWords(m: PageModel, o: OutcomeResult): Words {
  const { t, names } = m.ctx;
  if (o.estimator === 'welch') return t.msg.estimandText;
  // Time to event: the analysis' one missing-data text, in the report's language (only that text; another stays as results.json has it).
  if (o.kind === 'time-to-event') return { missingData: o.estimand.missingData === timeToEventMissingData ? { [o.estimator]: t.msg.timeToEventMissing } : {}, summaryMeasure: {} };
  if (!o.method.covariates.includes('baseline')) return { missingData: {}, summaryMeasure: {} };
  const own = `${o.estimand.summaryMeasure} ${o.estimand.missingData}`;
  // Adjustment covariates are named in the summary measure ("covariates (drug, length)"); the MI
  // row's missing-data text names its imputation model's too, which are not the model's.
  const listed = /covariates \(([^)]*)\)/.exec(o.estimand.summaryMeasure)?.[1];
  const strata = /stratification factors|stratum/.test(own);
  if (listed === undefined && strata) return t.msg.estimandText;
  const covariates = listed === undefined ? null : t.msg.covariatesNamed(listed.split(', ').map((c) => names.variable(c).toLowerCase()).join(', '));
  const adjusted = t.msg.listWords([t.msg.baselineValue, ...(strata ? [t.msg.stratificationFactors] : []), ...(covariates ? [covariates] : [])]);
  const given = (first: readonly string[], last: string) => t.msg.listWords([...first, ...(strata ? [t.msg.stratumWord] : []), ...(covariates ? [covariates] : []), last]);
  const summary = t.msg.adjustedMeansFor(adjusted);
  return {
    missingData: { ...t.msg.estimandText.missingData, ancova: t.msg.observedMarGiven(given([t.msg.baselineValue], t.msg.group)), mmrm: t.msg.likelihoodMarGiven(given([t.msg.group, t.msg.baselineValue], t.msg.otherVisits)) },
    summaryMeasure: { ...t.msg.estimandText.summaryMeasure, ancova: summary, 'complete-case': summary, 'per-protocol': summary },
  };
}

export function missingDataText(m: PageModel, o: OutcomeResult): string {
  return pick(m, catalogueWords(m, o).missingData, o.estimator, o.estimand.missingData);
}

export function summaryMeasureText(m: PageModel, o: OutcomeResult): string {
  return pick(m, catalogueWords(m, o).summaryMeasure, o.estimator, o.estimand.summaryMeasure);
}

/** The model in words: "linear model: group + baseline value + municipality" (no code, no column ids). */
export function modelText(m: PageModel, o: OutcomeResult): string {
  const { ctx } = m;
  const { t } = ctx;
  const terms = o.method.covariates.map((c) => (c === 'baseline' ? t.msg.baselineValue : ctx.names.variable(c).toLowerCase()));
  const kind = pick(m, t.msg.estimandText.model, o.estimator, o.method.model);
  return terms.length ? `${kind}: ${[t.msg.group, ...terms].join(' + ')}` : kind;
}

export function methodsSection(m: PageModel): Section {
  const { ctx } = m;
  const { t } = ctx;
  const main = ctx.primary;
  const blocks: string[] = [para(t.msg.methodsIntro)];
  const each = comparisonContexts(ctx);
  if (main) {
    if (ctx.comparisons.length > 1) blocks.push(para(t.msg.comparisonsEstimands(t.fmt.int(each.length), t.msg.listWords(each.map(([, c]) => pairWords(c))))), para(t.msg.multiplicityAcross(multiplicityAcross(m, each))));
    blocks.push(`<h3>${esc(t.msg.estimandsTitle(outcomeLabel(ctx, main), ctx.names.visit(main.visit)))}</h3>`, ...each.map(([, c]) => estimandsTable({ ...m, ctx: c })));
  }
  // k arms: each comparison's rows under its pair, as in the table of every outcome; the family says which p-values are adjusted together.
  const withFamily = ctx.comparisons.length > 1;
  const models: Cell[][] = [];
  const groups = new Set<number>();
  for (const [c, rows] of comparisonBlocks(ctx)) {
    if (c) {
      groups.add(models.length);
      models.push([t.msg.comparisonHeading(c.intervention.label, c.control.label)]);
    }
    models.push(...rows.map((o): Cell[] => [outcomeLabel(ctx, o), modelText(m, o), t.label('dfMethods', o.method.dfMethod), multiplicityCell(m, o, withFamily)]));
  }
  blocks.push(`<h3>${esc(t.msg.modelsTitle)}</h3>`, renderTable({ caption: t.msg.modelsCaption, head: [t.msg.outcome, t.msg.estimandFields.model, t.msg.estimandFields.dfMethod, t.msg.multiplicity], rows: models, className: 'data text', ...(groups.size ? { groupRows: groups } : {}) }, m));
  blocks.push(`<h3>${esc(t.msg.otherMethodsTitle)}</h3>`, `<ul>${otherMethods(m).map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`);
  return { id: 'methods', title: t.msg.methodsTitle, html: blocks.join('\n') };
}

/** One comparison's estimands table: every analysis of its primary row at the primary visit. */
function estimandsTable(m: PageModel): string {
  const { ctx } = m;
  const { t, results } = ctx;
  const main = ctx.primary;
  if (!main) return para(t.msg.answerNotEstimable);
  const rows: Cell[][] = rowsAt(results, main.id, main.visit)
    .filter((o) => comparisonOf(o) === comparisonOf(main))
    .map((o) => [
      estimatorLabel(ctx, o, main),
      twoLines(ctx.names.population(o.population), `${t.msg.analysedLabel}: ${analysedOfRandomised(m, o)}`),
      intercurrentText(m, o),
      missingDataText(m, o),
      summaryMeasureText(m, o),
    ]);
  return renderTable({ caption: t.msg.estimandsCaption(pairWords(ctx)), head: [t.msg.estimator, t.msg.whoAnalysed, t.msg.estimandFields.intercurrentEvents, t.msg.estimandFields.missingData, t.msg.estimandFields.summaryMeasure], rows, className: 'data text' }, m);
}

/** "IPS versus service as usual": a comparison by its arms' names. */
function pairWords(ctx: ChartContext): string {
  return ctx.t.msg.treatmentComparison(ctx.intervention.name, midSentence(ctx.control.name));
}

/** A row's multiplicity rule; with k arms also its family, which may span comparisons. */
function multiplicityCell(m: PageModel, o: OutcomeResult, withFamily: boolean): string {
  const { t } = m.ctx;
  if (!o.multiplicity) return '–';
  const rule = t.label('multiplicity', o.multiplicity.method);
  return withFamily && !o.multiplicity.method.startsWith('none') ? t.msg.multiplicityInFamily(rule, o.multiplicity.family) : rule;
}

/**
 * Which comparisons' primary rows results.json adjusts together: one group per multiplicity family
 * (its rule and its comparisons), and those it leaves unadjusted. Nothing here adjusts anything.
 */
function multiplicityAcross(m: PageModel, each: ReadonlyArray<[unknown, ChartContext]>): string {
  const { t } = m.ctx;
  const families = new Map<string, { rule: string; pairs: string[] }>();
  const none: string[] = [];
  for (const [, c] of each) {
    const mult = c.primary?.multiplicity;
    if (!mult || mult.method.startsWith('none')) none.push(pairWords(c));
    else {
      const f = families.get(mult.family) ?? { rule: t.label('multiplicity', mult.method), pairs: [] };
      f.pairs.push(pairWords(c));
      families.set(mult.family, f);
    }
  }
  const groups = [...families].map(([family, f]) => t.msg.multiplicityFamilyPairs(family, f.rule, t.msg.listWords(f.pairs)));
  if (none.length) groups.push(t.msg.multiplicityNonePairs(t.msg.listWords(none)));
  return groups.join('; ');
}

/** One line per kind of analysis the results hold: effect sizes, responders, harms, subgroups, MNAR. */
function otherMethods(m: PageModel): string[] {
  const { ctx } = m;
  const { t, results } = ctx;
  const out = [t.msg.methodConfidence(t.fmt.pct(results.confLevel), t.fmt.num(results.alpha, 2))];
  if (ctx.mainRows.some((o) => o.cohensD)) out.push(t.msg.methodCohensD);
  if (ctx.mainRows.some((o) => o.responder)) out.push(t.msg.methodResponders);
  if (results.effectRates.some((r) => r.pooled)) out.push(t.msg.methodEffectRate);
  if (results.safety.length) out.push(t.msg.methodHarms);
  if (results.subgroups.length) out.push(t.msg.methodSubgroups);
  if (results.tippingPoints.length) out.push(t.msg.methodTipping);
  return out;
}
