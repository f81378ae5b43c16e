/**
 * A one-page planning note for a municipality, in Danish or English: the answer in one
 * paragraph, the assumptions, the power curve (inline SVG), how to read it, the method with its
 * references, and where the trial's numbers came from. Self-contained HTML; every value that
 * reaches it (numbers, file names, ids) goes through esc(); aggregates only.
 */
import type { Lang } from '../../analysis/results/types.ts';
import type { TrialProvenance } from '../../analysis/power/apply-defaults.ts';
import type { PowerResult } from '../../stats/power/types.ts';
import { esc } from '../html/escape.ts';
import { createFormatter, type Formatter } from '../i18n/format.ts';

export interface PlanningNoteInput {
  readonly result: PowerResult;
  readonly fromTrial: TrialProvenance | null;
  /** The power curve for this language, as SVG markup (from renderSvg). */
  readonly curveSvg: string;
}

const text = {
  en: {
    title: 'Planning note: how many participants are needed?',
    designs: { 'two-sample': 'Randomised comparison of two groups (means)', ancova: 'Randomised comparison of two groups, adjusted for baseline (ANCOVA)', 'single-arm': 'One cohort, change compared with a benchmark', proportions: 'Randomised comparison of two groups (proportions)', 'risk-ratio': 'Randomised comparison of two groups (risk ratio)', 'negative-binomial': 'Randomised comparison of two groups (event counts)', 'log-rank': 'Randomised comparison of two groups (time to event)' },
    assumptions: 'Assumptions',
    design: 'Design', effect: 'Effect', alpha: 'Significance level', power: 'Power', allocation: 'Allocation (intervention : control)', dropout: 'Without an outcome (dropout)', de: 'Design effect of course groups', method: 'Method',
    twoSided: 'two-sided', oneSided: 'one-sided',
    deValue: (de: string, icc: string, m: string, arms: 'both' | 'intervention') => `${de} (ICC ${icc}, groups of ${m}${arms === 'intervention' ? ', intervention arm only' : ''})`,
    readTitle: 'How to read this',
    read: [
      'Power is the probability that the study shows a statistically significant effect if the true effect is as assumed. 80% is the usual minimum.',
      'If the true effect is smaller, more participants are needed: the other lines in the chart show an effect a quarter smaller and a quarter larger.',
      'Dropout and course groups (participants in the same group tend to resemble each other) increase the number that must be recruited.',
    ],
    figure: (d: string) => `Power against the number of participants recruited; the dot marks this plan (${d}).`,
    methodTitle: 'Method and references', formula: 'Formula',
    trialTitle: 'Numbers from the trial',
    trialLine: (file: string, outcome: string, visit: string) => `Taken from ${file}, outcome ${outcome} at ${visit}:`,
    benchmark: 'benchmark (change to beat)',
    names: { sd: 'standard deviation', rho: 'baseline–follow-up correlation', dropout: 'dropout', controlRate: 'control-group rate', dispersion: 'dispersion' } as Record<string, string>,
  },
  da: {
    title: 'Planlægningsnotat: Hvor mange deltagere skal der til?',
    designs: { 'two-sample': 'Randomiseret sammenligning af to grupper (gennemsnit)', ancova: 'Randomiseret sammenligning af to grupper, justeret for udgangsniveau (ANCOVA)', 'single-arm': 'Én kohorte, ændring sammenlignet med et sammenligningsgrundlag', proportions: 'Randomiseret sammenligning af to grupper (andele)', 'risk-ratio': 'Randomiseret sammenligning af to grupper (relativ risiko)', 'negative-binomial': 'Randomiseret sammenligning af to grupper (antal hændelser)', 'log-rank': 'Randomiseret sammenligning af to grupper (tid til hændelse)' },
    assumptions: 'Forudsætninger',
    design: 'Design', effect: 'Effekt', alpha: 'Signifikansniveau', power: 'Styrke', allocation: 'Fordeling (indsats : kontrol)', dropout: 'Uden måling (frafald)', de: 'Designeffekt af holdstrukturen', method: 'Metode',
    twoSided: 'tosidet', oneSided: 'ensidet',
    deValue: (de: string, icc: string, m: string, arms: 'both' | 'intervention') => `${de} (ICC ${icc}, hold à ${m}${arms === 'intervention' ? ', kun indsatsgruppen' : ''})`,
    readTitle: 'Sådan læses notatet',
    read: [
      'Styrken er sandsynligheden for, at undersøgelsen viser en statistisk signifikant effekt, hvis den sande effekt er som antaget. 80 % er det sædvanlige minimum.',
      'Er den sande effekt mindre, kræves flere deltagere: de øvrige linjer i figuren viser en effekt, der er en fjerdedel mindre eller større.',
      'Frafald og holdstruktur (deltagere på samme hold ligner ofte hinanden) øger antallet, der skal rekrutteres.',
    ],
    figure: (d: string) => `Styrke efter antal rekrutterede deltagere; punktet markerer denne plan (${d}).`,
    methodTitle: 'Metode og referencer', formula: 'Formel',
    trialTitle: 'Tal fra forsøget',
    trialLine: (file: string, outcome: string, visit: string) => `Hentet fra ${file}, udfald ${outcome} ved ${visit}:`,
    benchmark: 'sammenligningsgrundlag (ændring der skal overgås)',
    names: { sd: 'standardafvigelse', rho: 'korrelation mellem udgangsniveau og opfølgning', dropout: 'frafald', controlRate: 'niveau i kontrolgruppen', dispersion: 'dispersion' } as Record<string, string>,
  },
} as const;

