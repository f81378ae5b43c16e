/**
 * The report's time-to-event charts and section (src/report/charts/time-to-event.ts,
 * src/report/html/sections-time-to-event.ts) on a small three-arm analysis: every spec compiles
 * with vega-lite; aggregates only — a curve stops where fewer than 5 remain at risk, risk-set
 * counts 1–4 are "<5", event counts of 1–4 are suppressed in the tables.
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
    const curveJ = km.filter((v) => v.arm === 'J' && 'y' in v);
    const jCurve = survival.curves.find((c) => c.arm === 'J')!;
    const lastShown = Math.max(...curveJ.map((v) => v.time as number));
    expect(jCurve.nRisk[jCurve.time.indexOf(lastShown)]).toBeGreaterThanOrEqual(5);
    expect(jCurve.nRisk[jCurve.time.findIndex((t) => t > lastShown)]).toBeLessThan(5);
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
});
