/** The economics section and its charts (CHEERS 2022 items that apply). */
import { e, stop } from '../entry.ts';

/** English "year" or "years" for an already formatted number ("1", "2", "1.5"). */
const yearWord = (n: string): string => (n === '1' ? 'year' : 'years');

type S = string;

export const economics = {
  economicsTitle: e('Økonomi', 'Economics'),
  economicsWithheld: e(
    'Økonomien vises ikke: effektraten, den bygger på, hviler på en optælling på 1–4 personer i forsøget, og hvert beløb afledt af den ville afsløre optællingen.',
    'The economics are not shown: the effect rate they rest on depends on a count of 1–4 people in the trial, and every amount derived from it would give that count away.',
  ),
  economicsIntro: e(
    (title: S) => `${title}. Beregningen er en kommunal business case (budgetpåvirkning) og en afregning med en social investor: investoren forfinansierer forløbet, og kommunen betaler for dokumenterede resultater.`,
    (title) => `${title}. The calculation is a municipal business case (budget impact) and a settlement with a social investor: the investor pre-finances the course and the municipality pays for documented outcomes.`,
  ),
  assumptionsCaption: e('Forudsætninger og deres kilder', 'Assumptions and their sources'),
  itemLabel: e('Forudsætning', 'Assumption'),
  valueLabel: e('Værdi', 'Value'),
  sourceLabel: e('Kilde', 'Source'),
  perspectiveItem: e('Perspektiv', 'Perspective'),
  perspectiveValue: e('Kommunens budget (social-, sundheds- og beskæftigelsesområdet) og investorens', "The municipality's budget (social services, health, employment) and the investor's"),
  populationItem: e('Borgere', 'Citizens'),
  populationValue: e(
    (n: S, groups: S, perGroup: S, years: S) => `${n} (${groups} hold à ${perGroup} om året i ${years} år)`,
    (n, groups, perGroup, years) => `${n} (${groups} groups of ${perGroup} a year for ${years} years)`,
  ),
  horizonItem: e('Tidshorisont', 'Time horizon'),
  horizonValue: e(
    (h: S, last: S) => `hver borgers besparelse tælles i ${h} år fra forløbets år; pengestrømmen dækker år 1–${last}`,
    (h, last) => `each citizen's saving is counted for ${h} years from the course year; the cash flow covers years 1–${last}`,
  ),
  discountItem: e('Diskonteringsrente', 'Discount rate'),
  discountValue: e(
    (rate: S) => `${rate} om året (Finansministeriets rente er 3,5 %; tornadodiagrammet viser, hvad den betyder)`,
    (rate) => `${rate} a year (the Danish Finance Ministry's rate is 3.5%; the tornado chart shows what it changes)`,
  ),
  priceYearItem: e('Valuta og prisår', 'Currency and price year'),
  priceYearValue: e((currency: S) => `${currency}; prisåret er ikke angivet (tallene er brugt som offentliggjort)`, (currency) => `${currency}; the price year is not stated (figures used as published)`),
  costItem: e('Kommunens pris pr. borger (inkl. betaling til investor)', "The municipality's price per citizen (including payment to the investor)"),
  effectRateItem: e((name: S) => `Nettoeffektrate: ${name}`, (name) => `Net effect rate: ${name}`),
  savingItem: e((group: S) => `Besparelse pr. borger med effekt: ${group}`, (group) => `Saving per citizen who achieves the effect: ${group}`),
  savingValue: e((amount: S, share: S) => `${amount} over tidshorisonten; ${share} af målgruppen`, (amount, share) => `${amount} over the horizon; ${share} of the target group`),
  prefinancingItem: e('Investorens forfinansiering pr. borger', "The investor's pre-financing per citizen"),
  rateCardItem: e((effect: S) => `Prisliste: ${effect}`, (effect) => `Rate card: ${effect}`),
  rateCardValue: e(
    (price: S, net: boolean) => `${price} pr. opnået resultat${net ? ' ud over dødvægten (netto)' : ' (brutto)'}`,
    (price, net) => `${price} per achieved outcome${net ? ' above deadweight (net)' : ' (gross)'}`,
  ),
  capItem: e('Loft over resultatbetalinger i alt', 'Cap on total outcome payments'),
  noCap: e('intet loft', 'no cap'),
  lagItem: e('Betalingstidspunkt', 'Payment timing'),
  lagValue: e((years: S) => `${years} år efter hvert holds forløbsår`, (years) => `${years} ${yearWord(years)} after each cohort's course year`),
  psaItem: e('Usikkerhed (PSA)', 'Uncertainty (PSA)'),
  psaValue: e(
    (draws: S, seed: S) => `${draws} simuleringer (seed ${seed}): effektraten fra forsøgets standardfejl; besparelser og pris fra scenariets fordelinger`,
    (draws, seed) => `${draws} simulations (seed ${seed}): the effect rate from the trial's standard error; savings and price from the scenario's distributions`,
  ),
  sourceScenario: e('scenariet', 'the scenario'),
  sourceFundPlan: e('fondens business case', "the fund's business case"),
  sourceFund: e('fondens tal (SØM), ikke målt i forsøget', "the fund's figures (SØM), not measured in the trial"),
  respondersOn: e((outcome: S, visit: S) => `respondere på ${outcome} ved ${visit}`, (outcome, visit) => `responders on ${outcome} at ${visit}`),
  sourceTrial: e(
    (metric: S, pooled: boolean) => `dette forsøg (${metric}${pooled ? ', multipel imputation' : ''})`,
    (metric, pooled) => `this trial (${metric}${pooled ? ', multiple imputation' : ''})`,
  ),
  sourceProvenance: e(
    { published: 'offentliggjort af fonden', derived: 'udledt af fondens tal', assumed: 'antagelse i scenariet', trial: 'forsøget' },
    { published: 'published by the fund', derived: "derived from the fund's figures", assumed: 'assumption in the scenario', trial: 'the trial' },
  ),
  sourceAssumed: e('antagelse i scenariet (ikke offentliggjort)', 'assumption in the scenario (not public)'),
  sourceNotStated: e('ikke angivet', 'not stated'),
  sourceDocumentElsewhere: e((id: S) => `Kildedokumentet er angivet (på engelsk) i scenariefilen ${id}.`, (id) => `The source document is named in the scenario file ${id}.`),
  sourceDocument: e((text: S) => `Kildedokument: ${text}`, (text) => `Source document: ${text}`),

  economicsResultsTitle: e('Kommunens resultat', "The municipality's result"),
  economicsResult: e(
    (saving: S, cost: S, net: S) => `Forventet besparelse ${saving} pr. borger mod en pris på ${cost}: netto ${net} pr. borger.`,
    (saving, cost, net) => `Expected saving ${saving} per citizen against a price of ${cost}: net ${net} per citizen.`,
  ),
  economicsTotals: e(
    (years: S, atYears: S, last: S, atLast: S, payback: S | null) => `Akkumuleret nettoresultat: ${atYears} efter år ${years} (når det sidste hold er færdigt) og ${atLast} efter år ${last}.${payback ? ` Udgiften er tjent hjem i år ${payback}.` : ''}`,
    (years, atYears, last, atLast, payback) => `Cumulative net result: ${atYears} after year ${years} (when the last cohort finishes) and ${atLast} after year ${last}.${payback ? ` The cost is recovered in year ${payback}.` : ''}`,
  ),
  cashFlowCaption: e('Akkumuleret nettopengestrøm pr. år for kommunen og investoren', 'Cumulative net cash flow by year for the municipality and the investor'),
  savingsCaption: e('Forventet besparelse pr. borger fordelt på forvaltning', 'Expected saving per citizen by administration'),
  investorTitle: e('Investoren og betalingerne', 'The investor and the payments'),
  investorSplit: e(
    (cost: S, prefin: S, ret: S, total: S, limit: 'floor' | 'cap' | null) => `Af kommunens ${cost} pr. borger tilbagebetaler ${prefin} investorens forfinansiering, og ${ret} er investorens afkast (resultatbetalinger i alt ${total}${limit === 'cap' ? ', begrænset af loftet' : limit === 'floor' ? ', hævet til gulvet' : ''}).`,
    (cost, prefin, ret, total, limit) => `Of the municipality's ${cost} per citizen, ${prefin} repays the investor's pre-financing and ${ret} is the investor's return (outcome payments ${total} in all${limit === 'cap' ? ', held to the cap' : limit === 'floor' ? ', raised to the floor' : ''}).`,
  ),
  investorSummary: e(
    (pre: S, pay: S, irr: S, lag: S) => `Investoren forfinansierer ${pre} i forløbsårene og modtager ${pay} i resultatbetalinger ${lag} år efter hvert hold (intern rente ${irr}).`,
    (pre, pay, irr, lag) => `The investor pre-finances ${pre} in the course years and receives ${pay} in outcome payments ${lag} ${yearWord(lag)} after each cohort (internal rate of return ${irr}).`,
  ),
  rateCardCaption: e('Prisliste: pris pr. opnået resultat, forventede resultater og betalinger før og efter loft', 'Rate card: price per achieved outcome, expected outcomes and payments before and after the cap'),
  paymentMetric: e('Betalingsmål', 'Payment metric'),
  pricePerOutcome: e('Pris pr. resultat', 'Price per outcome'),
  outcomesAchieved: e('Forventede resultater', 'Expected outcomes'),
  paymentsBefore: e('Betaling før loft', 'Payments before the cap'),
  paymentsAfter: e('Betaling efter loft', 'Payments after the cap'),
  rateCardTotal: e('I alt, efter loftet over alle betalinger', 'Total, after the cap on all payments'),
  scheduleCaption: e((unit: S) => `Betalingsplan pr. år (${unit})`, (unit) => `Payment schedule by year (${unit})`),
  thousandKroner: e('1.000 kr.', 'DKK 1,000'),
  year: e('År', 'Year'),
  scheduleSavings: e('Kommunens besparelse', "Municipality's saving"),
  scheduleCost: e('Pris i business casen', 'Price in the business case'),
  schedulePayments: e('Betaling til investor', 'Payment to the investor'),
  schedulePrefinancing: e('Investorens forfinansiering', "Investor's pre-financing"),
  scheduleCumulative: e('Kommunens akkumulerede netto', "Municipality's cumulative net"),
  scheduleNote: e(
    (lag: S) => `Business casen bogfører prisen i hvert holds forløbsår; efter kontrakten betaler kommunen investoren ${lag} år senere, når resultaterne er dokumenteret.`,
    (lag) => `The business case books the price in each cohort's course year; under the contract the municipality pays the investor ${lag} ${yearWord(lag)} later, once the outcomes are documented.`,
  ),
  uncertaintyTitle: e('Usikkerhed og nulpunkt', 'Uncertainty and break-even'),
  uncertaintyText: e(
    (draws: S, p: S, pInv: S, median: S, lo: S, hi: S) => `I ${draws} simuleringer sparer forløbet penge i ${p} af tilfældene, og investoren får hele forfinansieringen tilbage i ${pInv}. Det samlede nettoresultat har median ${median}; 95 % af simuleringerne ligger mellem ${lo} og ${stop(hi)}`,
    (draws, p, pInv, median, lo, hi) => `In ${draws} simulations the course saves money in ${p} of cases, and the investor is repaid in full in ${pInv}. The total net result has median ${median}; 95% of the simulations lie between ${lo} and ${stop(hi)}`,
  ),
  breakEven: e(
    (effect: S, rate: S, cost: S) => `Kommunen går netto i nul ved en effektrate (${effect}) på ${rate}, eller ved en pris på ${cost} pr. borger med forsøgets effektrate.`,
    (effect, rate, cost) => `The municipality breaks even at an effect rate (${effect}) of ${rate}, or at a price of ${cost} per citizen with the trial's effect rate.`,
  ),
  breakEvenCaption: e('Samlet nettoresultat efter effektrate, med nulpunktet', 'Total net result by effect rate, with the break-even point'),
  psaCaption: e('Fordelingen af det samlede nettoresultat i den probabilistiske følsomhedsanalyse', 'Distribution of the total net result in the probabilistic sensitivity analysis'),
  tornadoCaption: e('Envejsfølsomhed: det samlede nettoresultat, når én forudsætning ad gangen sættes til sin lave og høje værdi', 'One-way sensitivity: the total net result when one assumption at a time is set to its low and high value'),

  cashFlowTitle: e('Akkumuleret nettopengestrøm pr. betaler', 'Cumulative net cash flow by payer'),
  cashFlowSubtitle: e(
    (years: S, horizon: S, discount: S) => `Forløb i år 1–${years} (gråt); besparelser i ${horizon} år pr. borger; diskonteringsrente ${discount}`,
    (years, horizon, discount) => `Courses in years 1–${years} (grey); savings for ${horizon} years per citizen; discount rate ${discount}`,
  ),
  cashFlowAxisY: e('Akkumuleret netto (mio. kr.)', 'Cumulative net (DKK million)'),
  cashFlowAxisYTotal: e('Samlet nettoresultat (mio. kr.)', 'Total net result (DKK million)'),
  cashFlowAlt: e(
    (y1: S, years: S, atYears: S, last: S, atLast: S, investor: S) => `Kommunens akkumulerede netto: ${y1} efter år 1, ${atYears} efter år ${years} og ${atLast} efter år ${last}. Investorens: ${investor} til sidst.`,
    (y1, years, atYears, last, atLast, investor) => `The municipality's cumulative net: ${y1} after year 1, ${atYears} after year ${years} and ${atLast} after year ${last}. The investor's: ${investor} at the end.`,
  ),
  payerMunicipality: e('Kommunen', 'Municipality'),
  payerInvestor: e('Investor', 'Investor'),
  savingsTitle: e('Besparelse pr. borger fordelt på forvaltning', 'Saving per citizen by administration'),
  savingsAxis: e('Besparelse pr. borger (kr.)', 'Saving per citizen (DKK)'),
  savingsSource: e('Fondens SØM-tal gange forsøgets effektrate', "The fund's SØM figures times the trial's effect rate"),
  savingsAlt: e(
    (list: S, total: S, flagged: boolean) => `Besparelse pr. borger: ${list}; i alt ${stop(total)}${flagged ? ' Sundhedsbesparelsen er antaget; forsøget viste ingen tydelig forskel.' : ''}`,
    (list, total, flagged) => `Saving per citizen: ${list}; ${total} in all.${flagged ? ' The health saving is assumed; the trial showed no clear difference.' : ''}`,
  ),
  administrations: e({ social: 'Socialområdet', health: 'Sundhedsområdet', employment: 'Beskæftigelsesområdet' }, { social: 'Social services', health: 'Health', employment: 'Employment' }),
  psaTitle: e('Usikkerhed: samlet nettoresultat over alle simuleringer', 'Uncertainty: total net result over all simulations'),
  psaSubtitle: e((p: S, draws: S) => `P(nettobesparelse > 0) = ${p} (${draws} simuleringer)`, (p, draws) => `P(net saving > 0) = ${p} (${draws} simulations)`),
  psaRange: e((lo: S, hi: S) => `95 % af simuleringerne: ${lo} til ${hi} (stiplede linjer)`, (lo, hi) => `95% of simulations: ${lo} to ${hi} (dotted lines)`),
  psaAxisX: e('Samlet nettoresultat (mio. kr.)', 'Total net result (DKK million)'),
  psaAxisY: e('Simuleringer', 'Simulations'),
  psaLoss: e('nettoudgift', 'net cost'),
  psaSaving: e('nettobesparelse', 'net saving'),
  psaAlt: e(
    (draws: S, p: S, median: S, lo: S, hi: S) => `${draws} simuleringer: nettobesparelse i ${p}; median ${median}; 95 % mellem ${lo} og ${stop(hi)}`,
    (draws, p, median, lo, hi) => `${draws} simulations: net saving in ${p}; median ${median}; 95% between ${lo} and ${stop(hi)}`,
  ),
  tornadoTitle: e('Hvad betyder mest (envejsfølsomhed)', 'What matters most (one-way sensitivity)'),
  tornadoAxis: e('Samlet nettoresultat (mio. kr.)', 'Total net result (DKK million)'),
  tornadoLow: e('lav værdi', 'low value'),
  tornadoHigh: e('høj værdi', 'high value'),
  tornadoBase: e((a: S) => `Basisscenariet giver ${a}; hver række: forudsætning (lav – høj værdi)`, (a) => `The base case gives ${a}; each row: assumption (low – high value)`),
  tornadoAlt: e(
    (base: S, top: S, lo: S, hi: S) => `Basisscenarie ${stop(base)} Størst betydning: ${top}, der giver ${lo} til ${stop(hi)}`,
    (base, top, lo, hi) => `Base case ${stop(base)} Largest effect: ${top}, giving ${lo} to ${stop(hi)}`,
  ),
  breakEvenTitle: e('Nulpunkt: nettoresultat efter effektrate', 'Break-even: net result by effect rate'),
  breakEvenAxisX: e((name: S) => `Nettoeffektrate (${name})`, (name) => `Net effect rate (${name})`),
  breakEvenPoint: e((rate: S) => `nulpunkt ${rate}`, (rate) => `break-even ${rate}`),
  breakEvenBase: e((rate: S) => `brugt ${rate}`, (rate) => `used ${rate}`),
  breakEvenSubtitle: e('Alle effekter skaleret sammen', 'All effects scaled together'),
  breakEvenSubtitleTrial: e((ci: S) => `Skygge: forsøgets ${ci} for effektraten`, (ci) => `Shaded: the trial's ${ci} for the effect rate`),
  breakEvenAlt: e(
    (name: S, be: S, base: S, total: S, ci: S | null, above: boolean) =>
      `Nettoresultatet er 0 ved en effektrate (${name}) på ${be}; med den brugte rate ${base} er det ${stop(total)}${ci ? ` Forsøgets konfidensinterval for raten (${ci} procent) ligger ${above ? 'helt over' : 'ikke helt over'} nulpunktet.` : ''}`,
    (name, be, base, total, ci, above) =>
      `The net result is 0 at an effect rate (${name}) of ${be}; at the rate used, ${base}, it is ${stop(total)}${ci ? ` The trial's confidence interval for the rate (${ci} percent) lies ${above ? 'wholly above' : 'not wholly above'} break-even.` : ''}`,
  ),
} as const;