/** The method in a few words, in the note's language (the full technical text stays in power.json). */
export function methodWords(r: PowerResult, lang: Lang): string {
  const da = lang === 'da';
  const rho = typeof r.options.rho === 'number' ? createFormatter(lang).num(r.options.rho, 2) : '';
  switch (r.design) {
    case 'two-sample':
      return da ? 't-test (ikke-central t-fordeling, som R-pakken pwr)' : 't test (noncentral t distribution, as in the R package pwr)';
    case 'ancova':
      return da ? `ANCOVA: t-test med variansen ganget med 1 − ρ² (ρ = ${rho}) og ν = n₀ + n₁ − 3 frihedsgrader` : `ANCOVA: t test with the variance multiplied by 1 − ρ² (ρ = ${rho}) and ν = n₀ + n₁ − 3 degrees of freedom`;
    case 'single-arm':
      return da ? 'Parret t-test af ændringen mod sammenligningsgrundlaget (som pwr, type "paired")' : 'Paired t test of the change against the benchmark (as pwr, type "paired")';
    case 'proportions':
      return r.options.method === 'pooled-z'
        ? da ? 'z-test af to andele med fælles varians under nulhypotesen (som R’s power.prop.test)' : 'z test of two proportions with the pooled variance under the null (as R’s power.prop.test)'
        : da ? 'Sammenligning af andele efter arcsin-transformation (Cohens h, som pwr)' : 'Comparison of proportions after the arcsine transformation (Cohen’s h, as pwr)';
    case 'risk-ratio':
      return da ? 'Wald-test af logaritmen til den relative risiko' : 'Wald test of the log risk ratio';
    case 'negative-binomial':
      return da ? 'Negativ binomial rate-ratio (Zhu & Lakkis 2014)' : 'Negative binomial rate ratio (Zhu & Lakkis 2014)';
    case 'log-rank':
      return da ? 'Log-rank-test / Cox-model; antal hændelser efter Schoenfeld (1983)' : 'Log-rank test / Cox model; number of events by Schoenfeld (1983)';
  }
}

/**
 * The effect in words, e.g. "a difference of 4.0 points (d = 0.37)"; `unit`: the trial outcome's
 * declared unit in the note's language ("kg") — a difference of means in it, not in points (a
 * score's). It had said "4.0 points" for every outcome the plan was taken from.
 */
export function effectWords(r: PowerResult, f: Formatter, unit: string | null = null): string {
  const e = r.effect;
  const da = f.lang === 'da';
  switch (e.metric) {
    case 'd': {
      const d = f.num(e.d as number, 2);
      if (e.delta === null) return da ? `en standardiseret forskel på d = ${d}` : `a standardised difference of d = ${d}`;
      const pts = `${f.num(Math.abs(e.delta), 1)} ${unit ?? (da ? 'point' : 'points')}`;
      if (r.design === 'single-arm') return da ? `en gennemsnitlig ændring, der er ${pts} større end sammenligningsgrundlaget (d = ${d})` : `a mean change ${pts} larger than the benchmark (d = ${d})`;
      return da ? `en forskel på ${pts} (d = ${d})` : `a difference of ${pts} (d = ${d})`;
    }
    case 'intervention-rate': {
      const [p1, p0] = [f.pct(e.interventionRate as number, 1), f.pct(e.controlRate as number, 1)];
      const pp = f.num(Math.abs(e.delta as number) * 100, 1);
      return da ? `${p1} i indsatsgruppen mod ${p0} i kontrolgruppen (${pp} procentpoint)` : `${p1} with the intervention against ${p0} without (${pp} percentage points)`;
    }
    case 'risk-ratio':
      return da ? `en relativ risiko på ${f.num(e.value, 2)} (${f.pct(e.interventionRate as number, 1)} mod ${f.pct(e.controlRate as number, 1)})` : `a risk ratio of ${f.num(e.value, 2)} (${f.pct(e.interventionRate as number, 1)} against ${f.pct(e.controlRate as number, 1)})`;
    case 'rate-ratio':
      return da ? `en rate-ratio på ${f.num(e.value, 2)} (${f.num(e.interventionRate as number, 2)} mod ${f.num(e.controlRate as number, 2)} hændelser pr. deltager)` : `a rate ratio of ${f.num(e.value, 2)} (${f.num(e.interventionRate as number, 2)} against ${f.num(e.controlRate as number, 2)} events per participant)`;
    case 'hazard-ratio':
      return da ? `en hazard ratio på ${f.num(e.value, 2)} (sandsynlighed for hændelse ${f.pct(e.interventionRate as number, 1)} mod ${f.pct(e.controlRate as number, 1)})` : `a hazard ratio of ${f.num(e.value, 2)} (event probability ${f.pct(e.interventionRate as number, 1)} against ${f.pct(e.controlRate as number, 1)})`;
  }
}

