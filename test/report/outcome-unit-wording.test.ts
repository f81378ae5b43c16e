/**
 * The unit after a difference of means. A new-user audit on MASS::anorexia found the report
 * writing "4.1 points" for a weight difference in lb: every sentence said "points" whatever the
 * outcome. results.json ≥ 1.6.0 echoes each outcome's declared unit (labels.units) and the
 * report writes it, and names it in the primary-outcome and sensitivity charts' axes and the
 * sensitivity table's column; an outcome without one (a score), or a results.json from before
 * 1.6.0, is still worded in points, its axes without a unit. Each row: a trial's results, a language, and what its page must say.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial, runAnalysis, type AnalysisResults } from '../../src/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { loadResults } from './inputs.ts';

type Mutable = { -readonly [K in keyof AnalysisResults]: AnalysisResults[K] };

/** The page's text without markup, entities decoded, whitespace collapsed; then every chart's Vega-Lite spec (titles and axes). */
async function pageText(results: AnalysisResults, lang: 'da' | 'en'): Promise<string> {
  const built = await buildReport(results, null, { lang, date: '2026-11-27', png: false });
  const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
  const charts = built.artefacts.filter((a) => a.name.endsWith('.vl.json')).map((a) => String(a.content));
  return [html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>'), ...charts].join(' ').replace(/\s+/g, ' ');
}

/** Anorexia's two tipping-point rows made to tip at 2.5 and to never tip up to 10 (it has nothing missing, so both are "not applicable"). */
function withTipping(r: AnalysisResults): AnalysisResults {
  const x = structuredClone(r) as Mutable;
  x.tippingPoints = x.tippingPoints.map((t, k) => ({ ...t, status: 'estimated', reason: null, tippingDelta: k === 0 ? 2.5 : null, searchedUpTo: 10, direction: 'against-intervention' }));
  return x;
}

/** The same results as a results.json without units (before 1.6.0, or a spec that declares none). */
function withoutUnits(r: AnalysisResults): AnalysisResults {
  const x = structuredClone(r) as Mutable;
  const { units: _dropped, ...labels } = x.labels!;
  x.labels = labels;
  return x;
}

/** The twin's scores (a 1.4.0 results.json, no units) given a unit that differs by language. */
function twinWithUnit(): AnalysisResults {
  const x = structuredClone(loadResults()) as Mutable;
  x.labels = { ...x.labels!, units: { qpr15: { da: 'QPR-point', en: 'QPR points' } } };
  return x;
}

const pages: Record<string, string> = {};
const cases = {
  'anorexia, unit lb': () => withTipping(anorexia),
  'anorexia, no unit': () => withoutUnits(withTipping(anorexia)),
  'twin, no unit (results.json 1.4.0)': () => loadResults(),
  'twin, unit per language': () => twinWithUnit(),
  'epilepsy, a count in seizures': () => epilepsy,
} as const;
type Case = keyof typeof cases;
let anorexia: AnalysisResults;
let epilepsy: AnalysisResults;

beforeAll(async () => {
  const real = join(repoRoot, 'data-samples/real');
  anorexia = runAnalysis(await loadTrial(join(real, 'anorexia.csv'), join(real, 'anorexia.spec.json')));
  epilepsy = runAnalysis(await loadTrial(join(real, 'epilepsy.csv'), join(real, 'epilepsy.spec.json')));
  for (const c of Object.keys(cases) as Case[]) for (const lang of ['da', 'en'] as const) pages[`${c}|${lang}`] = await pageText(cases[c](), lang);
}, 90_000);

describe('results.json echoes the declared unit', () => {
  it('anorexia (lb): labels.units holds the spec\'s unit in both languages', () => {
    expect(anorexia.schemaVersion).toBe('1.7.0');
    expect(anorexia.labels?.units).toEqual({ weight: { da: 'lb', en: 'lb' } });
  });
});

// [case, language, sentences the page must hold, words it must not hold]
const rows: ReadonlyArray<readonly [Case, 'da' | 'en', readonly string[], RegExp | null]> = [
  ['anorexia, unit lb', 'en', [
    'On average, weight at end of treatment was 4.1 lb higher in the CBT group than in the Cont group.',
    'At end of treatment: difference 4.1 lb (95% CI 0.3 to 7.9; p = 0.034)',
    // Both comparisons are in the primary family: each gets its own verdict (k-arms-primary-family).
    'FT versus Cont: yes. The FT group did better, and chance is an unlikely explanation. At end of treatment: difference 8.7 lb (95% CI 4.3 to 13.0; p < 0.001)',
    'Difference (lb), CBT versus Cont 4.1', // a key figure per comparison (three arms)
    'At end of treatment the difference in weight between the CBT and the Cont group was 4.1 lb (95% CI 0.3 to 7.9',
    'were 2.5 lb worse than assumed under missing at random (MAR)',
    'The conclusion does not change for shifts up to 10.0 lb.',
    'Difference in lb (95% CI)', // the sensitivity table's column
    '"Difference in lb (CBT − Cont; 95% CI)"', // the sensitivity chart's axis
    '"Adjusted mean in lb (95% CI)"', // the primary-outcome chart's axis …
    '"Difference 4.1 lb (95% CI 0.3 to 7.9); p = 0.034',
    'difference 4.1 lb (95% CI 0.3 to 7.9).', // … its subtitle and its text alternative
  ], /\bpoints?\b(?! is comparable| because)/],
  ['anorexia, unit lb', 'da', [
    'I gennemsnit var vægt ved behandlingsslut 4,1 lb højere i CBT-gruppen end i Cont-gruppen.',
    'Ved behandlingsslut: forskel 4,1 lb (95 %-KI 0,3 til 7,9; p = 0,034)',
    'Ved behandlingsslut: forskel 8,7 lb (95 %-KI 4,3 til 13,0; p < 0,001)',
    'Forskel (lb), CBT over for Cont 4,1',
    'Ved behandlingsslut var forskellen i vægt mellem CBT- og Cont-gruppen 4,1 lb (95 %-KI 0,3 til 7,9',
    'var 2,5 lb dårligere end under antagelsen om tilfældigt manglende data (MAR)',
    'Konklusionen ændres ikke ved forskydninger op til 10,0 lb.',
    'Forskel i lb (95 %-KI)',
    '"Forskel i lb (CBT − Cont; 95 %-KI)"',
    '"Justeret gennemsnit i lb (95 %-KI)"',
    '"Forskel 4,1 lb (95 %-KI 0,3 til 7,9); p = 0,034',
  ], /\bpoint\b/],
  ['anorexia, no unit', 'en', [
    'Participants in the CBT group scored on average 4.1 points higher on weight at end of treatment than participants in the Cont group.',
    'At end of treatment: difference 4.1 points (95% CI 0.3 to 7.9; p = 0.034)',
    'At end of treatment: difference 8.7 points (95% CI 4.3 to 13.0; p < 0.001)',
    'Difference (points), CBT versus Cont 4.1',
    'between the CBT and the Cont group was 4.1 points (95% CI',
    'were 2.5 points worse than assumed',
    'shifts up to 10.0 points.',
    '"Difference (CBT − Cont; 95% CI)"',
    '"Adjusted mean (95% CI)"',
    '"Difference 4.1 (95% CI 0.3 to 7.9); p = 0.034',
  ], /\blb\b/],
  ['anorexia, no unit', 'da', [
    'Deltagerne i CBT-gruppen scorede i gennemsnit 4,1 point højere på vægt ved behandlingsslut end deltagerne i Cont-gruppen.',
    'Ved behandlingsslut: forskel 4,1 point (95 %-KI',
    'Ved behandlingsslut: forskel 8,7 point (95 %-KI',
    'Forskel (point), CBT over for Cont 4,1',
    'mellem CBT- og Cont-gruppen 4,1 point (95 %-KI',
    'var 2,5 point dårligere end',
    'forskydninger op til 10,0 point.',
    '"Forskel (CBT − Cont; 95 %-KI)"',
    '"Justeret gennemsnit (95 %-KI)"',
  ], /\blb\b/],
  ['twin, no unit (results.json 1.4.0)', 'en', [
    'Participants in the PEER group scored on average 5.1 points higher on personal recovery (QPR-15) at end of course than participants in the SAU group (QPR-15 runs from 0 to 60; a higher score is better).',
    'the smallest difference between groups considered important (4 points)',
    'At end of course: difference 5.1 points (95% CI 2.9 to 7.3; p < 0.001)',
    'the difference was 3.7 points (95% CI 1.1 to 6.2; p = 0.005).',
    'Difference (points) 5.1',
    'The conclusion does not change for shifts up to 10.8 points.',
  ], null],
  ['twin, no unit (results.json 1.4.0)', 'da', [
    'Deltagerne i PEER-gruppen scorede i gennemsnit 5,1 point højere på personlig recovery (QPR-15) ved forløbets afslutning end deltagerne i SAU-gruppen',
    'der regnes for betydningsfuld (4 point)',
    'Ved forløbets afslutning: forskel 5,1 point (95 %-KI 2,9 til 7,3; p < 0,001)',
    'Ved 6-måneders opfølgning var forskellen 3,7 point (95 %-KI 1,1 til 6,2; p = 0,005).',
    'Forskel (point) 5,1',
    'Konklusionen ændres ikke ved forskydninger op til 10,8 point.',
  ], null],
  ['twin, unit per language', 'en', [
    'On average, personal recovery (QPR-15) at end of course was 5.1 QPR points higher in the PEER group than in the SAU group (QPR-15 runs from 0 to 60; a higher score is better).',
    'considered important (4 QPR points)',
    'difference 5.1 QPR points (95% CI',
    'the difference was 3.7 QPR points (95% CI',
    'Difference (QPR points) 5.1',
    'shifts up to 10.8 QPR points.',
  ], null],
  ['twin, unit per language', 'da', [
    'I gennemsnit var personlig recovery (QPR-15) ved forløbets afslutning 5,1 QPR-point højere i PEER-gruppen end i SAU-gruppen',
    'betydningsfuld (4 QPR-point)',
    'forskel 5,1 QPR-point (95 %-KI',
    'var forskellen 3,7 QPR-point (95 %-KI',
    'Forskel (QPR-point) 5,1',
    'forskydninger op til 10,8 QPR-point.',
  ], null],
  // A count's unit is not the unit of its rate ratio: no "0.7 seizures", no "Difference in seizures".
  ['epilepsy, a count in seizures', 'en', [], /\d seizures|\(seizures\)|in seizures|seizures (higher|lower)/],
  ['epilepsy, a count in seizures', 'da', [], /\d seizures|\(seizures\)|i seizures|seizures (højere|lavere)/],
];

describe('every sentence about a difference of means names the outcome\'s unit, else points', () => {
  it.each(rows)('%s, %s', (c, lang, says, never) => {
    const p = pages[`${c}|${lang}`];
    for (const s of says) expect(p).toContain(s);
    // Responder criteria, percentage points and "time points" keep their own words; nothing else may say points.
    // (Vega-Lite's "point" marks are chart syntax, not words.)
    if (never) expect(p.replace(/procentpoint|percentage points?|tipping[- ]point|time points|"type": ?"point"|"point": ?\{/gi, '')).not.toMatch(never);
  });
});
