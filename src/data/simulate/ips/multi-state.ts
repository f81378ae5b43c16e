/**
 * A discrete-time multi-state model for weekly register statuses — the generative model of the
 * IPS twin, written as data (options.ts) over one small engine.
 *
 * Each week a participant in state s leaves it with probability 1 − exp(−H), H = Σ_j h_j, the
 * sum of the cause-specific weekly hazards of the transitions out of s, and goes to the
 * destination j with probability h_j / H (the discrete-time version of competing exponential
 * hazards, exact when hazards are constant within the week). Each hazard is log-linear:
 *
 *   h_j = rate_j · from_j[s] · exp(Σ_c β_{j,c} x_c) · T_j(week) · HR_j(arm, week) · D_j(weeks in s)
 *
 * with x the participant's covariates (a frailty z, an indicator of being young …), T a
 * piecewise-constant multiplier by week since randomisation for every arm (the motivation that
 * brought people into the trial fades), HR a piecewise-constant hazard ratio of the
 * participant's arm by week since randomisation, and D a piecewise-constant multiplier by time
 * already spent in the state (longer spells are more stable). A separate weekly hazard removes a participant from the
 * registers (death or emigration): their panel ends there.
 */
import type { Rng } from '../../../stats/random/rng.ts';

/** A hazard ratio that holds from `fromWeek` (inclusive) until the next piece. */
export interface Piece {
  readonly fromWeek: number;
  readonly hr: number;
}

export interface TransitionSpec {
  /** Destination state. */
  readonly to: string;
  /** States it leaves from, each with its multiplier of the base rate (1 = the base rate). */
  readonly from: Readonly<Record<string, number>>;
  /** Weekly hazard at covariates 0, reference arm, first week in the state. */
  readonly rate: number;
  /** Log hazard ratio per unit of each participant covariate. */
  readonly coef?: Readonly<Record<string, number>>;
  /** Multiplier by week since randomisation, in every arm. */
  readonly time?: readonly Piece[];
  /** Hazard ratio of an arm (vs the reference arm) by week since randomisation. */
  readonly armHr?: Readonly<Record<string, readonly Piece[]>>;
  /** Multiplier by weeks already spent in the current state (`fromWeek` counts from 1). */
  readonly duration?: readonly Piece[];
}

export interface MultiStateModel {
  readonly states: readonly string[];
  readonly transitions: readonly TransitionSpec[];
  /** Weekly hazard of leaving the registers (death, emigration). */
  readonly exitRate: number;
}

export interface PersonPath {
  /** State index per week 0…(length − 1); shorter than weeks + 1 when the person left the registers. */
  readonly states: Uint8Array;
}

/** The piece in force at week t (pieces sorted by fromWeek; before the first piece: 1). */
export function pieceAt(pieces: readonly Piece[] | undefined, t: number): number {
  if (!pieces) return 1;
  let hr = 1;
  for (const p of pieces) {
    if (p.fromWeek <= t) hr = p.hr;
    else break;
  }
  return hr;
}

interface Compiled {
  readonly to: number;
  readonly fromMultiplier: Float64Array;
  readonly rate: number;
  readonly coef: readonly (readonly [string, number])[];
  readonly time: readonly Piece[] | undefined;
  readonly armHr: Readonly<Record<string, readonly Piece[]>>;
  readonly duration: readonly Piece[] | undefined;
}

export interface CompiledModel {
  readonly model: MultiStateModel;
  readonly out: readonly (readonly Compiled[])[];
}

export function compileModel(m: MultiStateModel): CompiledModel {
  const index = new Map(m.states.map((s, i) => [s, i]));
  const idx = (s: string) => {
    const i = index.get(s);
    if (i === undefined) throw new RangeError(`unknown state "${s}" in the multi-state model`);
    return i;
  };
  const out: Compiled[][] = m.states.map(() => []);
  for (const t of m.transitions) {
    const fromMultiplier = new Float64Array(m.states.length);
    for (const [s, mult] of Object.entries(t.from)) fromMultiplier[idx(s)] = mult;
    const c: Compiled = { to: idx(t.to), fromMultiplier, rate: t.rate, coef: Object.entries(t.coef ?? {}), time: t.time, armHr: t.armHr ?? {}, duration: t.duration };
    for (let s = 0; s < m.states.length; s++) if (fromMultiplier[s] > 0 && s !== c.to) out[s].push(c);
  }
  return { model: m, out };
}

/**
 * One participant's weekly path: week 0 is `start`; weeks 1…weeks follow the model. Draws
 * exactly two uniforms per week (exit, then transition) for all `weeks`, even after the
 * participant has left the registers, so participants sharing one stream never shift each
 * other's draws.
 */
export function simulatePath(cm: CompiledModel, rng: Rng, start: string, covariates: Readonly<Record<string, number>>, arm: string, weeks: number): PersonPath {
  const s0 = cm.model.states.indexOf(start);
  if (s0 < 0) throw new RangeError(`unknown start state "${start}"`);
  const states = new Uint8Array(weeks + 1);
  states[0] = s0;
  let s = s0;
  let inState = 1;
  const pExit = 1 - Math.exp(-cm.model.exitRate);
  const hazards = new Float64Array(cm.model.states.length);
  // The covariate part of each hazard is fixed for the participant: computed once.
  const fixed = cm.out.map((outs) =>
    outs.map((t) => {
      let lp = 0;
      for (const [name, b] of t.coef) lp += b * (covariates[name] ?? 0);
      return t.rate * Math.exp(lp);
    }),
  );
  for (let w = 1; w <= weeks; w++) {
    const uExit = rng.uniform();
    const uMove = rng.uniform();
    if (uExit < pExit) {
      for (let rest = w + 1; rest <= weeks; rest++) rng.uniform(), rng.uniform();
      return { states: states.slice(0, w) };
    }
    let total = 0;
    const outs = cm.out[s];
    for (let j = 0; j < outs.length; j++) {
      const t = outs[j];
      const armPieces = Object.hasOwn(t.armHr, arm) ? t.armHr[arm] : undefined;
      const h = fixed[s][j] * t.fromMultiplier[s] * pieceAt(t.time, w) * pieceAt(armPieces, w) * pieceAt(t.duration, inState);
      hazards[j] = h;
      total += h;
    }
    if (total > 0 && uMove < 1 - Math.exp(-total)) {
      // Destination j with probability h_j / H: rescale the same uniform within the leave event.
      let target = (uMove / (1 - Math.exp(-total))) * total;
      let next = outs[outs.length - 1].to;
      for (let j = 0; j < outs.length; j++) {
        if (target < hazards[j]) {
          next = outs[j].to;
          break;
        }
        target -= hazards[j];
      }
      s = next;
      inState = 1;
    } else inState++;
    states[w] = s;
  }
  return { states };
}