/** The answer paragraph; `unit` as for effectWords. */
export function answer(r: PowerResult, f: Formatter, unit: string | null = null): string {
  const da = f.lang === 'da';
  const s = r.sampleSize;
  const single = r.design === 'single-arm';
  const n = (x: number) => (Number.isInteger(x) ? f.int(x) : f.num(x, 1));
  const alpha = f.pct(r.alpha, r.alpha * 100 < 1 ? 1 : 0);
  const sided = da ? (r.alternative === 'two.sided' ? 'tosidet' : 'ensidet') : r.alternative === 'two.sided' ? 'two-sided' : 'one-sided';
  const recruited = single
    ? da ? `${n(s.recruit.cohort)} rekrutterede deltagere` : `${n(s.recruit.cohort)} participants recruited`
    : da ? `${n(s.recruit.control)} rekrutterede i kontrolgruppen og ${n(s.recruit.intervention)} i indsatsgruppen` : `${n(s.recruit.control)} recruited to the control arm and ${n(s.recruit.intervention)} to the intervention arm`;
  const effect = effectWords(r, f, unit);
  const power = f.pct(r.power, 0);
  if (r.solvedFor === 'power') {
    return da ? `Med ${recruited} er sandsynligheden (styrken) for at påvise ${effect} på ${alpha}-niveau (${sided}) ${f.pct(r.power, 1)}.` : `With ${recruited}, the probability (power) of detecting ${effect} at the ${alpha} level (${sided}) is ${f.pct(r.power, 1)}.`;
  }
  if (r.solvedFor === 'effect') {
    return da ? `Med ${recruited} og ${power} styrke på ${alpha}-niveau (${sided}) er den mindste effekt, der kan påvises, ${effect}.` : `With ${recruited} and ${power} power at the ${alpha} level (${sided}), the smallest effect that can be detected is ${effect}.`;
  }
  const a = r.adjustments;
  const equal = !single && s.perArmRoundedUp.control === s.perArmRoundedUp.intervention;
  const who = single
    ? da ? `${n(s.perArmRoundedUp.cohort)} deltagere` : `${n(s.perArmRoundedUp.cohort)} participants`
    : equal
      ? da ? `${n(s.perArmRoundedUp.control)} deltagere pr. arm` : `${n(s.perArmRoundedUp.control)} participants per arm`
      : da ? `${n(s.perArmRoundedUp.control)} deltagere i kontrolgruppen og ${n(s.perArmRoundedUp.intervention)} i indsatsgruppen` : `${n(s.perArmRoundedUp.control)} participants in the control arm and ${n(s.perArmRoundedUp.intervention)} in the intervention arm`;
  const first = da
    ? `For at kunne påvise ${effect} med ${power} styrke på ${alpha}-niveau (${sided}) skal ${who} have en måling ved opfølgning${single ? '' : ` (${f.int(s.totalRoundedUp)} i alt)`}.`
    : `To detect ${effect} with ${power} power at the ${alpha} level (${sided}), ${who} need an outcome measurement${single ? '' : ` (${f.int(s.totalRoundedUp)} in all)`}.`;
  if (a.dropout === 0 && a.designEffect === 1) return first;
  const why = [a.dropout > 0 ? (da ? `${f.pct(a.dropout, 0)} frafald` : `${f.pct(a.dropout, 0)} dropout`) : null, a.designEffect !== 1 ? (da ? `en designeffekt på ${f.num(a.designEffect, 2)} fra holdene` : `a design effect of ${f.num(a.designEffect, 2)} from the course groups`) : null].filter((x) => x !== null).join(da ? ' og ' : ' and ');
  const total = single ? '' : da ? ` (${f.int(s.recruitTotal)} i alt)` : ` (${f.int(s.recruitTotal)} in all)`;
  const recruit = single ? n(s.recruit.cohort) : da ? `${n(s.recruit.control)} i kontrolgruppen og ${n(s.recruit.intervention)} i indsatsgruppen` : `${n(s.recruit.control)} to the control arm and ${n(s.recruit.intervention)} to the intervention arm`;
  return `${first} ${da ? `Med ${why} skal der rekrutteres ${recruit}${total}.` : `Allowing for ${why}, recruit ${recruit}${total}.`}`;
}

