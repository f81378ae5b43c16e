/**
 * One simulated trial as the analysis sees it (a LoadedTrial, through the public loading path):
 *  twin  — the twin generator (src/data/simulate) with 2n participants over the twin's sites and
 *          the replicate's seed, written to a temporary CSV and loaded with the spec like any file;
 *          with a stated effect the generator's own effect on the outcome's instrument is set to 0;
 *  pilot — 2n participants drawn with replacement from the pilot's control arm (or all), given
 *          new ids and randomised n : n.
 * Then the stated effect δ is added to the intervention arm's outcome at every follow-up visit.
 * A stated dropout replaces the source's own missing data: the twin generator's dropout is
 * switched off and pilot participants are drawn from those observed at the visit; then each
 * participant loses every follow-up value of the outcome with that probability (missing
 * completely at random). Without a stated dropout the source's own missingness stays.
 */
import * as aq from 'arquero';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rng } from '../../../stats/random/rng.ts';
import type { TrialSpec } from '../../../data/spec/load.ts';
import { loadTrial, type LoadedTrial } from '../../../instruments/load-trial.ts';
import { resolveInstruments } from '../../../instruments/resolve.ts';
import { generate, recipe } from '../../../data/simulate/write-twin.ts';
import { scaleModels } from '../../../data/simulate/scales.ts';
import type { SimulationJob } from './options.ts';

type Row = Record<string, unknown>;

export interface DrawContext {
  readonly spec: TrialSpec;
  /** Pilot: rows per participant eligible for resampling. */
  readonly pool: ReadonlyArray<readonly Row[]> | null;
  readonly pilot: LoadedTrial | null;
  /** Twin: the generator's key of the outcome's instrument (its effect is zeroed when δ is stated). */
  readonly twinKey: string | null;
  readonly tmpDir: string;
}

const isMissing = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

export function armLabels(spec: TrialSpec): { control: string; intervention: string } {
  const control = spec.arms.find((a) => a.role === 'control')?.label;
  const intervention = spec.arms.find((a) => a.role === 'intervention')?.label;
  if (control === undefined || intervention === undefined) throw new Error('the spec needs a control and an intervention arm');
  return { control, intervention };
}

/** Adds δ to the intervention arm's follow-up values and applies MCAR dropout, in place. */
export function applyScenario(rows: Row[], spec: TrialSpec, outcome: string, delta: number | null, dropout: number | null, rng: Rng): void {
  const c = spec.columns;
  const { intervention } = armLabels(spec);
  const byId = new Map<string, Row[]>();
  for (const row of rows) {
    const id = String(row[c.id]);
    const list = byId.get(id);
    if (list) list.push(row);
    else byId.set(id, [row]);
  }
  // Sorted ids: the draws do not depend on the order rows happen to be in.
  for (const id of [...byId.keys()].sort()) {
    const own = byId.get(id) as Row[];
    const drop = dropout !== null && rng.uniform() < dropout;
    for (const row of own) {
      if (row[c.visit] === spec.baselineVisit) continue;
      if (drop) row[outcome] = null;
      else if (delta !== null && delta !== 0 && row[c.arm as string] === intervention && !isMissing(row[outcome])) row[outcome] = (row[outcome] as number) + delta;
    }
  }
}

/** The twin generator's key for an outcome scored by an instrument whose items it writes. */
export function twinScaleKey(spec: TrialSpec, outcome: string): string | null {
  const o = spec.outcomes.find((x) => x.id === outcome);
  const use = o?.kind === 'score' ? o.instrument : undefined;
  const ins = resolveInstruments(spec).find((i) => i.id === use);
  const first = ins?.itemColumns[0];
  return first === undefined ? null : (scaleModels.find((m) => first.startsWith(m.prefix) && /^\d+$/.test(first.slice(m.prefix.length)))?.key ?? null);
}

/** Pilot participants to resample: of the control arm (or all), and observed at `visit` when `observedAt` is given. */
export function pilotPool(trial: LoadedTrial, from: 'control' | 'all', outcome: string, observedAt: string | null): Row[][] {
  const c = trial.spec.columns;
  const { control } = armLabels(trial.spec);
  const byId = new Map<string, Row[]>();
  for (const row of trial.table.objects() as Row[]) {
    const id = String(row[c.id]);
    const list = byId.get(id);
    if (list) list.push(row);
    else byId.set(id, [row]);
  }
  return [...byId.keys()]
    .sort()
    .map((id) => byId.get(id) as Row[])
    .filter((rows) => from === 'all' || rows[0][c.arm as string] === control)
    .filter((rows) => observedAt === null || rows.some((row) => row[c.visit] === observedAt && !isMissing(row[outcome])));
}

async function twinTrial(ctx: DrawContext, job: SimulationJob, seed: number, r: number): Promise<LoadedTrial> {
  const base = recipe('peer', seed, 2 * job.nPerArm);
  const effects = job.delta !== null && job.delta !== undefined && ctx.twinKey ? { ...base.options.effects, [ctx.twinKey]: 0 } : base.options.effects;
  // expit(−50) ≈ 2e-22: nobody misses a visit, so the stated dropout is the only one.
  const dropout = job.dropout !== null && job.dropout !== undefined ? { intercept: -50, severitySlope: 0, significantlyReduced: 0, extraAtFollowUp: -50, returnAtFollowUp: 0 } : base.options.dropout;
  const { bytes } = generate({ ...base, options: { ...base.options, effects, dropout } });
  const file = join(ctx.tmpDir, `trial-${r}.csv`);
  writeFileSync(file, bytes);
  try {
    return await loadTrial(file, ctx.spec);
  } finally {
    rmSync(file, { force: true });
  }
}

function pilotTrial(ctx: DrawContext, job: SimulationJob, rng: Rng): LoadedTrial {
  const pilot = ctx.pilot as LoadedTrial;
  const pool = ctx.pool as ReadonlyArray<readonly Row[]>;
  const c = ctx.spec.columns;
  const { control, intervention } = armLabels(ctx.spec);
  const rows: Row[] = [];
  const width = String(2 * job.nPerArm).length;
  for (let k = 0; k < 2 * job.nPerArm; k++) {
    const source = pool[rng.int(pool.length)];
    const id = `S${String(k + 1).padStart(width, '0')}`;
    const arm = k < job.nPerArm ? control : intervention;
    for (const row of source) rows.push({ ...row, [c.id]: id, [c.arm as string]: arm });
  }
  return { ...pilot, table: aq.from(rows) };
}

/** Draws trial r. `rng` is the replicate's own stream (its seed depends only on the job seed and r). */
export async function drawTrial(ctx: DrawContext, job: SimulationJob, r: number, rng: Rng): Promise<LoadedTrial> {
  const drawn = job.source.kind === 'twin' ? await twinTrial(ctx, job, 1 + rng.int(0xfffffffe), r) : pilotTrial(ctx, job, rng.fork('resample'));
  const rows = drawn.table.objects() as Row[];
  applyScenario(rows, ctx.spec, job.outcome, job.delta ?? null, job.dropout ?? null, rng.fork('scenario'));
  return { ...drawn, table: aq.from(rows) };
}
