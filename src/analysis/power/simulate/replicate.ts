/**
 * One simulated trial through the real estimators of `effekt analyze` (public API: buildFrame,
 * ancova, mmrm, miAncova, welch with the options the analysis uses), and the worker loop that
 * runs a list of replicates. Replicate r's random stream is createRng(seed).fork(r): it does not
 * depend on which thread runs it, so the result is the same for any number of threads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../../stats/random/rng.ts';
import { StatsError } from '../../../stats/errors.ts';
import { loadSpec } from '../../../data/spec/load.ts';
import { loadTrial, type LoadedTrial } from '../../../instruments/load-trial.ts';
import { buildFrame } from '../../frame/build-frame.ts';
import { resolvePlan } from '../../plan/resolve-plan.ts';
import { ancova } from '../../estimators/ancova.ts';
import { mmrm } from '../../estimators/mmrm.ts';
import { miAncova } from '../../estimators/mi-ancova.ts';
import { welch } from '../../estimators/welch.ts';
import type { EstimatorContext, EstimatorOutput } from '../../estimators/common.ts';
import type { AnalysisPlan } from '../../plan/schema.ts';
import { PowerInputError } from '../errors.ts';
import { drawTrial, pilotPool, twinScaleKey, type DrawContext } from './draw.ts';
import type { ReplicateEstimate, ReplicateRecord, SimEstimator, SimulationJob } from './options.ts';

/** The estimator as `effekt analyze` runs it (src/analysis/run/outcome-rows.ts), by id. */
function runEstimator(id: SimEstimator, ctx: EstimatorContext, plan: AnalysisPlan, miSeed: number, m: number): EstimatorOutput {
  switch (id) {
    case 'ancova':
      return ancova(ctx, { baseline: 'mean-impute', strata: true });
    case 'complete-case':
      return ancova(ctx, { baseline: 'complete-case', strata: true });
    case 'mmrm':
      return mmrm(ctx, { covariance: plan.mmrm.covariance, df: plan.mmrm.df, method: plan.mmrm.method, strata: true });
    case 'mi-ancova': {
      const { method, donors, maxit, byArm } = plan.imputation;
      return miAncova(ctx, { m, method, donors, maxit, byArm, seed: miSeed });
    }
    case 'welch':
      return welch(ctx);
  }
}

export interface Prepared {
  readonly draw: DrawContext;
  readonly plan: AnalysisPlan;
}

/** Per thread: the spec, the plan, the pilot (loaded once) and a private temporary folder. */
export async function prepare(job: SimulationJob): Promise<Prepared> {
  const spec = loadSpec(job.source.specFile);
  const tmpDir = mkdtempSync(join(tmpdir(), 'effekt-simpower-'));
  const source = job.source;
  const pilot: LoadedTrial | null = source.kind === 'pilot' ? await loadTrial(source.dataFile, spec) : null;
  const pool = pilot && source.kind === 'pilot' ? pilotPool(pilot, source.resampleFrom ?? 'control', job.outcome, job.dropout === null || job.dropout === undefined ? null : job.visit) : null;
  if (pool && pool.length < 2) throw new PowerInputError([{ file: source.kind === 'pilot' ? source.dataFile : '', path: '', message: `only ${pool.length} pilot participant(s) to resample from`, fix: 'use pilot data with more participants, or --resample-from all' }]);
  const twinKey = source.kind === 'twin' ? twinScaleKey(spec, job.outcome) : null;
  return { draw: { spec, pilot, pool, twinKey, tmpDir }, plan: resolvePlan(spec) };
}

export function release(p: Prepared): void {
  rmSync(p.draw.tmpDir, { recursive: true, force: true });
}

export async function runReplicate(p: Prepared, job: SimulationJob, r: number): Promise<ReplicateRecord> {
  const rng = createRng(job.seed).fork(`replicate-${r}`);
  const miSeed = 1 + rng.int(0xfffffffe);
  const trial = await drawTrial(p.draw, job, r, rng.fork('draw'));
  const frame = buildFrame(trial);
  const outcome = frame.outcomes.find((o) => o.id === job.outcome);
  if (!outcome) throw new Error(`outcome ${job.outcome} is not in the simulated frame`);
  const visit = frame.visits.indexOf(job.visit);
  const ctx: EstimatorContext = { frame, outcome, visit, include: () => true, confLevel: p.plan.confLevel, comparison: frame.comparisons[0] };
  const estimates: Record<string, ReplicateEstimate> = {};
  for (const id of job.estimators) {
    try {
      const out = runEstimator(id, ctx, p.plan, miSeed, job.miImputations);
      estimates[id] = out.difference ? { ok: true, estimate: out.difference.estimate, se: out.difference.se, p: out.difference.p } : { ok: false, reason: out.reason ?? 'not estimable' };
    } catch (e) {
      // A numerical failure in one simulated trial is a result (not estimable), not a crash.
      if (!(e instanceof StatsError)) throw e;
      estimates[id] = { ok: false, reason: e.message };
    }
  }
  let missing = 0;
  for (let i = 0; i < frame.n; i++) if (Number.isNaN(outcome.values[visit][i])) missing++;
  return { r, estimates, missing: missing / frame.n, higherIsBetter: outcome.higherIsBetter };
}

/** Runs the given replicates in order, reporting each. */
export async function runReplicates(job: SimulationJob, indices: readonly number[], each: (rec: ReplicateRecord) => void): Promise<void> {
  const p = await prepare(job);
  try {
    for (const r of indices) each(await runReplicate(p, job, r));
  } finally {
    release(p);
  }
}
