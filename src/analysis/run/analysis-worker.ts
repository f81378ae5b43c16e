/**
 * Helper thread of runAnalysis (analysis-tasks.ts, task-pool.ts): builds the same task context
 * from the spec, frame and seed it was sent, then computes tasks from the shared counter until
 * none is left.
 */
import { parentPort } from 'node:worker_threads';
import type { TrialSpec } from '../../data/spec/load.ts';
import type { AnalysisFrame } from '../frame/frame.ts';
import { resolvePlan } from '../plan/resolve-plan.ts';
import { runTask, taskContext, type TaskContext } from './analysis-tasks.ts';
import { serveTasks, type PoolChannel } from './task-pool.ts';

export interface AnalysisWorkerInput {
  readonly spec: TrialSpec;
  readonly frame: AnalysisFrame;
  readonly seed: number;
  readonly dataFile: string;
}

// Started ahead of its tasks (task-pool.ts): the modules above load, then one message brings the work.
parentPort?.once('message', ({ input, channel }: { input: AnalysisWorkerInput; channel: PoolChannel }) => {
  let ctx: TaskContext;
  try {
    ctx = taskContext(input.spec, resolvePlan(input.spec), input.frame, input.seed, input.dataFile);
  } catch {
    return; // the calling thread built the same context first; the tasks are computed elsewhere
  }
  // Each task on a frame object of its own (the same arrays): the fits cached per frame (an
  // MMRM's ≈ 128 MB at 10⁶ participants, kept for its second visit) go with the task instead of
  // staying for the helper's life. Every value is computed the same way either way.
  serveTasks(channel, (t) => runTask({ ...ctx, frame: { ...ctx.frame } }, t));
});
