/**
 * simulatePower: validates the options once, then runs the replicates on worker threads (every
 * core by default) or in this thread, and aggregates them in replicate order — so the same seed
 * gives the same result whatever the number of threads.
 */
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadSpec } from '../../../data/spec/load.ts';
import { resolvePlan } from '../../plan/resolve-plan.ts';
import { outcomePlan } from '../../plan/schema.ts';
import { wilson } from '../../../stats/effects/binary.ts';
import { PowerInputError, type PowerInputProblem } from '../errors.ts';
import { armLabels, twinScaleKey } from './draw.ts';
import { runReplicates } from './replicate.ts';
import { simEstimators, type ReplicateRecord, type SimEstimator, type SimEstimatorPower, type SimulatedPowerResult, type SimulationJob, type SimulationPowerOptions } from './options.ts';

const MAX_REPLICATES = 100_000;

function problem(file: string, path: string, message: string, fix: string): never {
  throw new PowerInputError([{ file, path, message, fix }]);
}

/** Checks the options against the spec and fills in the defaults from the plan. */
export function resolveJob(o: SimulationPowerOptions): { job: SimulationJob; alpha: number } {
  const specFile = o.source.specFile;
  const spec = loadSpec(specFile);
  const plan = resolvePlan(spec);
  const out = spec.outcomes.find((x) => x.id === o.outcome);
  if (!out) problem(specFile, 'outcomes', `the spec has no outcome "${o.outcome}"`, `use one of: ${spec.outcomes.map((x) => x.id).join(', ')}`);
  if (out.kind === 'time-to-event') problem(specFile, 'outcomes', `outcome "${o.outcome}" is a time-to-event outcome, which cannot be simulated here`, 'choose a score or continuous outcome');
  const visit = o.visit ?? (out as Exclude<typeof out, { kind: 'time-to-event' }>).primaryVisit;
  if (!spec.visits.some((v) => v.id === visit) || visit === spec.baselineVisit) problem(specFile, 'visits', `"${visit}" is not a follow-up visit of the spec`, `use one of: ${spec.visits.map((v) => v.id).filter((v) => v !== spec.baselineVisit).join(', ')}`);
  armLabels(spec);
  const estimators = o.estimators ?? [outcomePlan(plan, o.outcome).primary as SimEstimator];
  for (const e of estimators) if (!simEstimators.includes(e)) problem(specFile, 'estimators', `"${e}" cannot be simulated`, `use one or more of: ${simEstimators.join(', ')}`);
  const check = (ok: boolean, path: string, message: string, fix: string) => ok || problem('(options)', path, message, fix);
  check(Number.isInteger(o.nPerArm) && o.nPerArm >= 4 && o.nPerArm <= 100_000, 'nPerArm', `participants per arm must be a whole number from 4 to 100000, got ${o.nPerArm}`, 'give e.g. --n 100');
  check(Number.isInteger(o.replicates) && o.replicates >= 1 && o.replicates <= MAX_REPLICATES, 'replicates', `replicates must be a whole number from 1 to ${MAX_REPLICATES}, got ${o.replicates}`, 'give e.g. --replicates 1000');
  check(Number.isInteger(o.seed) && o.seed >= 1 && o.seed <= 0xffffffff, 'seed', `seed must be a whole number from 1 to 4294967295, got ${o.seed}`, 'give e.g. --seed 2025');
  const delta = o.delta ?? null;
  const dropout = o.dropout ?? null;
  check(delta === null || Number.isFinite(delta), 'delta', `the effect must be a number, got ${delta}`, 'give the effect in outcome units, e.g. --delta 4');
  check(dropout === null || (dropout >= 0 && dropout < 1), 'dropout', `dropout must be a share in [0, 1), got ${dropout}`, 'give e.g. --dropout 0.15');
  const alpha = o.alpha ?? plan.alpha;
  check(alpha > 0 && alpha < 1, 'alpha', `alpha must lie in (0, 1), got ${alpha}`, 'give e.g. --alpha 0.05');
  const m = o.miImputations ?? 20;
  check(Number.isInteger(m) && m >= 2 && m <= 500, 'miImputations', `imputations must be a whole number from 2 to 500, got ${m}`, 'give e.g. --mi-imputations 20');
  if (o.source.kind === 'pilot' && delta === null) problem(o.source.dataFile, '', 'resampled pilot data need a stated effect', 'give the effect to simulate in outcome units, e.g. --delta 4 (0 gives the type I error)');
  if (o.source.kind === 'twin' && delta !== null && twinScaleKey(spec, o.outcome) === null) problem(specFile, `outcomes[id=${o.outcome}]`, 'the twin generator does not write the items of this outcome, so its own effect cannot be replaced', 'simulate an outcome scored from one of the twin’s instruments, or use pilot data');
  const { onProgress: _p, threads: _t, alpha: _a, miImputations: _m, estimators: _e, visit: _v, ...rest } = o;
  return { job: { ...rest, visit, estimators, miImputations: m, delta, dropout }, alpha };
}

