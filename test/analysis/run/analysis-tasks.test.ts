import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrial } from '../../../src/instruments/load-trial.ts';
import { parseSpec } from '../../../src/data/spec/load.ts';
import { runAnalysis } from '../../../src/analysis/run/run-analysis.ts';
import { buildFrame } from '../../../src/analysis/frame/build-frame.ts';
import { resolvePlan } from '../../../src/analysis/plan/resolve-plan.ts';
import { computeImputingLast, preloadTaskHelpers, rowsImputationsLast, runTask, sharedFrame, specImputes, taskContext, taskHelpers, taskTesting, MIN_PARALLEL_WORK } from '../../../src/analysis/run/analysis-tasks.ts';
import type { OutcomeResult } from '../../../src/analysis/results/types.ts';
import { discardHelpers, lastPoolRun, poolTesting, runPool } from '../../../src/analysis/run/task-pool.ts';
import { repoRoot } from '../../helpers/fixtures.ts';

const specFile = join(repoRoot, 'data-samples/peer-trial.spec.json');
const dataFile = join(repoRoot, 'data-samples/peer-trial.csv');
const json = JSON.parse(readFileSync(specFile, 'utf8'));
// The twin's plan without the imputing estimators (MI ANCOVA, tipping point): its outcomes' rows and safety models can go to a helper thread.
const noMi = parseSpec({ ...json, analysisPlan: { ...json.analysisPlan, sensitivity: ['complete-case', 'mmrm', 'per-protocol', 'welch'] } }, specFile);
const trial = await loadTrial(dataFile, noMi);

afterEach(() => {
  taskTesting.minWork = MIN_PARALLEL_WORK;
  poolTesting.ignoreHelpers = false;
  poolTesting.helperFirst = false;
  poolTesting.patience = null;
  vi.unstubAllEnvs();
});

describe('the analysis on a helper thread', () => {
  it('gives the same results, bit for bit, as one thread, and the same progress', { timeout: 120_000 }, () => {
    const oneTicks: string[] = [];
    const one = JSON.stringify(runAnalysis(trial, { threads: 1, onProgress: (d, t) => oneTicks.push(`${d}/${t}`) }));
    taskTesting.minWork = 0;
    // The twin's tasks are small: without the hook the helper, still loading its modules, would find them all taken.
    poolTesting.helperFirst = true;
    const ticks: string[] = [];
    expect(JSON.stringify(runAnalysis(trial, { threads: 2, onProgress: (d, t) => ticks.push(`${d}/${t}`) }))).toBe(one);
    expect(ticks).toEqual(oneTicks);
    expect(lastPoolRun.helperTasks).toBeGreaterThan(0);
    expect(lastPoolRun.helperTasks + lastPoolRun.ownTasks).toBe(16); // 8 outcomes, 2 safety counts × 2 visits, 4 side tasks
  });

  it('never hangs on a helper that does not reply: this thread computes its tasks, with the same results', { timeout: 120_000 }, () => {
    const one = JSON.stringify(runAnalysis(trial, { threads: 1 }));
    taskTesting.minWork = 0;
    poolTesting.ignoreHelpers = true;
    poolTesting.helperFirst = true;
    poolTesting.patience = 300;
    expect(JSON.stringify(runAnalysis(trial, { threads: 2 }))).toBe(one);
    expect(lastPoolRun.helperTasks).toBe(0);
    expect(lastPoolRun.recomputed).toBeGreaterThan(0);
  });

  it('stays on one thread with EFFEKT_THREADS=1, for a small trial, or when an outcome imputes', () => {
    const frame = buildFrame(trial);
    const ctx = taskContext(noMi, resolvePlan(noMi), frame, 1, dataFile);
    taskTesting.minWork = 0;
    expect(taskHelpers(ctx, 2)).toBe(2); // one per thread: this one only waits
    expect(taskHelpers(ctx, 8)).toBe(4); // at most four
    vi.stubEnv('EFFEKT_THREADS', '1');
    expect(taskHelpers(ctx)).toBe(0);
    vi.stubEnv('EFFEKT_THREADS', '2');
    expect(taskHelpers(ctx)).toBe(2);
    taskTesting.minWork = MIN_PARALLEL_WORK;
    expect(taskHelpers(ctx, 2)).toBe(0); // 296 participants
    taskTesting.minWork = 0;
    const twin = parseSpec(json, specFile);
    expect(taskHelpers(taskContext(twin, resolvePlan(twin), frame, 1, dataFile), 2)).toBe(0);
  });

  it('starts helpers before the frame only when the trial will likely use them', () => {
    expect(preloadTaskHelpers(noMi, resolvePlan(noMi), 296, 2)).toBeNull(); // small
    taskTesting.minWork = 0;
    const twin = parseSpec(json, specFile);
    expect(preloadTaskHelpers(twin, resolvePlan(twin), 296, 2)).toBeNull(); // imputes
    expect(preloadTaskHelpers(noMi, resolvePlan(noMi), 296, 1)).toBeNull(); // one thread
    const preloaded = preloadTaskHelpers(noMi, resolvePlan(noMi), 296, 2)!;
    expect(preloaded.helpers).toHaveLength(2);
    discardHelpers(preloaded);
    expect(preloaded.helpers).toHaveLength(0);
  });

  it('reads from the spec whether the plan imputes (the imputation helpers start early only then)', () => {
    expect(specImputes(parseSpec(json, specFile))).toBe(true);
    expect(specImputes(noMi)).toBe(false);
    expect(specImputes(parseSpec({ ...json, analysisPlan: { sensitivity: ['tipping-point'] } }, specFile))).toBe(true);
  });
});

