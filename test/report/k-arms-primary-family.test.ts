/**
 * The IPS twin (three arms; the plan's primary family holds IPS vs SAU and IPSE vs SAU):
 * - page 1's question and answer cover every comparison whose primary row is in the primary
 *   family, each with its own verdict; IPSE vs IPS (its own family) keeps its one line after them;
 * - the all-outcomes table writes a share's per-arm columns as percentages, as its effect column
 *   writes the risk difference in percentage points;
 * - the change-over-time chart leaves out outcomes with fewer than two visits, and says so; its one
 *   panel (a binary outcome) is of standardised proportions (charts/change-figures.ts).
 * A two-arm trial (PEER twin) keeps its texts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial, runAnalysis } from '../../src/index.ts';
import type { AnalysisResults, Lang } from '../../src/analysis/results/types.ts';
import { buildReport } from '../../src/report/index.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { loadResults } from './inputs.ts';

type Built = Awaited<ReturnType<typeof buildReport>>;
const built: Record<string, Built> = {};

const page = (key: string) => String(built[key].artefacts.find((a) => a.name === 'index.html')!.content);
/** A section as plain text. */
function section(key: string, id: string): string {
  const p = page(key);
  const from = p.indexOf(`<section id="${id}">`);
  return p.slice(from, p.indexOf('</section>', from)).replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
}

beforeAll(async () => {
  const ips: AnalysisResults = runAnalysis(await loadTrial(join(repoRoot, 'data-samples/ips/ips-twin.csv'), join(repoRoot, 'data-samples/ips/ips.spec.json')));
  for (const lang of ['en', 'da'] as Lang[]) {
    built[`ips-${lang}`] = await buildReport(ips, null, { lang, date: '2026-11-27', png: false });
    built[`twin-${lang}`] = await buildReport(loadResults(), null, { lang, date: '2026-11-27', png: false });
  }
}, 180_000);

describe('page 1 of a k-arm trial: every comparison of the primary family', () => {
  it.each([
    ['en', 'Do IPS and IPS enhanced (IPSE) give better competitive employment or education (ever since randomisation) at week 78 (18 months) than service as usual alone?',
      'IPS versus SAU: yes. The IPS group did better, and chance is an unlikely explanation. At week 78 (18 months): risk difference 11.3 percentage points',
      'IPSE versus SAU: yes. The IPSE group did better, and chance is an unlikely explanation. At week 78 (18 months): risk difference 12.5 percentage points',
      'IPS enhanced (IPSE) versus IPS at week 78 (18 months): risk difference 1.2 percentage points'],
    ['da', 'Giver IPS og IPS udvidet (IPSE) bedre ordinært arbejde eller uddannelse (nogensinde siden randomisering) ved uge 78 (18 måneder) end sædvanlig indsats alene?',
      'IPS over for SAU: ja. IPS-gruppen klarede sig bedre, og tilfældigheder er en usandsynlig forklaring. Ved uge 78 (18 måneder): risikoforskel 11,3 procentpoint',
      'IPSE over for SAU: ja. IPSE-gruppen klarede sig bedre, og tilfældigheder er en usandsynlig forklaring. Ved uge 78 (18 måneder): risikoforskel 12,5 procentpoint',
      'IPS udvidet (IPSE) over for IPS ved uge 78 (18 måneder): risikoforskel 1,2 procentpoint'],
  ] as const)('IPS twin (%s)', (lang, question, first, second, other) => {
    const s = section(`ips-${lang}`, 'summary');
    for (const x of [question, first, second, other]) expect(s).toContain(x);
    // Each primary comparison once, in order; the comparison outside the family is not given a verdict.
    expect(s.indexOf(first)).toBeLessThan(s.indexOf(second));
    expect(s.indexOf(second)).toBeLessThan(s.indexOf(other));
    expect(s).not.toMatch(/IPSE (versus|over for) IPS: /);
  });

  it.each([
    ['en', 'Does PEER + service as usual give better personal recovery (QPR-15) at end of course than service as usual (SAU) alone?', 'Yes. The intervention group did better, and chance is an unlikely explanation.'],
    ['da', 'Giver PEER + vanlig indsats bedre personlig recovery (QPR-15) ved forløbets afslutning end vanlig indsats (SAU) alene?', 'Ja. Indsatsgruppen klarede sig bedre, og tilfældigheder er en usandsynlig forklaring.'],
  ] as const)('two arms (%s): the question and verdict unchanged', (lang, question, verdict) => {
    const s = section(`twin-${lang}`, 'summary');
    expect(s).toContain(question);
    expect(s).toContain(verdict);
  });
});