function workerFor(job: SimulationJob, indices: number[]): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Running from the TypeScript sources (tsx, vitest): workers do not inherit the loader, so the bootstrap registers tsx first.
    const url = new URL('./worker.ts', here).href;
    return new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); })`, { eval: true, workerData: { job, indices } });
  }
  return new Worker(new URL('./worker.js', here), { workerData: { job, indices } });
}

async function runThreads(job: SimulationJob, threads: number, onRecord: (r: ReplicateRecord) => void): Promise<void> {
  const shares = Array.from({ length: threads }, (_, w) => Array.from({ length: job.replicates }, (_, r) => r).filter((r) => r % threads === w));
  const workers = shares.map((indices) => workerFor(job, indices));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.on('message', (m: { type: string; record?: ReplicateRecord; message?: string; name?: string; problems?: PowerInputProblem[] | null }) => {
              if (m.type === 'record' && m.record) onRecord(m.record);
              else if (m.type === 'done') resolve();
              else if (m.type === 'error') reject(m.problems ? new PowerInputError(m.problems) : Object.assign(new Error(m.message), { name: m.name ?? 'Error' }));
            });
            w.on('error', reject);
            w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a simulation worker stopped with exit code ${code}`))));
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export function aggregate(job: SimulationJob, alpha: number, records: readonly ReplicateRecord[]): Pick<SimulatedPowerResult, 'estimators' | 'warnings' | 'meanMissing' | 'higherIsBetter'> {
  const R = records.length;
  const higherIsBetter = records[0]?.higherIsBetter ?? true;
  const warnings: string[] = [];
  const estimators: SimEstimatorPower[] = job.estimators.map((id) => {
    const ok = records.flatMap((rec) => {
      const e = rec.estimates[id];
      return e && e.ok ? [e] : [];
    });
    const reasons = new Map<string, number>();
    for (const rec of records) {
      const e = rec.estimates[id];
      if (e && !e.ok) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
    }
    for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 3)) warnings.push(`${id}: not estimable in ${count} of ${R} simulated trials (${reason})`);
    const rejections = ok.filter((e) => e.p < alpha).length;
    const favouring = ok.filter((e) => e.p < alpha && (higherIsBetter ? e.estimate > 0 : e.estimate < 0)).length;
    const power = rejections / R;
    const mean = ok.length ? ok.reduce((a, e) => a + e.estimate, 0) / ok.length : null;
    const sd = ok.length > 1 && mean !== null ? Math.sqrt(ok.reduce((a, e) => a + (e.estimate - mean) ** 2, 0) / (ok.length - 1)) : null;
    const w = wilson(rejections, R, 0.95);
    return {
      estimator: id,
      power,
      mcse: Math.sqrt((power * (1 - power)) / R),
      interval: [w.lower, w.upper] as const,
      rejections,
      powerFavouringIntervention: favouring / R,
      estimated: ok.length,
      notEstimable: R - ok.length,
      meanEstimate: mean,
      empiricalSd: sd,
      meanSe: ok.length ? ok.reduce((a, e) => a + e.se, 0) / ok.length : null,
    };
  });
  return { estimators, warnings, meanMissing: R ? records.reduce((a, r) => a + r.missing, 0) / R : 0, higherIsBetter };
}

export async function simulatePower(o: SimulationPowerOptions): Promise<SimulatedPowerResult> {
  const { job, alpha } = resolveJob(o);
  const threads = Math.max(1, Math.min(o.threads ?? availableParallelism(), job.replicates));
  const records: ReplicateRecord[] = [];
  const onRecord = (rec: ReplicateRecord) => {
    records.push(rec);
    o.onProgress?.(records.length, job.replicates);
  };
  if (threads === 1) await runReplicates(job, Array.from({ length: job.replicates }, (_, r) => r), onRecord);
  else await runThreads(job, threads, onRecord);
  records.sort((a, b) => a.r - b.r);
  const agg = aggregate(job, alpha, records);
  const src = job.source;
  return {
    method: `Simulation: ${job.replicates} trials ${src.kind === 'twin' ? 'drawn from the twin generator' : `resampled from the pilot's ${src.resampleFrom ?? 'control'} arm${(src.resampleFrom ?? 'control') === 'all' ? 's' : ''}`}, ${job.nPerArm} per arm; ${job.delta === null ? "the generator's own effect" : `effect ${job.delta} added to the intervention arm at follow-up`}; ${job.dropout === null ? "the source's own missing data" : `${job.dropout} dropout completely at random`}; each analysed by ${job.estimators.join(', ')} as effekt analyze does; power = share with p < ${alpha} (two-sided), Monte Carlo SE √(p(1 − p)/R)`,
    // File names without folders: the result does not depend on where the files lie.
    source: { kind: src.kind, specFile: basename(src.specFile), dataFile: src.kind === 'pilot' ? basename(src.dataFile) : null, resampleFrom: src.kind === 'pilot' ? (src.resampleFrom ?? 'control') : null },
    outcome: job.outcome,
    visit: job.visit,
    higherIsBetter: agg.higherIsBetter,
    nPerArm: job.nPerArm,
    delta: job.delta ?? null,
    dropout: job.dropout ?? null,
    alpha,
    replicates: job.replicates,
    seed: job.seed,
    miImputations: job.miImputations,
    meanMissing: agg.meanMissing,
    estimators: agg.estimators,
    warnings: agg.warnings,
  };
}
