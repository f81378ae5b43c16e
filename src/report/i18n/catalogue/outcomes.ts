/** Results: the primary outcome, all outcomes, change over time, responders, sensitivity, harms, subgroups, interpretation and limitations. */
import { e } from '../entry.ts';

type S = string;

const upperFirst = (x: S): S => `${x.charAt(0).toUpperCase()}${x.slice(1)}`;

export const outcomes = {
  primaryTitle: e('Primært effektmål', 'Primary outcome'),
  /** `per`: what each group's figure is, when not an adjusted mean (armFigures: "standardised proportion", "proportion with the event by τ = 5"). */
  primaryIntro: e(
    (o: S, v: S, per: S | null = null) => `${o} ved ${v}: ${per ?? 'justeret gennemsnit'} pr. gruppe med konfidensinterval.`,
    (o, v, per = null) => `${o} at ${v}: ${per ?? 'adjusted mean'} per group with confidence interval.`,
  ),
  primaryCaption: e((per: S | null = null) => `Det primære effektmål: ${per ?? 'justeret gennemsnit'} pr. gruppe`, (per = null) => `The primary outcome: ${per ?? 'adjusted mean'} per group`),
  primarySentence: e(
    (visit: S, i: S, c: S, outcome: S, measure: S, value: S, ci: S, p: S, d: S) => `Ved ${visit} var ${measure} i ${outcome} mellem ${i}- og ${c}-gruppen ${value} (${ci}; ${p}; Cohens d ${d}).`,
    (visit, i, c, outcome, measure, value, ci, p, d) => `At ${visit} ${measure} in ${outcome} between the ${i} and the ${c} group was ${value} (${ci}; ${p}; Cohen's d ${d}).`,
  ),
  primaryWho: e((nOf: S, missing: S) => `Analyseret: ${nOf}. Manglende data: ${missing}.`, (nOf, missing) => `Analysed: ${nOf}. Missing data: ${missing}.`),
  primaryAlt: e(
    (outcome: S, visit: S, means: S, effect: S, per: S | null = null) => `${outcome} ved ${visit}, ${per ?? 'justeret gennemsnit'}: ${means}; ${effect}.`,
    (outcome, visit, means, effect, per = null) => `${outcome} at ${visit}, ${per ?? 'adjusted means'}: ${means}; ${effect}.`,
  ),
  /** A time-to-event row's figures per arm (charts/arm-figures.ts): `tau` "τ = 5" or a bare "τ". */
  armEventByTau: e((tau: S) => `andel med hændelsen ved ${tau}`, (tau) => `proportion with the event by ${tau}`),
  armRmstToTau: e((tau: S, unit: S | null) => `begrænset middeltid til hændelsen op til ${tau}${unit ? ` (${unit})` : ''}`, (tau, unit) => `restricted mean time to the event up to ${tau}${unit ? ` (${unit})` : ''}`),
  /** A binary row's figures per arm, in percent: the logistic model's standardised risks, or the observed proportions (charts/arm-figures.ts). */
  armStandardisedProportion: e('standardiseret andel', 'standardised proportion'),
  armObservedProportion: e('observeret andel', 'observed proportion'),
  /** A count row's figures per arm: the observed mean count (no exposure) or rate per `per` ("week"; null: an exposure declared without a unit); `unit` the count's ("seizures"). */
  armObservedMeanCount: e((unit: S | null) => `observeret gennemsnitligt antal${unit ? ` (${unit})` : ''}`, (unit) => `observed mean count${unit ? ` (${unit})` : ''}`),
  armObservedRate: e(
    (per: S | null, unit: S | null) => (unit ? `observeret rate (${unit} pr. ${per ?? 'eksponeringsenhed'})` : `observeret rate pr. ${per ?? 'eksponeringsenhed'}`),
    (per, unit) => (unit ? `observed rate (${unit} per ${per ?? 'unit of exposure'})` : `observed rate per ${per ?? 'unit of exposure'}`),
  ),
  /** The kinds of rows named in the all-outcomes table's caption beside their figures ("time to event: proportion with the event by τ"). */
  armKinds: e({ binary: 'binære', count: 'tællinger', 'time-to-event': 'tid til hændelse' }, { binary: 'binary', count: 'counts', 'time-to-event': 'time to event' }),
  /** The all-outcomes table's "adjusted mean per group" with rows of other figures among others (`others`: "kind: figure" per armKinds, "; "-joined). */
  perGroupWithOthers: e((others: S) => `justeret gennemsnit pr. gruppe (${others})`, (others) => `adjusted mean per group (${others})`),
  /** No row with adjusted means, rows of several figures. */
  figuresPerGroup: e((figures: S) => `tal pr. gruppe (${figures})`, (figures) => `figures per group (${figures})`),
  perGroup: e((per: S) => `${per} pr. gruppe`, (per) => `${per} per group`),
  adjustedMean: e('Justeret gennemsnit', 'Adjusted mean'),
  difference: e('Forskel', 'Difference'),
  /** Axis and column titles of one outcome that declares its unit (a score's stay "Forskel"/"Justeret gennemsnit"). */
  differenceIn: e((unit: S) => `Forskel i ${unit}`, (unit) => `Difference in ${unit}`),
  adjustedMeanIn: e((unit: S) => `Justeret gennemsnit i ${unit}`, (unit) => `Adjusted mean in ${unit}`),
  cohensD: e('Cohens d', "Cohen's d"),
  pValue: e('p', 'p'),
  pAdjusted: e('p (justeret for multiplicitet)', 'p (adjusted for multiplicity)'),
  multiplicity: e('Multiplicitet', 'Multiplicity'),
  outcome: e('Effektmål', 'Outcome'),
  comparisonHeading: e((i: S, c: S) => `${i} over for ${c}`, (i, c) => `${i} versus ${c}`),
  visit: e('Måling', 'Visit'),
  estimator: e('Analyse', 'Analysis'),

  forestTitle: e('Alle effektmål: standardiserede effekter', 'All outcomes: standardised effects'),
  /** `table`: forestTable's sentence on what the table below gives. */
  forestIntro: e(
    (i: S, table: S) => `Cohens d med konfidensinterval, vendt så højre side altid er til fordel for ${i}, også hvor en lavere score er bedre. ${table}`,
    (i, table) => `Cohen's d with confidence interval, turned so that the right-hand side always favours ${i}, also where a lower score is better. ${table}`,
  ),
  /** What the all-outcomes table gives: `effects` null when every row is a difference of means, else the measure ("rateratioen") or forestTableEachRow. */
  forestTable: e(
    (effects: S | null) => (effects === null ? 'Tabellen under giver gennemsnit og forskelle i effektmålenes egne enheder ved hver måling.' : `Tabellen under giver gennemsnit og ${effects} ved hver måling.`),
    (effects) => (effects === null ? "The table below gives means and differences in each outcome's own units at every visit." : `The table below gives means and ${effects} at every visit.`),
  ),
  forestTableEachRow: e('hver rækkes effekt i dens eget mål (en forskel eller en ratio)', "each row's effect in its own measure (a difference or a ratio)"),
  forestCaption: e('Standardiserede effekter (Cohens d) for alle effektmål ved deres primære måling', "Standardised effects (Cohen's d) for every outcome at its primary visit"),
  forestSubtitle: e('Cohens d', "Cohen's d"),
  forestAxis: e((i: S) => `Cohens d (positiv = bedre for ${i})`, (i) => `Cohen's d (positive = better for ${i})`),
  forestAxisShort: e('Cohens d', "Cohen's d"),
  favours: e((arm: S) => `til fordel for ${arm}`, (arm) => `favours ${arm}`),
  noEffect: e('ingen effekt', 'no effect'),
  // At 0 for a difference, 1 for a ratio (the subgroup chart of a ratio).
  dashedNoEffect: e((at: S) => `stiplet linje ved ${at}: ingen effekt`, (at) => `dashed line at ${at}: no effect`),
  forestAlt: e(
    (i: S, list: S, favoured: S, total: S) => `Cohens d (positiv er til fordel for ${i}): ${list}. Intervallet ligger over 0 for ${favoured} af ${total} effektmål.`,
    (i, list, favoured, total) => `Cohen's d (positive favours ${i}): ${list}. The interval lies above 0 for ${favoured} of ${total} outcomes.`,
  ),
  higherIsWorseNote: e('lavere er bedre', 'lower is better'),
  /** `pairs`: "PEER − SAU", or with k arms every comparison's (pairFormulas). */
  outcomesTableCaption: e(
    (pairs: S, per: S | null = null) => `Alle effektmål ved hver måling, primær analyse: ${per ?? 'justeret gennemsnit pr. gruppe'}; forskel = ${pairs} med konfidensinterval`,
    (pairs, per = null) => `Every outcome at every visit, primary analysis: ${per ?? 'adjusted mean per group'}; difference = ${pairs} with confidence interval`,
  ),
  /** Every row in one measure other than a difference of means: `measure` its name ("rate ratio"), `pairs` as in outcomesTableCaption ("Progabide / placebo"). */
  outcomesTableCaptionIn: e(
    (pairs: S, measure: S, per: S | null = null) => `Alle effektmål ved hver måling, primær analyse: ${per ?? 'justeret gennemsnit pr. gruppe'}; ${measure} = ${pairs} med konfidensinterval`,
    (pairs, measure, per = null) => `Every outcome at every visit, primary analysis: ${per ?? 'adjusted mean per group'}; ${measure} = ${pairs} with confidence interval`,
  ),
  /** With k arms: the pairs in a caption, each row's comparison named by the heading row above it. */
  eachUnderItsHeading: e((list: S) => `${list} (hver række under sin sammenlignings overskrift)`, (list) => `${list} (each row under its comparison's heading)`),
  /** Rows in several measures: each row names its own under its estimate. */
  outcomesTableCaptionMixed: e(
    (i: S, c: S, per: S | null = null) => `Alle effektmål ved hver måling, primær analyse: ${per ?? 'justeret gennemsnit pr. gruppe'}; effekten af ${i} over for ${c} i hver rækkes eget mål (en forskel ${i} − ${c} eller en ratio ${i} / ${c}) med konfidensinterval`,
    (i, c, per = null) => `Every outcome at every visit, primary analysis: ${per ?? 'adjusted mean per group'}; the effect of ${i} against ${c} in each row's own measure (a difference ${i} − ${c} or a ratio ${i} / ${c}) with confidence interval`,
  ),
  /** Rows of several measures and comparisons (k arms): `differences` and `ratios` as pairFormulas writes them. */
  outcomesTableCaptionMixedPairs: e(
    (differences: S, ratios: S, per: S | null = null) => `Alle effektmål ved hver måling, primær analyse: ${per ?? 'justeret gennemsnit pr. gruppe'}; effekten i hver rækkes eget mål, en forskel (${differences}) eller en ratio (${ratios}) for sammenligningen i overskriften over rækken, med konfidensinterval`,
    (differences, ratios, per = null) => `Every outcome at every visit, primary analysis: ${per ?? 'adjusted mean per group'}; the effect in each row's own measure, a difference (${differences}) or a ratio (${ratios}) for the comparison in the heading above the row, with confidence interval`,
  ),
  /** The effect column of a table whose rows are in several measures (each row names its own under its estimate). */
  effectEachRow: e('Effekt', 'Effect'),

  changeTitle: e('Udvikling over tid', 'Change over time'),
  changeIntro: e(
    'Justeret gennemsnit pr. gruppe ved hver opfølgningsmåling fra den primære analyse, så alle punkter er sammenlignelige. Baseline vises ikke som punkt, fordi modellerne justerer for den; gennemsnit ved baseline står i tabellen med karakteristika ved baseline.',
    'Adjusted mean per group at every follow-up visit from the primary analysis, so every point is comparable. Baseline is not a point because the models adjust for it; baseline means are in the table of baseline characteristics.',
  ),
  /** Outcomes with fewer than two follow-up visits: a trajectory needs two points, so they are left out of the chart (their results are in the all-outcomes table). */
  changeLeftOut: e(
    (outcomes: S) => `Effektmål, der kun er målt ved ét tidspunkt, er udeladt, fordi en udvikling over tid kræver mindst to målinger: ${outcomes}. Deres resultater står i tabellen over alle effektmål.`,
    (outcomes) => `Outcomes measured at one visit only are left out, because a change over time needs at least two visits: ${outcomes}. Their results are in the table of all outcomes.`,
  ),
  changeCaption: e('Justeret gennemsnit pr. gruppe ved hver opfølgningsmåling', 'Adjusted mean per group at each follow-up visit'),
  changeChartTitle: e('Justeret gennemsnit ved hver opfølgningsmåling', 'Adjusted mean at each follow-up visit'),
  changeAxisY: e('Justeret gennemsnit', 'Adjusted mean'),
  changeAlt: e((visits: S, primary: S) => `Justeret gennemsnit pr. gruppe ved ${visits}. ${primary}`, (visits, primary) => `Adjusted mean per group at ${visits}. ${primary}`),
  /**
   * The same words when a panel's figures are not adjusted means (charts/change-figures.ts): `per`
   * is every panel's one figure ("standardised proportion"), or null when panels differ (each
   * panel then names its own under its outcome). No claim that the models adjust for baseline:
   * observed proportions and rates are not adjusted at all.
   */
  changeIntroOf: e(
    (per: S | null) => `${per ? `${upperFirst(per)} pr. gruppe` : 'Tal pr. gruppe'} ved hver opfølgningsmåling fra den primære analyse, så alle punkter er sammenlignelige${per ? '' : '; hvert panel har sit eget tal, navngivet under effektmålet'}. Baseline vises ikke som punkt; figuren viser den primære analyses opfølgningsmålinger.`,
    (per) => `${per ? `${upperFirst(per)} per group` : 'Figures per group'} at every follow-up visit from the primary analysis, so every point is comparable${per ? '' : "; each panel has its own figure, named under its outcome"}. Baseline is not a point; the chart shows the primary analysis's follow-up visits.`,
  ),
  changeCaptionOf: e(
    (per: S | null) => `${per ? `${upperFirst(per)} pr. gruppe` : 'Tal pr. gruppe'} ved hver opfølgningsmåling${per ? '' : ' (hvert panel sit eget tal)'}`,
    (per) => `${per ? `${upperFirst(per)} per group` : 'Figures per group'} at each follow-up visit${per ? '' : " (each panel its own figure)"}`,
  ),
  changeChartTitleOf: e((per: S | null) => `${per ? upperFirst(per) : 'Tal pr. gruppe'} ved hver opfølgningsmåling`, (per) => `${per ? upperFirst(per) : 'Figures per group'} at each follow-up visit`),
  /** The y axis when panels plot different figures (one figure: its own name, charts/change-figures.ts). */
  changeAxisYMixed: e('Hvert panels eget tal', "Each panel's own figure"),
  changeAltOf: e(
    (per: S | null, visits: S, primary: S) => `${per ? `${upperFirst(per)} pr. gruppe` : 'Tal pr. gruppe'} ved ${visits}. ${primary}`,
    (per, visits, primary) => `${per ? `${upperFirst(per)} per group` : 'Figures per group'} at ${visits}. ${primary}`,
  ),

  respondersTitle: e('Respondere', 'Responders'),
  respondersIntro: e(
    (visit: S) => `Andelen i hver gruppe, der forbedrede sig mindst den mindste betydningsfulde ændring fra baseline til ${visit}, blandt de målte; med absolutte (risikoforskel) og relative effekter (relativ risiko, oddsratio).`,
    (visit) => `The share of each group that improved by at least the minimal important change from baseline to ${visit}, among those measured; with absolute (risk difference) and relative effects (risk ratio, odds ratio).`,
  ),
  respondersCaption: e('Andel respondere pr. gruppe med konfidensinterval', 'Share of responders per group with confidence interval'),
  respondersTableCaption: e(
    (i: S, c: S) => `Respondere: andel (antal / målte) pr. gruppe, risikoforskel i procentpoint, relativ risiko og oddsratio (${i} over for ${c}) og NNT`,
    (i, c) => `Responders: share (number / measured) per group, risk difference in percentage points, risk ratio and odds ratio (${i} versus ${c}) and NNT`,
  ),
  responderRate: e('Andel respondere', 'Share of responders'),
  riskDifference: e('Risikoforskel', 'Risk difference'),
  riskDifferenceShort: e('Risikoforskel, procentpoint', 'Risk difference, percentage points'),
  riskRatioShort: e('Relativ risiko', 'Risk ratio'),
  oddsRatioShort: e('Oddsratio', 'Odds ratio'),
  percentagePoints: e('procentpoint', 'percentage points'),
  nnt: e('NNT', 'NNT'),
  nntBenefit: e('NNTB', 'NNTB'),
  nntHarm: e('NNTH', 'NNTH'),
  nntInfinite: e('∞', '∞'),
  allBut: e((x: S) => `alle på nær ${x}`, (x) => `all but ${x}`),
  respondersAlt: e((list: S) => `Andel respondere pr. gruppe: ${list}.`, (list) => `Share of responders per group: ${list}.`),

  sensitivityTitle: e('Følsomhedsanalyser', 'Sensitivity analyses'),
  sensitivityIntro: e((o: S, v: S) => `Holder svaret for ${o} ved ${v} under andre antagelser og metoder?`, (o, v) => `Does the answer for ${o} at ${v} hold under other assumptions and methods?`),
  /** `measure`: the primary row's measure with its article ("forskellen", "the rate ratio"). */
  sensitivityCaption: e((measure: S) => `${upperFirst(measure)} i det primære effektmål i hver analyse`, (measure) => `${upperFirst(measure)} in the primary outcome in each analysis`),
  sensitivityTableCaption: e((measure: S) => `Følsomhedsanalyser: analyse og håndtering af manglende data, hvem der analyseres, og ${measure}`, (measure) => `Sensitivity analyses: analysis and handling of missing data, who is analysed, and ${measure}`),
  /** `measure`: the row's measure ("forskel", "rateratio"); `none`: its no-effect value ("0", "1"). */
  sensitivityAlt: e(
    (o: S, list: S, allSame: boolean, measure: S, none: S) => `${o}, ${measure} i hver analyse: ${list}. ${allSame ? `Alle intervaller ligger på samme side af ${none}.` : `Ikke alle intervaller ligger på samme side af ${none}.`}`,
    (o, list, allSame, measure, none) => `${o}, ${measure} in each analysis: ${list}. ${allSame ? `Every interval lies on the same side of ${none}.` : `Not every interval lies on the same side of ${none}.`}`,
  ),
  identicalToPrimary: e(
    (list: S, many: boolean) => `${list} gav præcis samme tal som den primære analyse og vises ikke for sig.`,
    (list, many) => `${list} gave exactly the same numbers as the primary analysis and ${many ? 'are' : 'is'} not shown separately.`,
  ),
  tippingTitle: e('Vendepunkt', 'Tipping point'),
  tippingDelta: e(
    (delta: S, unit: S, group: S | null, better: boolean) => `Konklusionen ændres, hvis de manglende værdier i ${group === null ? 'begge grupper' : `${group}-gruppen`} var ${delta} ${unit} ${better ? 'bedre' : 'dårligere'} end under antagelsen om tilfældigt manglende data (MAR).`,
    (delta, unit, group, better) => `The conclusion changes if the missing values in ${group === null ? 'both groups' : `the ${group} group`} were ${delta} ${unit} ${better ? 'better' : 'worse'} than assumed under missing at random (MAR).`,
  ),
  tippingNever: e((upTo: S, unit: S) => `Konklusionen ændres ikke ved forskydninger op til ${upTo} ${unit}.`, (upTo, unit) => `The conclusion does not change for shifts up to ${upTo} ${unit}.`),
  tippingNotApplicable: e(
    (group: S | null) => `Vendepunktsanalysen er ikke relevant: ${group === null ? 'ingen af grupperne har' : `${group}-gruppen har ingen`} manglende værdier at forskyde.`,
    (group) => `The tipping-point analysis does not apply: ${group === null ? 'neither group has' : `the ${group} group has no`} missing values to shift.`,
  ),

  safetyTitle: e('Skadevirkninger', 'Harms'),
  safetyIntro: e((o: S, i: S, c: S) => `${o} pr. gruppe med rateratio (${i} / ${c}).`, (o, i, c) => `${o} per group with rate ratio (${i} / ${c}).`),
  safetyCaption: e('Skadevirkninger: deltagere med mindst én hændelse / deltagere og det samlede antal pr. gruppe; rateratio med konfidensinterval', 'Harms: participants with at least one event / participants and the total count per group; rate ratio with confidence interval'),
  harmsTotal: e((total: S) => `i alt ${total}`, (total) => `total ${total}`),
  rateRatio: e('Rateratio', 'Rate ratio'),
  seriousEventsTitle: e('Alvorlige hændelser', 'Serious events'),
  eventsCaption: e('Alvorlige hændelser: antal deltagere pr. gruppe', 'Serious events: number of participants per group'),
  event: e('Hændelse', 'Event'),

  subgroupTitle: e('Undergrupper', 'Subgroups'),
  /** `measure`: the outcome's measure ("forskel", "rate ratio"); subgroupCaption's with its article. */
  subgroupIntro: e(
    (o: S, v: S, measure: S) => `${upperFirst(measure)} i ${o} ved ${v} inden for undergrupper. Undergrupper er udforskende; interaktionstesten spørger, om effekten er forskellig mellem dem.`,
    (o, v, measure) => `${upperFirst(measure)} in ${o} at ${v} within subgroups. Subgroups are exploratory; the interaction test asks whether the effect differs between them.`,
  ),
  subgroupCaption: e((measure: S) => `${upperFirst(measure)} inden for undergrupper med interaktionstest`, (measure) => `${upperFirst(measure)} within subgroups, with the interaction test`),
  interactionP: e((p: S) => `interaktion ${p}`, (p) => `interaction ${p}`),
  subgroupAlt: e(
    (o: S, ps: S, none: boolean) => `${o} inden for undergrupper; interaktion: ${ps}. ${none ? 'Ingen tegn på, at effekten er forskellig mellem undergrupperne.' : 'Effekten kan være forskellig mellem undergrupperne.'}`,
    (o, ps, none) => `${o} within subgroups; interaction: ${ps}. ${none ? 'No sign that the effect differs between subgroups.' : 'The effect may differ between subgroups.'}`,
  ),

  discussionTitle: e('Fortolkning og begrænsninger', 'Interpretation and limitations'),
  interpretationTitle: e('Fortolkning', 'Interpretation'),
  limitationsTitle: e('Begrænsninger', 'Limitations'),
  interpBenefit: e((o: S, v: S) => `Indsatsen forbedrede ${o} ved ${v}, og konfidensintervallet udelukker ingen effekt.`, (o, v) => `The intervention improved ${o} at ${v}, and the confidence interval excludes no effect.`),
  interpHarm: e((o: S, v: S) => `Indsatsgruppen klarede sig dårligere på ${o} ved ${v}, og konfidensintervallet udelukker ingen effekt.`, (o, v) => `The intervention group did worse on ${o} at ${v}, and the confidence interval excludes no effect.`),
  interpUnclear: e((o: S, v: S) => `Forsøget viser ingen tydelig forskel i ${o} ved ${v}; det er ikke det samme som at vise, at der ingen forskel er.`, (o, v) => `The trial shows no clear difference in ${o} at ${v}; that is not the same as showing there is none.`),
  /** The interval excludes no effect, but the family's adjustment for multiple comparisons does not reject (effect-words.ts holdsAfterAdjustment). */
  interpNotConfirmed: e(
    (o: S, v: S, better: boolean) => `Indsatsgruppen klarede sig ${better ? 'bedre' : 'dårligere'} på ${o} ved ${v}, men efter justering for flere sammenligninger er forskellen ikke bekræftet og kan skyldes tilfældigheder.`,
    (o, v, better) => `The intervention group did ${better ? 'better' : 'worse'} on ${o} at ${v}, but after adjustment for multiple comparisons the difference is not confirmed and could be due to chance.`,
  ),
  interpRobust: e((n: S) => `Konklusionen er den samme i alle ${n} analyser af det primære effektmål.`, (n) => `The conclusion is the same in all ${n} analyses of the primary outcome.`),
  interpFragile: e((k: S, n: S) => `Konklusionen er ikke den samme i ${k} af ${n} analyser af det primære effektmål.`, (k, n) => `The conclusion differs in ${k} of ${n} analyses of the primary outcome.`),
  /** `unconfirmed`: outcomes whose interval excludes no effect but whose family's adjustment for multiple comparisons does not reject. */
  interpOthers: e(
    (yes: S | null, no: S | null, unconfirmed: S | null) => `${yes ? `Øvrige effektmål med en tydelig forskel: ${yes}.` : 'Ingen øvrige effektmål viste en tydelig forskel.'}${unconfirmed ? ` Ikke bekræftet efter justering for flere sammenligninger: ${unconfirmed}.` : ''}${no ? ` Ingen tydelig forskel: ${no}.` : ''} De udforskende effektmål er ikke justeret for multiplicitet.`,
    (yes, no, unconfirmed) => `${yes ? `Other outcomes with a clear difference: ${yes}.` : 'No other outcome showed a clear difference.'}${unconfirmed ? ` Not confirmed after adjustment for multiple comparisons: ${unconfirmed}.` : ''}${no ? ` No clear difference: ${no}.` : ''} The exploratory outcomes are not adjusted for multiplicity.`,
  ),
  interpHarmsSignal: e('Mindst ét mål for skadevirkninger viste en tydelig forskel mellem grupperne (se afsnittet om skadevirkninger).', 'At least one harms outcome showed a clear difference between the groups (see the harms section).'),
  interpHarmsNone: e('Målene for skadevirkninger viste ingen tydelig forskel mellem grupperne.', 'The harms outcomes showed no clear difference between the groups.'),
  limitMissing: e(
    (share: S, visit: S, tipping = true) => `${share} af de randomiserede i hver gruppe mangler det primære effektmål ved ${visit}; den primære analyse antager, at de mangler tilfældigt givet det observerede (MAR). ${tipping ? 'Følsomhedsanalyserne og vendepunktet viser' : 'Følsomhedsanalyserne viser'}, hvor meget det betyder.`,
    (share, visit, tipping = true) => `${share} of those randomised in each group lack the primary outcome at ${visit}; the primary analysis assumes they are missing at random given what was observed (MAR). ${tipping ? 'The sensitivity analyses and the tipping point show' : 'The sensitivity analyses show'} how much that matters.`,
  ),
  limitPerProtocol: e('Per protokol-analysen sammenligner ikke længere randomiserede grupper og kan være skæv; den er kun en støtte til hovedanalysen.', 'The per-protocol analysis no longer compares randomised groups and may be biased; it only supports the main analysis.'),
  limitMultiplicity: e('Mange effektmål er analyseret; de udforskende er ikke justeret for multiplicitet og bør læses som hypotesegenererende.', 'Many outcomes were analysed; the exploratory ones are not adjusted for multiplicity and should be read as hypothesis-generating.'),
  limitBlinding: e('Forsøgsspecifikationen oplyser ikke om blinding; effektmål, som deltagerne selv udfylder, kan påvirkes af, at de kender deres gruppe.', 'The trial specification does not state blinding; self-reported outcomes can be influenced by participants knowing their group.'),
  limitEconomics: e('Økonomien bygger på fondens forudsætninger om besparelser (SØM), ikke på målte udgifter i forsøget; kun effektraten kommer fra forsøget.', "The economics rest on the fund's assumptions about savings (SØM), not on costs measured in the trial; only the effect rate comes from the trial."),
  limitHealth: e((names: S) => `Besparelsen på sundhedsområdet er antaget, selv om forsøget ikke viste en tydelig forskel i ${names}.`, (names) => `The health saving is assumed although the trial showed no clear difference in ${names}.`),
  limitSynthetic: e('Data er syntetiske: alle tal viser, hvordan analysen virker, ikke hvordan indsatsen virker.', 'The data are synthetic: every number shows how the analysis works, not how the intervention works.'),
} as const;
