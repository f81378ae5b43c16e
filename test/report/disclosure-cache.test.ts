/**
 * disclosureFor plans once per content (src/report/disclosure/plan.ts): the same results read
 * twice — keys in another order, the trial as published — get the same plan without planning
 * again; any count that differs gets its own plan.
 */
import { describe, expect, it } from 'vitest';
import { disclosureFor } from '../../src/report/disclosure/plan.ts';
import type { AnalysisResults } from '../../src/analysis/results/types.ts';
import { loadResults } from './inputs.ts';

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
});