describe('the task pool', () => {
  it('keeps errors by task, so the caller throws where one thread would', () => {
    const settled = runPool({ count: 3, compute: (t) => {
      if (t === 1) throw new Error('task 1');
      return t * 2;
    }, helpers: 0, module: new URL('file:///unused'), input: () => null });
    expect(settled.map((s) => (s.ok ? s.value : (s.error as Error).message))).toEqual([0, 'task 1', 4]);
  });

  it('computes every task here when no helper starts', { timeout: 30_000 }, () => {
    poolTesting.patience = 200;
    const settled = runPool({ count: 3, compute: (t) => t * 2, helpers: 2, helpersOnly: true, module: new URL('file:///no/such/helper.js'), input: () => null });
    expect(settled.map((s) => (s.ok ? s.value : null))).toEqual([0, 2, 4]);
    expect(lastPoolRun.ownTasks).toBe(3);
  });
});

describe('the shared frame', () => {
  it('holds the same values in shared memory', () => {
    const frame = buildFrame(trial);
    const shared = sharedFrame(frame);
    expect(shared.arm.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.outcomes[0].values[1].buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.covariates[0].values.buffer).toBeInstanceOf(SharedArrayBuffer);
    const plain = (f: typeof frame) => JSON.stringify(f, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array, (x) => (Number.isNaN(x) ? 'NaN' : x)) : v));
    expect(plain(shared)).toBe(plain(frame));
  });
});

// The twin's plan with fewer imputations (the order, not the imputations, is under test).
const small = parseSpec({ ...json, analysisPlan: { ...json.analysisPlan, imputation: { ...json.analysisPlan.imputation, m: 4 }, tippingPoint: { ...json.analysisPlan.tippingPoint, m: 4 } } }, specFile);
const smallTrial = await loadTrial(dataFile, small);

describe('the rows on one thread, those that read imputations last', () => {
  const ctx = taskContext(small, resolvePlan(small), buildFrame(smallTrial), 20240601, dataFile);

  it('gives every outcome’s rows, bit for bit and in order, as computing them outcome by outcome does', { timeout: 120_000 }, () => {
    const byOutcome = JSON.stringify(ctx.analysed.map((_, k) => runTask(ctx, k)));
    let outcomes = 0;
    expect(JSON.stringify(rowsImputationsLast(ctx, () => outcomes++))).toBe(byOutcome);
    expect(outcomes).toBe(ctx.analysed.length);
  });

  it('computes the rows that need no imputations first, and reports each outcome once its rows are done', () => {
    const log: string[] = [];
    const row = (name: string, imputes: boolean) => ({ imputes, compute: () => (log.push(name), { id: name } as unknown as OutcomeResult) });
    const out = computeImputingLast([[row('a-mi', true), row('a', false)], [row('b', false)], [row('c-mi', true)]], () => log.push('outcome'));
    expect(log).toEqual(['a', 'b', 'outcome', 'a-mi', 'outcome', 'c-mi', 'outcome']);
    expect(out.map((rows) => rows.map((r) => r.id))).toEqual([['a-mi', 'a'], ['b'], ['c-mi']]);
  });

  it('throws the error the outcome-by-outcome order meets first, after every row was tried', () => {
    const tried: string[] = [];
    const failing = (name: string, imputes: boolean) => ({ imputes, compute: (): OutcomeResult => { tried.push(name); throw new Error(name); } });
    expect(() => computeImputingLast([[failing('first in row order', true), failing('computed first', false)]])).toThrow('first in row order');
    expect(tried).toEqual(['computed first', 'first in row order']);
  });
});
