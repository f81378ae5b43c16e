/**
 * The analysis' independent pieces as numbered tasks: each outcome's estimate rows (its ANCOVA,
 * MMRM, responders… — nothing one outcome computes is used by another) and each safety rate
 * ratio. runAnalysis computes them on its own thread (the outcomes' rows that read no
 * imputations first: rowsImputationsLast), or, for a large trial, on
 * helper threads (analysis-worker.ts, one per core) at once while it waits (task-pool.ts): every
 * thread builds the same context from the same spec, frame and seed with the functions below and
 * runs the same code per task, so a task's value is the same bits wherever it runs.
 *
 * Outcomes that impute (MI ANCOVA, pooled responders, tipping points) stay on one thread: their
 * imputations already run on the imputation helpers (stats/mi/parallel.ts), prefetched from this
 * thread, and a second analysis thread would only compete with them for the cores.
 */
import type { TrialSpec } from '../../data/spec/load.ts';
import { outcomePlan, type AnalysisPlan } from '../plan/schema.ts';
import type { AnalysisFrame, FrameOutcome } from '../frame/frame.ts';
import { populations, type Population } from '../populations.ts';
import type { OutcomeResult, SafetyResult } from '../results/types.ts';
import { outcomeRowPlan, outcomeRows, type PlannedRow } from './outcome-rows.ts';
import { eventCounts, safetyItems, safetyResult, type SafetyItem } from './safety.ts';
import { baselineTable } from '../describe/baseline-table.ts';
import { planningStats } from '../describe/planning-stats.ts';
import { fileSha256 } from './file-hash.ts';
import { threadsAvailable } from '../../stats/threads.ts';
import { resolvePlan } from '../plan/resolve-plan.ts';
import { preloadHelpers, type PreloadedHelpers, type Settled } from './task-pool.ts';

/** Outcomes that get estimate rows: all but the safety counts (summarised in results.safety). */
export function rowOutcomes(frame: AnalysisFrame): FrameOutcome[] {
  return frame.outcomes.filter((o) => !(o.kind === 'count' && o.role === 'safety'));
}

/** What every task reads: the same on every thread. */
export interface TaskContext {
  readonly frame: AnalysisFrame;
  readonly plan: AnalysisPlan;
  readonly pops: readonly Population[];
  readonly itt: Population;
  readonly pp: Population | null;
  readonly visitNames: Record<string, { da: string; en: string }>;
  readonly seed: number;
  readonly analysed: readonly FrameOutcome[];
  readonly safety: readonly SafetyItem[];
  /** The data file (its hash is a task). */
  readonly dataFile: string;
}

/**
 * Parts of the results that depend on the frame (or the data file) alone, after the outcomes and
 * safety models in the task list (largest first: they fill the threads' last gaps). On one thread
 * they are computed where the results are put together.
 */
export const sideTasks = ['baseline', 'dataSha256', 'planning', 'events'] as const;
export type SideTask = (typeof sideTasks)[number];

/** A side task's value. */
export function runSide(ctx: Pick<TaskContext, 'frame' | 'dataFile'>, side: SideTask): unknown {
  switch (side) {
    case 'baseline':
      return baselineTable(ctx.frame);
    case 'dataSha256':
      return fileSha256(ctx.dataFile);
    case 'planning':
      return planningStats(ctx.frame);
    case 'events':
      return eventCounts(ctx.frame);
  }
}

export function taskContext(spec: TrialSpec, plan: AnalysisPlan, frame: AnalysisFrame, seed: number, dataFile: string): TaskContext {
  const pops = populations(spec, frame);
  const itt = pops.find((p) => spec.populations.find((s) => s.id === p.id)?.rule.type === 'all') ?? pops[0];
  const pp = pops.find((p) => p !== itt) ?? null;
  const visitNames = Object.fromEntries(spec.visits.map((v) => [v.id, v.name]));
  return { frame, plan, pops, itt, pp, visitNames, seed, analysed: rowOutcomes(frame), safety: safetyItems(frame), dataFile };
}

