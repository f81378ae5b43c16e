/**
 * The report's time-to-event charts and section (src/report/charts/time-to-event.ts,
 * src/report/html/sections-time-to-event.ts) on a small three-arm analysis: every spec compiles
 * with vega-lite; aggregates only — every drop of a curve gathers ≥ 5 events, a curve stops where
 * fewer than 5 remain at risk, risk-set counts 1–4 are "<5", event counts of 1–4 are suppressed in
 * the tables.
 */
import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { analyseCompetingRisks, analyseSurvival, type TimeToEventData } from '../../src/analysis/survival/index.ts';
import type { AnalysisResults, TimeToEventResult } from '../../src/analysis/results/types.ts';
import { chartContext } from '../../src/report/charts/context.ts';
import { cumulativeIncidenceChart, kaplanMeierChart } from '../../src/report/charts/time-to-event.ts';
import { timeToEventSection } from '../../src/report/html/sections-time-to-event.ts';
import { pageModel } from '../../src/report/html/model.ts';
import { loadResults } from './inputs.ts';
import { countSystem } from '../../src/report/disclosure/model.ts';
import { publish } from '../../src/report/disclosure/publish.ts';
import { publishedTables } from '../../src/report/disclosure/publish-tables.ts';

// Arm C: 40 participants, events spread over 0–40; arm I: 30; arm J: 6 (so its risk set falls below 5 early, with 3 events).
const times: number[] = [];
const status: number[] = [];
const arm: number[] = [];
for (let i = 0; i < 40; i++) { times.push(1 + i); status.push(i % 3 === 0 ? 0 : 1); arm.push(0); }
for (let i = 0; i < 30; i++) { times.push(2 + i); status.push(i % 4 === 0 ? 0 : i % 5 === 0 ? 2 : 1); arm.push(1); }
for (let i = 0; i < 6; i++) { times.push(3 + 2 * i); status.push(i < 3 ? 1 : 0); arm.push(2); }
const data = (competing: boolean): TimeToEventData => ({
  time: times, status: competing ? status : status.map((s) => (s > 0 ? 1 : 0)), causes: competing ? ['job', 'education'] : ['job'], arm, armLabels: ['C', 'I', 'J'],
});
const comparisons = [{ id: 'I vs C', intervention: 1, control: 0 }, { id: 'J vs C', intervention: 2, control: 0 }];
const survival = analyseSurvival(data(false), { comparisons, tau: 12, landmarks: [5, 10], unit: 'weeks' });
const competing = analyseCompetingRisks(data(true), { comparisons, tau: 12, unit: 'weeks' });

function results(): AnalysisResults {
  const base = loadResults();
  const tte: TimeToEventResult[] = [
    { id: 'first_job', name: { da: 'første job', en: 'first job' }, role: 'secondary', higherIsBetter: true, population: 'itt', analysis: survival },
    { id: 'first_exit', name: { da: 'første afgang', en: 'first exit' }, role: 'exploratory', higherIsBetter: true, population: 'itt', analysis: competing },
  ];
  // Each arm's CONSORT flow: the disclosure plan models the arms it knows (the analysis' n is all randomised).
  const flow = (n: number) => ({ randomised: n, receivedAllocated: null, lostToFollowUp: [], analysed: [] });
  return { ...base, consort: { C: flow(40), I: flow(30), J: flow(6) }, arms: [{ label: 'C', role: 'control', name: { da: 'C', en: 'C' } }, { label: 'I', role: 'intervention', name: { da: 'I', en: 'I' } }, { label: 'J', role: 'intervention', name: { da: 'J', en: 'J' } }], timeToEvent: tte };
}

const values = (spec: unknown): Array<Record<string, unknown>> => {
  const out: Array<Record<string, unknown>> = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.data && typeof o.data === 'object' && Array.isArray((o.data as { values?: unknown }).values)) out.push(...((o.data as { values: Array<Record<string, unknown>> }).values));
      Object.values(o).forEach(walk);
    }
  };
  walk(spec);
  return out;
};

