/**
 * The analysis frame: one record per randomised participant, with every outcome as a
 * participant × visit matrix. Built once from the loaded long table and the spec, so the
 * estimators never see a column name — the spec is the only place that says which column is what.
 */
import type { Localised, OutcomeRole } from '../results/types.ts';

export interface FrameArm {
  readonly label: string;
  readonly role: 'control' | 'intervention';
  readonly name: Localised;
}

export interface FrameOutcome {
  readonly id: string;
  readonly name: Localised;
  readonly role: OutcomeRole;
  readonly kind: 'score' | 'count';
  readonly higherIsBetter: boolean;
  readonly primaryVisit: string;
  /** Minimal clinically important difference for a within-person change (responder analysis), if defined. */
  readonly responder: { readonly threshold: number; readonly type: 'change' | 'level'; readonly definition: Localised; readonly metric: string } | null;
  /** values[v][i]: participant i at visit v (index into `visits`); NaN = missing. */
  readonly values: readonly Float64Array[];
  readonly range: readonly [number, number] | null;
}

export interface FrameCovariate {
  readonly column: string;
  readonly label: Localised;
  readonly kind: 'numeric' | 'categorical';
  readonly levels: readonly string[];
  /** Numeric: the value (NaN missing). Categorical: level index (−1 missing). */
  readonly values: Float64Array | Int32Array;
}

export interface AnalysisFrame {
  readonly n: number;
  readonly ids: readonly string[];
  readonly arms: readonly FrameArm[];
  /** Index into `arms` per participant. */
  readonly arm: Int32Array;
  readonly control: number;
  readonly intervention: number;
  readonly visits: readonly string[];
  readonly baselineVisit: number;
  /** Stratification factors (e.g. municipality), as categorical covariates. */
  readonly strata: readonly FrameCovariate[];
  /** Baseline characteristics for Table 1 and subgroups. */
  readonly covariates: readonly FrameCovariate[];
  /** Sessions attended (NaN when not recorded); max sessions. */
  readonly adherence: { readonly values: Float64Array; readonly max: number; readonly column: string } | null;
  /** missingReason[v][i]: the spec's code for the reason recorded for a missed visit, "other" for any other text, or null. */
  readonly missingReason: readonly (readonly (string | null)[])[];
  /** How many recorded reasons were not one of the spec's codes (counted as "other"). */
  readonly uncodedReasons?: number;
  readonly outcomes: readonly FrameOutcome[];
  /** Binary safety events (death, self-harm): participants with ≥ 1 event per arm. */
  readonly events: ReadonlyArray<{ readonly id: string; readonly name: Localised; readonly any: Uint8Array }>;
}

export function visitIndex(frame: AnalysisFrame, visit: string): number {
  const v = frame.visits.indexOf(visit);
  if (v < 0) throw new Error(`visit "${visit}" is not one of ${frame.visits.join(', ')}`);
  return v;
}

export function outcomeById(frame: AnalysisFrame, id: string): FrameOutcome {
  const o = frame.outcomes.find((x) => x.id === id);
  if (!o) throw new Error(`outcome "${id}" is not in the spec (known: ${frame.outcomes.map((x) => x.id).join(', ')})`);
  return o;
}

/** Participants per arm label. */
export function countByArm(frame: AnalysisFrame, include: (i: number) => boolean = () => true): Record<string, number> {
  const out: Record<string, number> = Object.create(null); // arm labels are data: "__proto__" is a label like any other
  for (const a of frame.arms) out[a.label] = 0;
  for (let i = 0; i < frame.n; i++) if (include(i)) out[frame.arms[frame.arm[i]].label]++;
  return out;
}