/**
 * Every analysed outcome's rows on this thread, in runTask's order, computed in two passes: first
 * the rows that do not read imputations, then those that do. The imputations of every outcome were
 * handed to the imputation helpers before (run-analysis.ts, prefetchOutcome), and this thread
 * computes those a helper has not yet taken when a row asks for them; with the rows that need
 * none first, the helpers have that much longer, and this thread — the analysis' critical path —
 * imputes less. A row's value does not depend on when it is computed (outcomeRowPlan); an error
 * is thrown as the outcome-by-outcome order would have met it first. `onOutcome` is called as
 * each outcome's rows are all computed.
 */
export function rowsImputationsLast(ctx: TaskContext, onOutcome?: () => void): OutcomeResult[][] {
  const { frame, plan, itt, pp, visitNames, seed, analysed } = ctx;
  return computeImputingLast(analysed.map((o) => outcomeRowPlan(frame, o, plan, itt, pp, visitNames, seed)), onOutcome);
}

/** rowsImputationsLast's two passes over planned rows (one list per outcome). */
export function computeImputingLast(planned: readonly (readonly PlannedRow[])[], onOutcome?: () => void): OutcomeResult[][] {
  const settled = planned.map((rows) => rows.map((): Settled<OutcomeResult> | null => null));
  const left = planned.map((rows) => rows.length);
  for (const imputes of [false, true]) {
    planned.forEach((rows, k) => {
      rows.forEach((r, j) => {
        if (r.imputes !== imputes) return;
        try {
          settled[k][j] = { ok: true, value: r.compute() };
        } catch (error) {
          settled[k][j] = { ok: false, error };
        }
        if (--left[k] === 0) onOutcome?.();
      });
    });
  }
  return settled.map((rows) =>
    rows.map((s) => {
      if (!s!.ok) throw s!.error;
      return s!.value;
    }),
  );
}

/** Task t: outcome t's rows for t < analysed.length, then the safety items in order, then the side tasks. */
export function runTask(ctx: TaskContext, t: number): unknown {
  const { frame, plan, itt, pp, visitNames, seed, analysed, safety } = ctx;
  if (t < analysed.length) return outcomeRows(frame, analysed[t], plan, itt, pp, visitNames, seed);
  if (t < analysed.length + safety.length) return safetyResult(frame, safety[t - analysed.length], plan.confLevel);
  return runSide(ctx, sideTasks[t - analysed.length - safety.length]);
}

/** Tasks with the side tasks (the count a pool runs). */
export function taskCount(ctx: TaskContext): number {
  return ctx.analysed.length + ctx.safety.length + sideTasks.length;
}

/**
 * Participants × tasks below which everything stays on this thread: a helper starts cold (its
 * modules, then every estimator's code compiled again from scratch, per helper), which costs more
 * than it saves below a few hundred thousand participants. The twin-shaped 10⁶ target's plan (16
 * tasks), analyze stage on one thread vs two helpers, 2 cores at load ≈ 2 (session 8): N = 10⁵
 * 7.5 vs 9.4 s (and 10.1 vs 13.5 s with CC, PP, Welch and subgroups added), N = 3·10⁵ 17.5 vs
 * 18.7 s, N = 5·10⁵ 23.2 vs 21.5 s, N = 10⁶ 48.9 vs 28–33 s. 5,000,000 is ≈ 3·10⁵ participants there.
 */
export const MIN_PARALLEL_WORK = 5_000_000;
/** Helper threads at most (each keeps its own fits; the frame they share). */
const MAX_HELPERS = 4;
/** Test hook: the smallest work that goes parallel. */
export const taskTesting = { minWork: MIN_PARALLEL_WORK };

/** Whether any outcome imputes (see the file comment). */
export function imputes(ctx: { readonly plan: AnalysisPlan; readonly analysed: readonly Pick<FrameOutcome, 'id' | 'kind' | 'role'>[] }): boolean {
  return ctx.analysed.some((o) => {
    if (o.kind !== 'score' && o.kind !== 'continuous') return false;
    const s = outcomePlan(ctx.plan, o.id, o.kind).sensitivity;
    return s.includes('mi-ancova') || ((o.role === 'primary' || o.role === 'secondary') && s.includes('tipping-point'));
  });
}

/**
 * Whether the spec's plan imputes, read before the data: it decides only whether the imputation
 * helpers start while the data are read (a wrong guess costs time, never results). A plan that
 * does not resolve counts as imputing; the analysis reports what is wrong with it.
 */
