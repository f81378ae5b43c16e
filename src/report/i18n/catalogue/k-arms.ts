/**
 * Sentences only a trial with more than two arms needs: where a page-1 or interpretation text
 * covers every comparison, each names its pair, since "the intervention" and "the control" no
 * longer say which arms are meant. Two-arm reports never use these.
 */
import { e } from '../entry.ts';

type S = string;

export const kArms = {
  /** The change-over-time chart: which comparison each arm's own adjusted mean is taken from. */
  /** `means` false: the chart's figures are not adjusted means (proportions, rates: charts/change-figures.ts). */
  changeArmSources: e(
    (list: S, means = true) => `Med flere end to grupper er hver gruppes ${means ? 'gennemsnit' : 'tal'} dens eget estimat fra den første sammenligning, gruppen indgår i: ${list}.`,
    (list, means = true) => `With more than two groups, each group's ${means ? 'mean' : 'figure'} is its own estimate from the first comparison the group is part of: ${list}.`,
  ),
  armsFrom: e((arms: S, comparison: S) => `${arms} fra ${comparison}`, (arms, comparison) => `${arms} from ${comparison}`),

  /** Interpretation, one item per comparison: the primary answer naming both arms of the pair. */
  interpBenefitPair: e(
    (i: S, c: S, o: S, v: S) => `${i} forbedrede ${o} ved ${v} sammenlignet med ${c}, og konfidensintervallet udelukker ingen effekt.`,
    (i, c, o, v) => `${i} improved ${o} at ${v} compared with ${c}, and the confidence interval excludes no effect.`,
  ),
  interpHarmPair: e(
    (i: S, c: S, o: S, v: S) => `${i}-gruppen klarede sig dårligere end ${c}-gruppen på ${o} ved ${v}, og konfidensintervallet udelukker ingen effekt.`,
    (i, c, o, v) => `The ${i} group did worse than the ${c} group on ${o} at ${v}, and the confidence interval excludes no effect.`,
  ),
  interpUnclearPair: e(
    (i: S, c: S, o: S, v: S) => `Forsøget viser ingen tydelig forskel mellem ${i} og ${c} i ${o} ved ${v}; det er ikke det samme som at vise, at der ingen forskel er.`,
    (i, c, o, v) => `The trial shows no clear difference between ${i} and ${c} in ${o} at ${v}; that is not the same as showing there is none.`,
  ),
  /** The other outcomes of one comparison; the note on exploratory outcomes follows once, after every comparison. */
  interpOthersPair: e(
    (yes: S | null, no: S | null, unconfirmed: S | null) => `${yes ? `Øvrige effektmål med en tydelig forskel: ${yes}.` : 'Ingen øvrige effektmål viste en tydelig forskel.'}${unconfirmed ? ` Ikke bekræftet efter justering for flere sammenligninger: ${unconfirmed}.` : ''}${no ? ` Ingen tydelig forskel: ${no}.` : ''}`,
    (yes, no, unconfirmed) => `${yes ? `Other outcomes with a clear difference: ${yes}.` : 'No other outcome showed a clear difference.'}${unconfirmed ? ` Not confirmed after adjustment for multiple comparisons: ${unconfirmed}.` : ''}${no ? ` No clear difference: ${no}.` : ''}`,
  ),
  interpExploratory: e('De udforskende effektmål er ikke justeret for multiplicitet.', 'The exploratory outcomes are not adjusted for multiplicity.'),

  /**
   * Page 1 when the plan's primary family holds more than one comparison: one question naming every
   * intervention against the shared control, and a verdict per comparison naming its pair.
   */
  questionArms: e(
    (arms: S, c: S, o: S, v: S) => `Giver ${arms} bedre ${o} ved ${v} end ${c} alene?`,
    (arms, c, o, v) => `Do ${arms} give better ${o} at ${v} than ${c} alone?`,
  ),
  answerBenefitPair: e(
    (i: S, c: S) => `${i} over for ${c}: ja. ${i}-gruppen klarede sig bedre, og tilfældigheder er en usandsynlig forklaring.`,
    (i, c) => `${i} versus ${c}: yes. The ${i} group did better, and chance is an unlikely explanation.`,
  ),
  answerHarmPair: e(
    (i: S, c: S) => `${i} over for ${c}: nej. ${i}-gruppen klarede sig dårligere, og tilfældigheder er en usandsynlig forklaring.`,
    (i, c) => `${i} versus ${c}: no. The ${i} group did worse, and chance is an unlikely explanation.`,
  ),
  answerUnclearPair: e(
    (i: S, c: S) => `${i} over for ${c}: ikke tydeligt. Forskellen mellem grupperne kan skyldes tilfældigheder.`,
    (i, c) => `${i} versus ${c}: not clearly. The difference between the groups could be due to chance.`,
  ),

  answerNotConfirmedPair: e(
    (i: S, c: S, better: boolean) => `${i} over for ${c}: ikke bekræftet. ${i}-gruppen klarede sig ${better ? 'bedre' : 'dårligere'}, men efter justering for flere sammenligninger kan forskellen skyldes tilfældigheder.`,
    (i, c, better) => `${i} versus ${c}: not confirmed. The ${i} group did ${better ? 'better' : 'worse'}, but after adjustment for multiple comparisons the difference could be due to chance.`,
  ),
  /** Page 1's responder and harms lines, one per comparison of the primary family, each naming its pair (front.ts responderLine, safetyLine). */
  responderLinePair: e(
    (i: S, c: S, def: S, ri: S, rc: S, diff: S, ci: S, visit: S, nOf: S) =>
      `Observeret, ${i} over for ${c}: ${ri} i ${i}-gruppen og ${rc} i ${c}-gruppen opfyldte responderkriteriet (${def}), en forskel på ${diff} procentpoint (${ci}). Tallet omfatter kun deltagere, der blev målt ved ${visit} (${nOf}).`,
    (i, c, def, ri, rc, diff, ci, visit, nOf) =>
      `Observed, ${i} versus ${c}: ${ri} in the ${i} group and ${rc} in the ${c} group met the responder criterion (${def}), a difference of ${diff} percentage points (${ci}). It counts only participants measured at ${visit} (${nOf}).`,
  ),
  responderLineSuppressedPair: e(
    (i: S, c: S, def: S, ri: S, rc: S) => `${i} over for ${c}: ${ri} i ${i}-gruppen og ${rc} i ${c}-gruppen opfyldte responderkriteriet (${def}); forskellen vises ikke, da under 5 personer i én gruppe ville kunne regnes ud af den.`,
    (i, c, def, ri, rc) => `${i} versus ${c}: ${ri} in the ${i} group and ${rc} in the ${c} group met the responder criterion (${def}); fewer than 5 people in one group make the difference too revealing to show.`,
  ),
  safetyLinePair: e((i: S, c: S, visit: S, text: S) => `Skadevirkninger, ${i} over for ${c}, ved ${visit}: ${text}.`, (i, c, visit, text) => `Harms, ${i} versus ${c}, at ${visit}: ${text}.`),
  interpNotConfirmedPair: e(
    (i: S, c: S, o: S, v: S, better: boolean) => `${i}-gruppen klarede sig ${better ? 'bedre' : 'dårligere'} end ${c}-gruppen på ${o} ved ${v}, men efter justering for flere sammenligninger er forskellen ikke bekræftet og kan skyldes tilfældigheder.`,
    (i, c, o, v, better) => `The ${i} group did ${better ? 'better' : 'worse'} than the ${c} group on ${o} at ${v}, but after adjustment for multiple comparisons the difference is not confirmed and could be due to chance.`,
  ),

  /** Key figures: one box per comparison, its pair in the label, CI, p and Cohen's d below the number. */
  keyFigurePair: e((measure: S, i: S, c: S) => `${measure}, ${i} over for ${c}`, (measure, i, c) => `${measure}, ${i} versus ${c}`),

  /** The forest charts: one per comparison, each turned towards its own first-named arm. */
  /** `table`: forestTable's sentence on what the table below gives. */
  forestIntroPairs: e(
    (table: S) => `Cohens d med konfidensinterval, én figur pr. sammenligning, vendt så højre side altid er til fordel for den først nævnte gruppe i sammenligningen, også hvor en lavere score er bedre. ${table}`,
    (table) => `Cohen's d with confidence interval, one chart per comparison, turned so that the right-hand side always favours the first-named group of that comparison, also where a lower score is better. ${table}`,
  ),
} as const;
