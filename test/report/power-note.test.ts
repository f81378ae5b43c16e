/** The power outputs: curve spec + SVG and the planning note in both languages, escaped and reproducible. */
import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { powerOutputFiles } from '../../src/report/power/write.ts';
import { powerCurve } from '../../src/report/power/curve.ts';
import { answer } from '../../src/report/power/note.ts';
import { createFormatter } from '../../src/report/i18n/format.ts';
import { planPower, type PowerInput } from '../../src/stats/power/index.ts';
import type { TrialProvenance } from '../../src/analysis/power/apply-defaults.ts';

const input: PowerInput = { design: 'ancova', delta: 4, sd: 10.8, rho: 0.6, power: 0.8, dropout: 0.18, icc: 0.05, clusterSize: 8, clusterArms: 'intervention' };
const result = planPower(input);
const hostile: TrialProvenance = {
  resultsFile: '<script>alert(1)</script>.json',
  resultsSha256: 'a'.repeat(64),
  trialId: 'x',
  outcome: '"><img src=x onerror=alert(2)>',
  visit: 'end & <b>',
  used: { sd: { value: 10.8, source: 'results.json: planning[<i>qpr</i>, end].sdVisit' } },
  benchmark: null,
};

describe('power outputs', () => {
  it('writes power.json, a Vega-Lite spec, an SVG and a note per language', async () => {
    const files = await powerOutputFiles({ input, result, fromTrial: null });
    expect(files.map((f) => f.name).sort()).toEqual(['planning-note.da.html', 'planning-note.en.html', 'power-curve.da.svg', 'power-curve.da.vl.json', 'power-curve.en.svg', 'power-curve.en.vl.json', 'power.json']);
    for (const f of files.filter((x) => x.name.endsWith('.vl.json'))) expect(() => compile(JSON.parse(String(f.content)))).not.toThrow();
    const svg = String(files.find((f) => f.name === 'power-curve.da.svg')?.content);
    expect(svg).toContain('<svg');
    expect(svg).toContain('Styrke');
    const json = JSON.parse(String(files.find((f) => f.name === 'power.json')?.content));
    expect(json.sampleSize.recruit).toEqual(result.sampleSize.recruit);
  });

  it('is byte-identical when built twice', async () => {
    const [a, b] = [await powerOutputFiles({ input, result, fromTrial: hostile }), await powerOutputFiles({ input, result, fromTrial: hostile })];
    a.forEach((f, i) => expect(Buffer.from(f.content).equals(Buffer.from(b[i].content)), f.name).toBe(true));
  });

  it('forbids scripts and remote loads (Content-Security-Policy), and holds no script', async () => {
    for (const lang of ['da', 'en'] as const) {
      const files = await powerOutputFiles({ input, result, fromTrial: hostile });
      const html = String(files.find((f) => f.name === `planning-note.${lang}.html`)!.content);
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`);
      expect(html).not.toMatch(/<script/i);
    }
  });

  it('escapes every value from a results file in the HTML', async () => {
    const files = await powerOutputFiles({ input, result, fromTrial: hostile });
    for (const lang of ['da', 'en']) {
      const html = String(files.find((f) => f.name === `planning-note.${lang}.html`)?.content);
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<i>qpr</i>');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;.json');
      expect(html).toContain('end &amp; &lt;b&gt;');
    }
  });

  it('the curve passes through the plan: power at the recruited n equals the plan’s power', () => {
    const c = powerCurve(input, result);
    const at = planPower({ ...input, power: null, n: c.plan.n });
    expect(at.power).toBeGreaterThanOrEqual(0.8);
    const planned = c.points.filter((p) => p.scale === 1);
    for (let i = 1; i < planned.length; i++) expect(planned[i].power).toBeGreaterThanOrEqual(planned[i - 1].power);
    const smaller = c.points.filter((p) => p.scale === 0.75);
    smaller.forEach((p, i) => expect(p.power).toBeLessThanOrEqual(planned[i].power));
  });

  it.each([
    ['en', 'Allowing for 18% dropout and a design effect of 1.35 from the course groups, recruit'],
    ['da', 'Med 18 % frafald og en designeffekt på 1,35 fra holdene skal der rekrutteres'],
  ] as const)('answers in %s with Danish/English number conventions', (lang, expected) => {
    expect(answer(result, createFormatter(lang))).toContain(expected);
  });
});