export function specImputes(spec: TrialSpec): boolean {
  try {
    return imputes({ plan: resolvePlan(spec), analysed: specRowOutcomes(spec) });
  } catch {
    return true;
  }
}

/** The spec's outcomes that get estimate rows (as rowOutcomes finds them in the frame). */
function specRowOutcomes(spec: TrialSpec): Pick<FrameOutcome, 'id' | 'kind' | 'role'>[] {
  return spec.outcomes.flatMap((o) => (o.kind === 'time-to-event' || (o.kind === 'count' && o.role === 'safety') ? [] : [{ id: o.id, kind: o.kind, role: o.role }]));
}

/** The helpers' module, next to this one (compiled or not). */
export function workerModule(): URL {
  return new URL(`./analysis-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);
}

/**
 * Helpers started before the frame is built, so that they load their modules meanwhile, when
 * the trial will likely use them — a guess from the spec and the participant count (taskHelpers
 * decides on the frame; helpers it does not want are ended).
 */
export function preloadTaskHelpers(spec: TrialSpec, plan: AnalysisPlan, participants: number, threads?: number): PreloadedHelpers | null {
  const available = threads ?? threadsAvailable();
  const outcomes = spec.outcomes.filter((o) => o.kind !== 'time-to-event').length;
  if (available < 2 || outcomes < 2 || participants * outcomes < taskTesting.minWork || imputes({ plan, analysed: specRowOutcomes(spec) })) return null;
  return preloadHelpers(workerModule(), Math.min(available, MAX_HELPERS, outcomes));
}

/**
 * Helper threads for the tasks: one per thread (`threads`, else EFFEKT_THREADS, else the cores),
 * the calling thread only waiting for them (its heap holds the loaded trial, so every garbage
 * collection the tasks' allocations trigger there marks hundreds of MB: at 10⁶ participants
 * ≈ 11 s of the run's critical path); 0 — everything on the calling thread — with one thread,
 * for a small trial, or when an outcome imputes.
 */
export function taskHelpers(ctx: TaskContext, threads?: number): number {
  const available = threads ?? threadsAvailable();
  if (available < 2 || imputes(ctx) || ctx.frame.comparisons.length === 0) return 0;
  const count = ctx.analysed.length + ctx.safety.length;
  if (count < 2 || ctx.frame.n * count < taskTesting.minWork) return 0;
  return Math.min(available, MAX_HELPERS, count);
}

/**
 * The frame as a helper gets it: what the tasks read. The participant ids and the missed-visit
 * reasons (read only by the CONSORT flow on the calling thread) and the time-to-event outcomes
 * (analysed there too) are left out: a million strings are slow to copy.
 */
export function frameForTasks(frame: AnalysisFrame): AnalysisFrame {
  return { ...frame, ids: [], missingReason: [], timeToEvent: [] };
}

/** A copy of `a` in shared memory (same values): sent to a helper, it is shared, not copied. */
function shared<A extends Float64Array | Int32Array | Uint8Array | Int8Array>(a: A): A {
  const Kind = a.constructor as new (buffer: SharedArrayBuffer) => A;
  const out = new Kind(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

/**
 * The frame with its typed arrays in shared memory (the same values), used by this thread from
 * then on: the helpers read the same memory instead of each getting a copy (≈ 300 MB and a
 * second of copying at 10⁶ participants).
 */
export function sharedFrame(frame: AnalysisFrame): AnalysisFrame {
  const covariate = <C extends AnalysisFrame['covariates'][number]>(c: C): C => ({ ...c, values: shared(c.values) });
  return {
    ...frame,
    arm: shared(frame.arm),
    strata: frame.strata.map(covariate),
    covariates: frame.covariates.map(covariate),
    adherence: frame.adherence ? { ...frame.adherence, values: shared(frame.adherence.values) } : null,
    outcomes: frame.outcomes.map((o) => ({ ...o, values: o.values.map(shared), exposure: o.exposure ? o.exposure.map(shared) : null })),
    timeToEvent: frame.timeToEvent.map((t) => ({ ...t, time: shared(t.time), event: shared(t.event) })),
    events: frame.events.map((e) => ({ ...e, any: shared(e.any) })),
  };
}
