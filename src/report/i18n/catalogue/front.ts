/** Page furniture and page 1: title, synthetic-data warnings, plain words, the question, the answer and the money. */
import { e, stop } from '../entry.ts';

type S = string;

export const front = {
  htmlLang: e('da', 'en'),
  reportTitle: e('Rapport til udvalget', 'Report to the committee'),
  reportDate: e((date: S) => `Rapportdato: ${date}`, (date) => `Report date: ${date}`),
  noDate: e('Rapportdato ikke angivet; dataversionen nedenfor identificerer rapporten.', 'No report date given; the data version below identifies the report.'),
  tocTitle: e('Indhold', 'Contents'),
  figureLabel: e('Figur', 'Figure'),
  tableLabel: e('Tabel', 'Table'),
  /** "Side 3 af 18": the words before, between and after the two numbers. */
  pageOf: e<readonly [S, S, S]>(['Side ', ' af ', ''], ['Page ', ' of ', '']),

  syntheticBannerTitle: e('Syntetiske data.', 'Synthetic data.'),
  syntheticBannerText: e('Intet i denne rapport er dokumentation for indsatsens virkning.', 'Nothing in this report is evidence about the effect of the intervention.'),
  syntheticChartNote: e('SYNTETISKE DATA – ikke resultater fra forsøget', 'SYNTHETIC DATA – not results of the trial'),
  syntheticRunningHeader: e('SYNTETISKE DATA – ikke dokumentation for indsatsens virkning', 'SYNTHETIC DATA – not evidence about the intervention'),
  syntheticShort: e('Syntetiske data', 'Synthetic data'),

  summaryTitle: e('Sammenfatning', 'Summary'),
  plainTitle: e('Kort fortalt', 'In plain words'),
  /** `unit`: the outcome's declared unit ("lb"), worded as a measurement; null: a score, worded in points. */
  plainEffect: e(
    (arm: S, size: S, direction: S, outcome: S, visit: S, control: S, scale: S | null, unit: S | null) =>
      unit === null
        ? `Deltagerne i ${arm}-gruppen scorede i gennemsnit ${size} point ${direction} på ${outcome} ved ${visit} end deltagerne i ${control}-gruppen${scale ? ` (${scale})` : ''}.`
        : `I gennemsnit var ${outcome} ved ${visit} ${size} ${unit} ${direction} i ${arm}-gruppen end i ${control}-gruppen${scale ? ` (${scale})` : ''}.`,
    (arm, size, direction, outcome, visit, control, scale, unit) =>
      unit === null
        ? `Participants in the ${arm} group scored on average ${size} points ${direction} on ${outcome} at ${visit} than participants in the ${control} group${scale ? ` (${scale})` : ''}.`
        : `On average, ${outcome} at ${visit} was ${size} ${unit} ${direction} in the ${arm} group than in the ${control} group${scale ? ` (${scale})` : ''}.`,
  ),
  /** A difference of shares (binary outcome, cumulative incidence) in plain words. */
  plainShare: e(
    (arm: S, size: S, direction: S, outcome: S, visit: S, control: S) => `Andelen med ${outcome} ved ${visit} var ${size} procentpoint ${direction} i ${arm}-gruppen end i ${control}-gruppen.`,
    (arm, size, direction, outcome, visit, control) => `The share with ${outcome} at ${visit} was ${size} percentage points ${direction} in the ${arm} group than in the ${control} group.`,
  ),
  /** A ratio (rate, risk, odds, hazard) in plain words; `measure` with its article ("rateratioen", "the rate ratio"). */
  plainRatio: e(
    (arm: S, times: S, outcome: S, visit: S, control: S, measure: S) => `Ved ${visit} var ${measure} for ${outcome} i ${arm}-gruppen over for ${control}-gruppen ${times} (1 betyder ingen forskel).`,
    (arm, times, outcome, visit, control, measure) => `At ${visit}, ${measure} for ${outcome} in the ${arm} group against the ${control} group was ${times} (1 means no difference).`,
  ),
  /** The unit of a difference of scores when the outcome declares none. */
  points: e('point', 'points'),
  higher: e('højere', 'higher'),
  lower: e('lavere', 'lower'),
  plainScale: e(
    (instrument: S, min: S, max: S, higherIsBetter: boolean) => `${instrument} går fra ${min} til ${max}; en ${higherIsBetter ? 'højere' : 'lavere'} score er bedre`,
    (instrument, min, max, higherIsBetter) => `${instrument} runs from ${min} to ${max}; a ${higherIsBetter ? 'higher' : 'lower'} score is better`,
  ),
  plainMcid: e(
    (rel: 'above' | 'about' | 'below', mcid: S, ci: S | null, unit: S) =>
      `Det er ${rel === 'above' ? 'mere end' : rel === 'about' ? 'omtrent' : 'mindre end'} den mindste forskel mellem grupper, der regnes for betydningsfuld (${mcid} ${unit})${ci ? `, men konfidensintervallet (${ci}) rummer også mindre forskelle` : ''}.`,
    (rel, mcid, ci, unit) => `That is ${rel === 'above' ? 'more than' : rel === 'about' ? 'about' : 'less than'} the smallest difference between groups considered important (${mcid} ${unit})${ci ? `, though the confidence interval (${ci}) also includes smaller differences` : ''}.`,
  ),
  plainUncertain: e('Forskellen kan skyldes tilfældigheder.', 'The difference could be due to chance.'),
  plainUncertainAdjusted: e('Efter justering for flere sammenligninger kan forskellen skyldes tilfældigheder.', 'After adjustment for multiple comparisons, the difference could be due to chance.'),

  questionTitle: e('Spørgsmålet', 'The question'),
  question: e(
    (i: S, c: S, o: S, v: S) => `Giver ${i} bedre ${o} ved ${v} end ${c} alene?`,
    (i, c, o, v) => `Does ${i} give better ${o} at ${v} than ${c} alone?`,
  ),
  answerTitle: e('Svaret', 'The answer'),
  answerBenefit: e('Ja. Indsatsgruppen klarede sig bedre, og tilfældigheder er en usandsynlig forklaring.', 'Yes. The intervention group did better, and chance is an unlikely explanation.'),
  answerHarm: e('Nej. Indsatsgruppen klarede sig dårligere, og tilfældigheder er en usandsynlig forklaring.', 'No. The intervention group did worse, and chance is an unlikely explanation.'),
  answerUnclear: e('Ikke tydeligt. Forskellen mellem grupperne kan skyldes tilfældigheder.', 'Not clearly. The difference between the groups could be due to chance.'),
  answerNotEstimable: e('Det primære effektmål kunne ikke estimeres.', 'The primary outcome could not be estimated.'),
  /** The interval excludes no effect, but the family's adjustment for multiple comparisons (Holm, …) does not reject; `better`: the way the estimate points. */
  answerNotConfirmed: e(
    (better: boolean) => `Ikke bekræftet. Indsatsgruppen klarede sig ${better ? 'bedre' : 'dårligere'}, men efter justering for flere sammenligninger kan forskellen skyldes tilfældigheder.`,
    (better) => `Not confirmed. The intervention group did ${better ? 'better' : 'worse'}, but after adjustment for multiple comparisons the difference could be due to chance.`,
  ),
  /** The answer's p beside its multiplicity-adjusted p; `p`: formatted ("p = 0.011"), `method`: the family's rule ("Holm"), after a comma — the line stands inside parentheses already. */
  adjustedP: e((p: S, method: S) => `justeret ${p}, ${method}`, (p, method) => `adjusted ${p}, ${method}`),
  /** `effect`: the measure, its value and unit ("difference 5.1 points", "rate ratio 0.73"; summary.ts effectWords). */
  answerDetail: e(
    (visit: S, effect: S, ci: S, p: S, d: S) => `Ved ${visit}: ${effect} (${ci}; ${p}); standardiseret effekt (Cohens d) ${d}.`,
    (visit, effect, ci, p, d) => `At ${visit}: ${effect} (${ci}; ${p}); standardised effect (Cohen's d) ${d}.`,
  ),
  otherComparison: e(
    (comparison: S, visit: S, effect: S, ci: S, p: S, d: S) => `${comparison} ved ${visit}: ${effect} (${ci}; ${p}); Cohens d ${d}.`,
    (comparison, visit, effect, ci, p, d) => `${comparison} at ${visit}: ${effect} (${ci}; ${p}); Cohen's d ${d}.`,
  ),
  otherComparisonNotEstimable: e((comparison: S, visit: S) => `${comparison} ved ${visit}: kunne ikke estimeres.`, (comparison, visit) => `${comparison} at ${visit}: not estimable.`),
  /** `measure`: the measure's name with its article ("forskellen", "the difference"); `value`: its number and unit. */
  laterVisit: e(
    (visit: S, measure: S, value: S, ci: S, p: S) => `Ved ${visit} var ${measure} ${value} (${ci}; ${p}).`,
    (visit, measure, value, ci, p) => `At ${visit} ${measure} was ${value} (${ci}; ${p}).`,
  ),
  /** The summary's words for a row's effect measure: as the subject of a sentence, and after its value. */
  measureWords: e(
    {
      'mean-difference': ['forskel', 'forskellen'], 'rmst-difference': ['forskel i begrænset middeltid', 'forskellen i begrænset middeltid'],
      'risk-difference': ['risikoforskel', 'risikoforskellen'], 'incidence-difference': ['forskel i kumuleret incidens', 'forskellen i kumuleret incidens'],
      'risk-ratio': ['relativ risiko', 'den relative risiko'], 'odds-ratio': ['oddsratio', 'oddsratioen'], 'rate-ratio': ['rateratio', 'rateratioen'], 'hazard-ratio': ['hazardratio', 'hazardratioen'],
    } as Readonly<Record<string, readonly [string, string]>>,
    {
      'mean-difference': ['difference', 'the difference'], 'rmst-difference': ['difference in restricted mean time', 'the difference in restricted mean time'],
      'risk-difference': ['risk difference', 'the risk difference'], 'incidence-difference': ['difference in cumulative incidence', 'the difference in cumulative incidence'],
      'risk-ratio': ['risk ratio', 'the risk ratio'], 'odds-ratio': ['odds ratio', 'the odds ratio'], 'rate-ratio': ['rate ratio', 'the rate ratio'], 'hazard-ratio': ['hazard ratio', 'the hazard ratio'],
    },
  ),
  responderLine: e(
    (def: S, il: S, i: S, cl: S, c: S, diff: S, ci: S, visit: S, nOf: S) =>
      `Observeret: ${i} i ${il}-gruppen og ${c} i ${cl}-gruppen opfyldte responderkriteriet (${def}), en forskel på ${diff} procentpoint (${ci}). Tallet omfatter kun deltagere, der blev målt ved ${visit} (${nOf}).`,
    (def, il, i, cl, c, diff, ci, visit, nOf) =>
      `Observed: ${i} in the ${il} group and ${c} in the ${cl} group met the responder criterion (${def}), a difference of ${diff} percentage points (${ci}). It counts only participants measured at ${visit} (${nOf}).`,
  ),
  responderLineSuppressed: e(
    (def: S, il: S, i: S, cl: S, c: S) => `${i} i ${il}-gruppen og ${c} i ${cl}-gruppen opfyldte responderkriteriet (${def}); forskellen vises ikke, da under 5 personer i én gruppe ville kunne regnes ud af den.`,
    (def, il, i, cl, c) => `${i} in the ${il} group and ${c} in the ${cl} group met the responder criterion (${def}); fewer than 5 people in one group make the difference too revealing to show.`,
  ),
  nOfN: e((n: S, of: S, arm: S) => `${n} af ${of} i ${arm}`, (n, of, arm) => `${n} of ${of} in ${arm}`),
  effectRatePooled: e(
    (rate: S, ci: S, m: S, used: boolean) => `${used ? 'Økonomien bruger effektraten' : 'Effektraten til økonomien er'} ${rate} (${ci}): den samme forskel, men estimeret for alle randomiserede, hvor manglende målinger er erstattet ved multipel imputation (${m} imputerede datasæt). Derfor er den lidt anderledes end den observerede forskel.`,
    (rate, ci, m, used) => `${used ? 'The economics use an effect rate of' : 'The effect rate for the economics is'} ${rate} (${ci}): the same difference, estimated for all randomised participants with missing measurements multiply imputed (${m} imputed datasets). That is why it differs a little from the observed difference.`,
  ),
  effectRateObserved: e(
    (rate: S, ci: S, used: boolean) => `${used ? 'Økonomien bruger' : 'Til økonomien bruges'} denne observerede forskel som effektrate: ${rate} (${ci}).`,
    (rate, ci, used) => `${used ? 'The economics use' : 'The economics would use'} this observed difference as the effect rate: ${rate} (${ci}).`,
  ),
  effectRateNotUsed: e(
    (rate: S, ci: S, own: S) => `Forsøgets effektrate er ${rate} (${ci}), men økonomien i denne rapport er ikke koblet til forsøget og bruger scenariets egen effektrate, ${own}.`,
    (rate, ci, own) => `The trial's effect rate is ${rate} (${ci}), but the economics in this report are not linked to the trial and use the scenario's own effect rate, ${own}.`,
  ),
  nntLine: e(
    (nnt: S) => `Omkring ${nnt} borgere skal have forløbet, for at én mere forbedrer sig så meget.`,
    (nnt) => `About ${nnt} citizens need the course for one more to improve this much.`,
  ),
  safetyLine: e((visit: S, text: S) => `Skadevirkninger ved ${visit}: ${text}.`, (visit, text) => `Harms at ${visit}: ${text}.`),
  safetyNoSignal: e((o: S) => `ingen tydelig forskel mellem grupperne (${o})`, (o) => `no clear difference between the groups (${o})`),

  moneyTitle: e('Pengene', 'The money'),
  moneyCost: e(
    (cost: S, prefin: S, ret: S) => `Kommunen betaler ${cost} pr. borger: ${prefin} tilbagebetaler investorens forfinansiering af forløbet, og ${ret} er investorens afkast.`,
    (cost, prefin, ret) => `The municipality pays ${cost} per citizen: ${prefin} repays the investor's pre-financing of the course and ${ret} is the investor's return.`,
  ),
  moneyCostContract: e(
    (cost: S, paid: S, prefin: S) => `Forløbet koster ${cost} pr. borger; efter kontrakten betaler kommunen investoren ${paid} pr. borger for dokumenterede resultater, mod investorens forfinansiering på ${prefin} pr. borger.`,
    (cost, paid, prefin) => `The course costs ${cost} per citizen; under the contract the municipality pays the investor ${paid} per citizen for documented outcomes, against the investor's pre-financing of ${prefin} per citizen.`,
  ),
  moneySaving: e(
    (a: S, years: S) => `Den forventede besparelse er ${a} pr. borger over ${years} år.`,
    (a, years) => `The expected saving is ${a} per citizen over ${years} years.`,
  ),
  moneyNet: e((a: S) => `Nettoresultat: ${a} pr. borger.`, (a) => `Net result: ${a} per citizen.`),
  moneyTotal: e(
    (n: S, perYear: S, years: S, horizon: S, atYears: S, last: S, atLast: S, discount: S) =>
      `For ${n} borgere (${perYear} om året i ${years} år), hvor hver borgers besparelse tælles i ${horizon} år, er kommunens akkumulerede nettoresultat ${atYears} efter år ${years} og ${atLast} efter år ${last} (diskonteringsrente ${discount}).`,
    (n, perYear, years, horizon, atYears, last, atLast, discount) =>
      `For ${n} citizens (${perYear} a year for ${years} years), counting each citizen's saving for ${horizon} years, the municipality's cumulative net result is ${atYears} after year ${years} and ${atLast} after year ${last} (discount rate ${discount}).`,
  ),
  moneyProbability: e(
    (p: S, lo: S, hi: S) => `Sandsynligheden for, at forløbet samlet sparer penge, er ${p}; 95 % af simuleringerne giver et samlet nettoresultat mellem ${lo} og ${stop(hi)}`,
    (p, lo, hi) => `The probability that the course saves money overall is ${p}; 95% of the simulations give a total net result between ${lo} and ${stop(hi)}`,
  ),
  moneyInvestor: e((p: S) => `Sandsynligheden for, at investoren får hele sin forfinansiering tilbage: ${p}.`, (p) => `The probability that the investor is repaid in full: ${p}.`),
  moneyPayback: e((y: S) => `Kommunen har tjent udgiften hjem i år ${y}.`, (y) => `The municipality has recovered the cost in year ${y}.`),
  moneyNoPayback: e('Kommunen tjener ikke udgiften hjem inden for tidshorisonten.', 'The municipality does not recover the cost within the horizon.'),
  moneyAbsent: e('Økonomien indgår ikke i denne rapport.', 'The economics are not part of this report.'),
  moneySource: e(
    'Besparelserne er fondens forudsætninger (SØM-beregninger), ikke målinger fra forsøget; kun effektraten kommer fra forsøget.',
    "The savings are the fund's assumptions (SØM calculations), not measurements from the trial; only the effect rate comes from the trial.",
  ),
  healthFlag: e(
    (amount: S, rows: S, without: S) => `Bemærk: scenariet regner med en besparelse på sundhedsområdet på ${amount} pr. borger, men forsøget viste ingen tydelig forskel i ${rows}. Uden sundhedsbesparelsen ville nettoresultatet være ${without} pr. borger.`,
    (amount, rows, without) => `Note: the scenario counts a health saving of ${amount} per citizen, but the trial showed no clear difference in ${rows}. Without the health saving the net result would be ${without} per citizen.`,
  ),
  healthFlagShort: e((names: S) => `* Sundhed: antaget; forsøget viste ingen tydelig forskel i ${names}.`, (names) => `* Health: assumed; the trial showed no clear difference in ${names}.`),
  keyFigureDifference: e((unit: S) => `Forskel (${unit})`, (unit) => `Difference (${unit})`),
  keyFigureD: e('Cohens d', "Cohen's d"),
  keyFigureP: e('p-værdi', 'p-value'),
  keyFigureNet: e('Netto pr. borger', 'Net per citizen'),

  listWords: e(
    (xs: readonly S[]) => (xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} og ${xs[xs.length - 1]}`),
    (xs) => (xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`),
  ),
  rangeTo: e('til', 'to'),
  noRows: e('Ingen i denne resultatfil.', 'None in this results file.'),
  notEstimable: e('kunne ikke estimeres', 'not estimable'),
  untranslated: e('(kun på engelsk)', '(English only)'),
  notGiven: e('ikke angivet i forsøgsspecifikationen', 'not given in the trial specification'),
} as const;