describe('all-outcomes table: a share per arm as a percentage, beside its effect in percentage points', () => {
  it.each([
    ['en', 'week 78 (18 months) 48.7% 60.0% – 11.3 (2.4 to 20.1)', 'week 130 (30 months) 16.93 23.81 – 1.39 (0.90 to 2.15)'],
    ['da', 'uge 78 (18 måneder) 48,7 % 60,0 % – 11,3 (2,4 til 20,1)', 'uge 130 (30 måneder) 16,93 23,81 – 1,39 (0,90 til 2,15)'],
  ] as const)('IPS twin (%s): the risk difference row in percent, the rate ratio row’s means unchanged', (lang, share, means) => {
    const s = section(`ips-${lang}`, 'outcomes');
    expect(s).toContain(share);
    expect(s).toContain(means);
    expect(s).not.toMatch(/ 0[.,]49 0[.,]60 /);
  });
});

/** The facet panels and visits of the change-over-time chart's data. */
function changePanels(key: string): string[] {
  const out = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') {
      const values = (x as { values?: unknown }).values;
      if (Array.isArray(values)) for (const d of values as Array<Record<string, unknown>>) out.add(`${String(d.panel).replace(/\n/g, ' ')} @ ${String(d.visit).replace(/\n/g, ' ')}`);
      Object.values(x).forEach(walk);
    }
  };
  walk(JSON.parse(String(built[key].artefacts.find((a) => a.name === 'charts/change-over-time.vl.json')!.content)));
  return [...out].sort();
}

describe('change over time: only outcomes with two or more visits', () => {
  it.each([
    ['en', 'Outcomes measured at one visit only are left out, because a change over time needs at least two visits: Weeks in competitive work (weeks 1–130), Time to first job, Time to leaving benefits (4 weeks in a row) and First job (competing: education, disability pension). Their results are in the table of all outcomes.',
      'Standardised proportion per group at week 78 (18 months), week 130 (30 months). Competitive'],
    ['da', 'Effektmål, der kun er målt ved ét tidspunkt, er udeladt, fordi en udvikling over tid kræver mindst to målinger: Uger i ordinært arbejde (uge 1–130), Tid til første job, Tid til at forlade offentlig forsørgelse (4 uger i træk) og Første job (konkurrerende: uddannelse, førtidspension). Deres resultater står i tabellen over alle effektmål.',
      'Standardiseret andel pr. gruppe ved uge 78 (18 måneder), uge 130 (30 måneder). Ordinært'],
  ] as const)('IPS twin (%s): one panel, two visits; the intro names what is left out', (lang, intro, alt) => {
    const s = section(`ips-${lang}`, 'change');
    expect(s).toContain(intro);
    expect(s).toContain(alt);
    const panels = changePanels(`ips-${lang}`);
    expect(panels).toHaveLength(2);
    expect(panels.join(' | ')).not.toMatch(/follow-up|opfølgning|Weeks in|Uger i/);
  });

  it.each(['en', 'da'] as const)('two arms (%s): every outcome has two visits, nothing is left out', (lang) => {
    expect(section(`twin-${lang}`, 'change')).not.toMatch(/left out|udeladt/);
    expect(changePanels(`twin-${lang}`).length).toBe(16);
  });
});
