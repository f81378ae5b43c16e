/**
 * The names a spec gives a competing-risks outcome's causes (results.json labels.causes) reach the
 * report's tables, the cumulative-incidence chart's panel titles and its text alternative: a name
 * carrying a script payload must arrive there as text, in the page and in the SVG.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial, runAnalysis, type AnalysisResults } from '../../src/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { esc } from '../../src/report/html/escape.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { payloads } from '../helpers/hostile.ts';

let results: AnalysisResults;

beforeAll(async () => {
  const dir = join(repoRoot, 'data-samples/ips');
  const r = runAnalysis(await loadTrial(join(dir, 'ips-twin.csv'), join(dir, 'ips.spec.json')));
  const causes = r.labels?.causes ?? {};
  expect(Object.keys(causes).length).toBeGreaterThan(0); // the sample names its causes
  let i = 0;
  const poisoned = Object.fromEntries(Object.entries(causes).map(([id, byLevel]) => [id, Object.fromEntries(Object.entries(byLevel).map(([level, name]) => {
    const p = payloads[i++ % payloads.length];
    return [level, { da: `${name.da} ${p}`, en: `${name.en} ${p}` }];
  }))]));
  results = { ...r, labels: { ...r.labels!, causes: poisoned } };
}, 120_000);

describe('cause names with script payloads', () => {
  it.each(['da', 'en'] as const)('%s: shown as text in the page and the SVG, never as markup', async (lang) => {
    const built = await buildReport(results, null, { lang, date: '2026-11-27', png: false });
    const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
    const body = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
    for (const p of payloads.filter((x) => x.includes('<'))) expect(body, p).not.toContain(p);
    expect(body).toContain(esc(payloads[0]));
    const svgs = built.artefacts.filter((a) => a.name.endsWith('.svg')).map((a) => String(a.content));
    expect(svgs.some((s) => s.includes('&lt;img'))).toBe(true); // a panel title or the text alternative
    for (const svg of svgs) {
      expect(svg).not.toMatch(/<(script|img|iframe|foreignObject|a)\b/i);
      expect(svg).not.toMatch(/<[^>]*\son[a-z]+=/i);
    }
  });
});