describe('time-to-event charts in the report', () => {
  const ctx = chartContext(results(), null, 'en');

  it('compile with vega-lite', () => {
    for (const c of [kaplanMeierChart(ctx), cumulativeIncidenceChart(ctx)]) {
      expect(c).not.toBeNull();
      const errors: string[] = [];
      compile(c!.spec, { logger: { level: () => 0, error: (m: string) => errors.push(m), warn: () => 0, info: () => 0, debug: () => 0 } as never });
      expect(errors).toEqual([]);
    }
  });

  it('stop each curve where fewer than 5 remain at risk, and show risk sets of 1–4 as "<5"', () => {
    const km = values(kaplanMeierChart(ctx)!.spec);
    const curveC = km.filter((v) => v.arm === 'C' && 'y' in v);
    const cCurve = survival.curves.find((c) => c.arm === 'C')!;
    const lastShown = Math.max(...curveC.map((v) => v.time as number));
    // The curve ends at τ (the tables print the estimate there) or where fewer than 5 remain at risk, whichever comes first.
    const last = cCurve.time.indexOf(lastShown);
    expect(cCurve.nRisk[last]).toBeGreaterThanOrEqual(5);
    expect(lastShown <= survival.tau && (cCurve.time[last + 1] > survival.tau || cCurve.nRisk[last + 1] < 5)).toBe(true);
    // Arm J has 3 events: no curve at all (never a partial one), and the panel says why.
    expect(km.filter((v) => v.arm === 'J' && 'y' in v)).toEqual([]);
    expect(JSON.stringify(kaplanMeierChart(ctx)!.spec)).toContain('Fewer than 5 events: no curve for J');
    const risk = km.filter((v) => 'text' in v);
    const raw = survival.riskTable.byArm.J;
    survival.riskTable.times.forEach((t, k) => {
      const shown = risk.find((v) => v.arm === 'J' && v.time === t)!.text;
      if (raw[k] >= 1 && raw[k] <= 4) expect(shown).toBe('<5');
      else expect([String(raw[k]), '–']).toContain(shown);
    });
    expect(risk.some((v) => v.text === '<5')).toBe(true);
    for (const v of values(cumulativeIncidenceChart(ctx)!.spec).filter((x) => x.arm === 'J')) {
      const c = competing.curves.find((x) => x.arm === 'J' && x.state === v.state)!;
      expect(c.nRisk[c.time.indexOf(v.time as number)]).toBeGreaterThanOrEqual(5);
    }
  });

  it('the chart data carries the coarsened curves only: each drop gathers ≥ 5 events of the raw data, at a grid time, with the analysis\' value', () => {
    const checks = [
      { chart: kaplanMeierChart(ctx)!, curves: survival.curves, flip: true, event: (i: number) => status[i] > 0 },
      { chart: cumulativeIncidenceChart(ctx)!, curves: competing.curves, flip: false, event: (i: number, cause: string) => status[i] === ['job', 'education'].indexOf(cause) + 1 },
    ];
    let drops = 0;
    for (const { chart, curves, flip, event } of checks) {
      const pts = values(chart.spec).filter((v) => 'y' in v);
      for (const c of curves) {
        const mine = pts.filter((v) => v.arm === c.arm && v.state === c.state);
        let prev = { time: -Infinity, y: 0 };
        for (const v of mine) {
          const k = c.time.indexOf(v.time as number);
          expect(k).toBeGreaterThanOrEqual(0);
          expect(v.y).toBeCloseTo(flip ? 1 - c.estimate[k] : c.estimate[k], 6);
          if ((v.y as number) > prev.y) {
            drops++;
            const behind = times.filter((t, i) => ['C', 'I', 'J'][arm[i]] === c.arm && event(i, c.state) && t > prev.time && t <= (v.time as number)).length;
            expect(behind, `${c.arm}/${c.state} at ${v.time}`).toBeGreaterThanOrEqual(5);
          }
          prev = { time: v.time as number, y: v.y as number };
        }
      }
    }
    expect(drops).toBeGreaterThanOrEqual(4);
  });

  it('a reader who multiplies a published step by the arm\'s n (a count before any censoring) gets no 1–4 beside the risk table or N − events', () => {
    const km = values(kaplanMeierChart(ctx)!.spec);
    const html = timeToEventSection(pageModel(ctx, [], [], null))!.html;
    let compared = 0;
    for (const arm of ['C', 'I', 'J']) {
      const x = survival.arms.find((y) => y.arm === arm)!;
      const shown = km.filter((v) => v.arm === arm && 'text' in v && /^\d+$/.test(String(v.text))).map((v) => Number(v.text));
      if (new RegExp(`>${arm}</td><td class="num"[^>]*>${x.n}</td><td class="num"[^>]*>${x.events}</td>`).test(html)) shown.push(x.n - x.events);
      for (const v of km.filter((p) => p.arm === arm && 'y' in p)) {
        const left = x.n * (1 - (v.y as number));
        if (Math.abs(left - Math.round(left)) > x.n * 5e-7) continue;
        for (const c of shown) {
          compared++;
          expect(Math.abs(Math.round(left) - c) >= 1 && Math.abs(Math.round(left) - c) <= 4, `${arm}: N·Ŝ = ${Math.round(left)} at ${v.time} beside ${c}`).toBe(false);
        }
      }
    }
    expect(compared).toBeGreaterThan(3);
    // In this data the plan has such columns to hide (week 5 of arms C and I); they print "–".
    const forced = [...(countSystem(results()).forcedHidden ?? [])];
    expect(forced).toEqual(['tteAtRisk|first_job|C|5', 'tteAtRisk|first_job|I|5']);
    for (const k of forced) expect(ctx.disclosure.state(k)).toBe('hidden');
  });

  it('no two numbers of a risk table (nor the arm\'s n) give back by subtraction a count of 1–4 who left the risk set', () => {
    const risk = values(kaplanMeierChart(ctx)!.spec).filter((v) => 'text' in v);
    const html = timeToEventSection(pageModel(ctx, [], [], null))!.html;
    let compared = 0;
    for (const arm of ['C', 'I', 'J']) {
      const n = survival.arms.find((x) => x.arm === arm)!.n;
      const nShown = new RegExp(`>${arm}</td><td class="num"[^>]*>${n}</td>`).test(html);
      const exact = [...(nShown ? [n] : []), ...risk.filter((v) => v.arm === arm && /^\d+$/.test(String(v.text))).map((v) => Number(v.text))];
      for (const a of exact) for (const b of exact) {
        compared++;
        expect(a - b >= 1 && a - b <= 4, `${arm}: ${a} − ${b}`).toBe(false);
      }
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('the risk table is in the disclosure plan: a column is hidden ("–") where the interval before it had 1–4 leavers', () => {
    const steps = (xs: readonly number[]) => xs.slice(1).map((x, k) => xs[k] - x);
    const anySmallStep = Object.values(survival.riskTable.byArm).some((xs) => steps(xs).some((d) => d >= 1 && d <= 4));
    const risk = values(kaplanMeierChart(ctx)!.spec).filter((v) => 'text' in v);
    if (anySmallStep) expect(risk.some((v) => v.text === '–')).toBe(true);
    expect(ctx.disclosure.state(`tteAtRisk|first_job|C|${survival.riskTable.times[0]}`)).toBeDefined();
  });

  it('the section lists every arm and comparison and hides event counts of 1–4', () => {
    const html = timeToEventSection(pageModel(ctx, [], [], null))!.html;
    for (const s of ['I vs C', 'J vs C', '>J</td>']) expect(html).toContain(s);
    // Arm J has 3 events: shown as "<5" (and a second, larger count hidden so it cannot be recovered).
    expect(html).toMatch(/>J<\/td><td class="num"[^>]*>6<\/td><td class="num"[^>]*>&lt;5<\/td>/);
    expect(html.match(/<td class="num"[^>]*>–<\/td>/g)?.length ?? 0).toBeGreaterThan(0);
  });

  it('the CSV/XLSX options column withholds the comparison\'s total events with an arm\'s withheld count, and exclusions of 1–4', () => {
    const r = results();
    // A Cox row as analysis/run/time-to-event.ts writes it: J vs C, 21 + 3 events, 2 left out of the model.
    const cox = (id: string, n: Record<string, number>, options: Record<string, number>) => ({ ...r.outcomes[0], id, estimator: 'cox', n: { randomised: n, withData: n, analysed: n }, method: { ...r.outcomes[0].method, options } });
    const rows = [cox('first_job', { C: 40, J: 6 }, { events: 24, excluded: 2 }), cox('first_job', { C: 40, I: 30 }, { events: 40, excluded: 0 })];
    const tables = publishedTables(publish({ ...r, outcomes: [...r.outcomes, ...rows] }));
    const outcomes = tables.find((t) => t.name === 'outcomes')!;
    const col = (name: string) => outcomes.columns.indexOf(name);
    const options = outcomes.rows.filter((row) => row[col('outcome')] === 'first_job').map((row) => JSON.parse(String(row[col('options')])) as Record<string, unknown>);
    expect(options).toEqual([{ events: null, excluded: null }, { events: 40, excluded: 0 }]);
  });
});
