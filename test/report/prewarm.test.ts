/**
 * Charts drawn ahead (src/report/prewarm.ts, src/report/render/prewarmed.ts): `effekt run` draws
 * the charts the analysis alone determines while it writes the analysis and runs the economics;
 * the report's request for a spec of the same text takes that drawing, any other spec is drawn
 * anew. Here from the sources (no worker: drawn on this thread, the same code and bytes); the
 * compiled worker is exercised in test/cli/build.test.ts, the whole run in test/cli/run.test.ts.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { inputKey } from '../../src/report/render/prewarmed.ts';
import { clearPrewarmedSvgs, prewarmedSvgStats, prewarmSvg, renderSvgAsync } from '../../src/report/render/svg-async.ts';
import { renderSvgWithWarnings } from '../../src/report/render/svg.ts';
import { chartPrewarmStats, chartsAhead, clearPrewarmedCharts, prewarmCharts, prewarmReportCharts } from '../../src/report/prewarm.ts';
import { reportPage, reportSource, startChartFiles, type ReportArtefact } from '../../src/report/build-report.ts';
import { readEconomicsFile, readResultsFile } from '../../src/report/load-inputs.ts';
import { economicsFile, resultsFile } from './inputs.ts';

afterEach(() => clearPrewarmedCharts());

const bar = (title: string) =>
  ({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: { values: [{ a: 'æ', b: 3 }, { a: 'ø & <å>', b: 5 }] },
    mark: 'bar',
    encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
  }) as unknown as Parameters<typeof renderSvgWithWarnings>[0];

/** The twin's report in one language, as writeReports makes it: every chart file, in order. */
async function chartArtefacts(lang: 'da' | 'en'): Promise<readonly ReportArtefact[]> {
  const source = reportSource(readResultsFile(resultsFile), readEconomicsFile(economicsFile));
  return (await startChartFiles(reportPage(source, { lang }).charts).files).artefacts;
}

describe('inputKey', () => {
  it('is one text per value: what JSON would merge or drop is kept apart', () => {
    expect(inputKey({ a: 1, b: [1, 'x'] })).toBe(inputKey(JSON.parse('{"a":1,"b":[1,"x"]}')));
    const distinct = [{ v: null }, { v: Number.NaN }, { v: Number.POSITIVE_INFINITY }, { v: Number.NEGATIVE_INFINITY }, { v: undefined }, {}, { v: 0 }, { v: -0 }, { v: '\u0000u' }, { v: '\u0000nNaN' }];
    expect(new Set(distinct.map(inputKey)).size).toBe(distinct.length);
    expect(inputKey([undefined])).not.toBe(inputKey([null]));
    expect(inputKey({ a: 1, b: 2 })).not.toBe(inputKey({ b: 2, a: 1 })); // another text: a miss, never a wrong hit
  });
});

describe('charts drawn ahead', () => {
  it('a request with the same spec text takes the prewarmed drawing; another spec is drawn anew', async () => {
    const before = prewarmedSvgStats();
    const ahead = prewarmSvg(bar('one'));
    const same = renderSvgAsync(bar('one')); // another object, the same text
    const other = renderSvgAsync(bar('two'));
    expect(await same).toBe(await ahead); // the same result object: not drawn twice
    expect(await same).toEqual(await renderSvgWithWarnings(bar('one')));
    expect(await other).toEqual(await renderSvgWithWarnings(bar('two')));
    const after = prewarmedSvgStats();
    expect(after.started - before.started).toBe(1);
    expect(after.asked - before.asked).toBe(2);
    expect(after.hits - before.hits).toBe(1);
  });

  it('a prewarmed drawing that failed is drawn again for its request, which fails as it would have', async () => {
    const bad = { mark: 'bar', data: { values: [] }, transform: [{ calculate: '(((', as: 'x' }] } as never;
    const alone = await renderSvgAsync(bad).then(() => 'drawn', (e: Error) => e.message);
    clearPrewarmedSvgs();
    prewarmSvg(bad);
    expect(await renderSvgAsync(bad).then(() => 'drawn', (e: Error) => e.message)).toBe(alone);
  });

  it('the report gets the same chart files with and without the charts drawn ahead, and the ahead ones are taken', async () => {
    const without = await chartArtefacts('da');
    const [ahead] = chartsAhead(readFileSync(resultsFile, 'utf8'), ['da']);
    // Everything but the economics (built without them: the report's own have the economics linked).
    expect(ahead.length).toBeGreaterThan(0);
    expect(ahead.every((c) => !c.id.startsWith('economics'))).toBe(true);
    const before = chartPrewarmStats();
    prewarmCharts(ahead);
    const withAhead = await chartArtefacts('da');
    expect(withAhead.map((a) => a.name)).toEqual(without.map((a) => a.name));
    for (const [i, a] of withAhead.entries()) expect(Buffer.from(a.content).equals(Buffer.from(without[i].content)), a.name).toBe(true);
    const after = chartPrewarmStats();
    const charts = without.filter((a) => a.name.endsWith('.svg')).length;
    // Every chart drawn ahead was taken (its SVG and its PNG); the economics charts were drawn for the report.
    expect(after.svg.started - before.svg.started).toBe(ahead.length);
    expect(after.svg.asked - before.svg.asked).toBe(charts);
    expect(after.svg.hits - before.svg.hits).toBe(ahead.length);
    expect(after.png.hits - before.png.hits).toBe(ahead.length);
  }, 300_000);

  it('once the economics are known, their charts are drawn ahead too (the others not again), and the report takes every one', async () => {
    const without = await chartArtefacts('en');
    const results = readFileSync(resultsFile, 'utf8');
    const [first] = chartsAhead(results, ['en']);
    const [all] = chartsAhead(results, ['en'], readFileSync(economicsFile, 'utf8'));
    expect(all.length).toBe(without.filter((a) => a.name.endsWith('.svg')).length);
    const before = chartPrewarmStats();
    prewarmCharts(first);
    prewarmCharts(all);
    const withAhead = await chartArtefacts('en');
    for (const [i, a] of withAhead.entries()) expect(Buffer.from(a.content).equals(Buffer.from(without[i].content)), a.name).toBe(true);
    const after = chartPrewarmStats();
    expect(after.svg.started - before.svg.started).toBe(all.length);
    expect(after.svg.hits - before.svg.hits).toBe(all.length);
    expect(after.png.hits - before.png.hits).toBe(all.length);
  }, 300_000);

  it('run declines to draw ahead on the thread it means to spare (no worker from the sources)', () => {
    const before = prewarmedSvgStats().started;
    expect(prewarmReportCharts(['da', 'en'], () => readFileSync(resultsFile, 'utf8'))).toBe(0);
    expect(prewarmedSvgStats().started).toBe(before);
  });
});