// The note has no script: should a value ever slip past esc(), the browser runs nothing and loads nothing.
const PLANNING_NOTE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const row = (k: string, v: string) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`;

export function planningNoteHtml(input: PlanningNoteInput, lang: Lang): string {
  const { result: r, fromTrial } = input;
  const t = text[lang];
  const f = createFormatter(lang);
  const a = r.adjustments;
  const unit = fromTrial?.unit?.[lang] ?? null;
  const rows = [
    row(t.design, t.designs[r.design]),
    row(t.effect, effectWords(r, f, unit)),
    row(t.alpha, `${f.pct(r.alpha, r.alpha * 100 < 1 ? 1 : 0)} (${r.alternative === 'two.sided' ? t.twoSided : t.oneSided})`),
    row(t.power, f.pct(r.power, 1)),
    ...(r.design === 'single-arm' ? [] : [row(t.allocation, `${f.num(r.ratio, r.ratio % 1 === 0 ? 0 : 2)} : 1`)]),
    row(t.dropout, f.pct(a.dropout, 1)),
    ...(a.designEffect !== 1 ? [row(t.de, t.deValue(f.num(a.designEffect, 2), f.num(a.icc, 3), f.num(a.clusterSize, 0), a.clusterArms))] : []),
    row(t.method, methodWords(r, lang)),
  ];
  const trial = fromTrial
    ? `<h2>${esc(t.trialTitle)}</h2>\n<p>${esc(t.trialLine(fromTrial.resultsFile, fromTrial.outcome, fromTrial.visit))}</p>\n<ul>${Object.entries(fromTrial.used)
        .map(([k, u]) => `<li>${esc(t.names[k] ?? k)}: ${esc(f.num(u.value, 3))} <span class="muted">(${esc(u.source)})</span></li>`)
        .join('')}${fromTrial.benchmark ? `<li>${esc(t.benchmark)}: ${esc(f.num(fromTrial.benchmark.value, 2))} <span class="muted">(${esc(fromTrial.benchmark.source)})</span></li>` : ''}</ul>\n<p class="muted">SHA-256 ${esc(fromTrial.resultsSha256)}</p>`
    : '';
  const style = `body{margin:0;color:#222;font:15px/1.5 "DejaVu Sans",Helvetica,Arial,sans-serif}main{max-width:820px;margin:0 auto;padding:28px}h1{font-size:24px;margin:0 0 12px}h2{font-size:18px;margin:28px 0 8px;border-top:2px solid #222;padding-top:6px}.answer{font-size:17px;background:#eef3f7;border-radius:6px;padding:12px 16px}table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid #d9d9d9}th{width:38%;font-weight:normal;color:#444}figure{margin:16px 0}figure svg{max-width:100%;height:auto}figcaption,.muted{color:#5a5a5a;font-size:13px}code{font-size:13px}`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PLANNING_NOTE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.title)}</title>
<style>${style}</style>
</head>
<body>
<main>
<h1>${esc(t.title)}</h1>
<p class="answer">${esc(answer(r, f, unit))}</p>
<h2>${esc(t.assumptions)}</h2>
<table>${rows.join('')}</table>
<figure role="img" aria-label="${esc(t.figure(effectWords(r, f, unit)))}">
${input.curveSvg}
<figcaption>${esc(t.figure(effectWords(r, f, unit)))}</figcaption>
</figure>
<h2>${esc(t.readTitle)}</h2>
<ul>${t.read.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>
${trial}
<h2>${esc(t.methodTitle)}</h2>
<p>${esc(lang === 'en' ? r.method : methodWords(r, lang))}</p>
<p>${esc(t.formula)}: <code>${esc(r.formula)}</code></p>
<ul>${r.references.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>
</main>
</body>
</html>
`;
}
