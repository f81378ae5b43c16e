/**
 * disclosureFor plans once per content (src/report/disclosure/plan.ts): the same results read
 * twice — keys in another order, the trial as published — get the same plan without planning
 * again; any count that differs gets its own plan. A plan with the linked economics reuses the
 * counts' states of the plan without them and decides exactly what a plan from scratch decides.
 */
import { describe, expect, it } from 'vitest';
import { disclosureFor, planDisclosure } from '../../src/report/disclosure/plan.ts';
import type { AnalysisResults } from '../../src/analysis/results/types.ts';
import { loadEconomics, loadResults } from './inputs.ts';
import { smallCells, smallCellsEconomics } from './small-cells.ts';

const reordered = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;

describe('disclosure plan cache by content', () => {
  it('one plan for the same content, another for different counts', () => {
    const a = loadResults();
    const b = { ...reordered(JSON.parse(JSON.stringify(a)) as AnalysisResults), trial: { ...a.trial, title: { da: 'x', en: 'x' } } } as AnalysisResults;
    expect(disclosureFor(b)).toBe(disclosureFor(a));
    const arm = a.arms[0].label;
    const c = JSON.parse(JSON.stringify(a)) as AnalysisResults;
    (c.consort[arm] as { randomised: number }).randomised += 1;
    expect(disclosureFor(c)).not.toBe(disclosureFor(a));
  });

  it.each([
    ['the twin', () => loadResults(), () => loadEconomics()],
    ['a trial with small cells', () => smallCells(), () => smallCellsEconomics],
  ])('%s: the plan with economics after the plan without it equals a plan from scratch', (_, results, economics) => {
    const r = JSON.parse(JSON.stringify(results())) as AnalysisResults;
    const e = economics();
    disclosureFor(r); // the counts' states, kept by content
    const shared = disclosureFor(r, e);
    const fresh = planDisclosure(JSON.parse(JSON.stringify(r)) as AnalysisResults, e);
    for (const k of fresh.system.cells.keys()) expect(shared.state(k), k).toBe(fresh.state(k));
    for (const f of fresh.figures) expect(shared.figure(f.key), f.key).toBe(fresh.figure(f.key));
    expect(shared.residual).toEqual(fresh.residual);
  });
});
