/**
 * The all-outcomes table heads its effect column with what every row is. It said "Difference" /
 * "Forskel" over HSAUR3::epilepsy's rate ratios ("Difference (95% CI) … 0.74 (0.53 to 1.03)") and
 * over the IPS twin's risk differences, rate ratios and hazard ratios side by side; its caption
 * said "difference = Progabide − placebo" of a ratio. Now: the measure when every row shares one
 * ("Rate ratio (95% CI)", "rate ratio = Progabide / placebo"), "Effect" with each row's measure
 * under its estimate when they differ, and "Difference" as before when every row is a difference
 * of means. A share is in percentage points, as the primary sentence, the sensitivity chart and
 * table write it: HSAUR3::respiratory read "0.20 (0.04 to 0.36)" under "Risk difference (95% CI)"
 * beside their 19.9 (3.8 to 35.9); now "19.9 (3.8 to 35.9)" under "Risk difference, percentage
 * points (95% CI)", and the IPS twin's rows say "Risk difference, percentage points" under 11.3.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial, runAnalysis } from '../../src/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const trials = {
  epilepsy: ['data-samples/real/epilepsy.csv', 'data-samples/real/epilepsy.spec.json'],
  anorexia: ['data-samples/real/anorexia.csv', 'data-samples/real/anorexia.spec.json'],
  respiratory: ['data-samples/real/respiratory.csv', 'data-samples/real/respiratory.spec.json'],
  ips: ['data-samples/ips/ips-twin.csv', 'data-samples/ips/ips.spec.json'],
} as const;
/** The all-outcomes section as plain text, per trial and language. */
const sections: Record<string, string> = {};

beforeAll(async () => {
  for (const [name, [csv, spec]] of Object.entries(trials)) {
    const results = runAnalysis(await loadTrial(join(repoRoot, csv), join(repoRoot, spec)));
    for (const lang of ['en', 'da'] as const) {
      const built = await buildReport(results, null, { lang, date: '2026-11-27', png: false });
      const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
      const section = html.slice(html.indexOf('<section id="outcomes">'), html.indexOf('</section>', html.indexOf('<section id="outcomes">')));
      sections[`${name}-${lang}`] = section.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
    }
  }
}, 120_000);

describe('the all-outcomes table’s effect column', () => {
  it.each([
    ['epilepsy', 'en', 'rate ratio = Progabide / placebo with confidence interval', 'Rate ratio (95% CI)'],
    ['epilepsy', 'da', 'rateratio = Progabide / placebo med konfidensinterval', 'Rateratio (95 %-KI)'],
  ] as const)('one ratio for every row: %s (%s) is headed by it', (trial, lang, caption, head) => {
    const s = sections[`${trial}-${lang}`];
    expect(s).toContain(caption);
    expect(s).toContain(head);
    expect(s).not.toMatch(/Difference \(95% CI\)|Forskel \(95 %-KI\)|difference = |forskel = /);
  });

  it.each([
    // Three arms: the caption names every comparison (it had named only the first pair, IPS − SAU, over the IPSE rows too).
    ['en', 'Effect (95% CI)', 'in each row\'s own measure, a difference (IPS − SAU, IPSE − SAU and IPSE − IPS) or a ratio (IPS / SAU, IPSE / SAU and IPSE / IPS)', ['11.3 (2.4 to 20.1) Risk difference, percentage points', '9.2 (0.4 to 17.9) Risk difference, percentage points', '1.39 (0.90 to 2.15) Rate ratio', '1.43 (1.11 to 1.85) Hazard ratio']],
    ['da', 'Effekt (95 %-KI)', 'i hver rækkes eget mål, en forskel (IPS − SAU, IPSE − SAU og IPSE − IPS) eller en ratio (IPS / SAU, IPSE / SAU og IPSE / IPS)', ['11,3 (2,4 til 20,1) Risikoforskel, procentpoint', '9,2 (0,4 til 17,9) Risikoforskel, procentpoint', '1,39 (0,90 til 2,15) Rateratio', '1,43 (1,11 til 1,85) Hazardratio']],
  ] as const)('mixed measures (IPS twin, %s): "Effect" and each row names its measure', (lang, head, caption, cells) => {
    const s = sections[`ips-${lang}`];
    expect(s).toContain(head);
    expect(s).toContain(caption);
    for (const c of cells) expect(s).toContain(c);
    expect(s).not.toMatch(/Difference \(95% CI\)|Forskel \(95 %-KI\)/);
    expect(s).not.toMatch(/0[.,]11 \(0[.,]02 (to|til) 0[.,]20\)/);
  });

  it.each([
    ['en', 'Risk difference, percentage points (95% CI)', ['month 1 49.1% 68.5% 19.4 (4.2 to 34.5)', 'month 4 43.2% 63.1% 19.9 (3.8 to 35.9) 0.015'], 'risk difference = treatment − placebo'],
    ['da', 'Risikoforskel, procentpoint (95 %-KI)', ['måned 1 49,1 % 68,5 % 19,4 (4,2 til 34,5)', 'måned 4 43,2 % 63,1 % 19,9 (3,8 til 35,9) 0,015'], 'risikoforskel = treatment − placebo'],
  ] as const)('one share for every row (respiratory, %s): percentage points, as the sensitivity table', (lang, head, cells, caption) => {
    const s = sections[`respiratory-${lang}`];
    expect(s).toContain(head);
    expect(s).toContain(caption);
    for (const c of cells) expect(s).toContain(c);
    expect(s).not.toMatch(/0[.,]20 \(0[.,]04 (to|til) 0[.,]36\)|(Risk difference|Risikoforskel) \(95/);
  });

  it('a difference of means in every row keeps "Difference" and its caption (anorexia)', () => {
    expect(sections['anorexia-en']).toContain('difference = ');
    expect(sections['anorexia-en']).toContain('Difference (95% CI)');
    expect(sections['anorexia-da']).toContain('Forskel (95 %-KI)');
    expect(sections['anorexia-en']).not.toMatch(/\((?:Risk|Rate|Hazard) ratio|Effect \(95% CI\)|percentage points/);
  });
});
