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

/** One comparison the analysis answers: `intervention` − `control` (arm indices). */
export interface FrameComparison {
  /** "<intervention label> vs <control label>". */
  readonly id: string;
  readonly intervention: number;
  readonly control: number;
}

/** Outcome kinds with a value per visit (time-to-event outcomes are per participant, in `timeToEvent`). */
export type FrameOutcomeKind = 'score' | 'continuous' | 'binary' | 'count';

export interface FrameOutcome {
  readonly id: string;
  readonly name: Localised;
  readonly role: OutcomeRole;
  readonly kind: FrameOutcomeKind;
  readonly higherIsBetter: boolean;
  /** The spec's unit in both languages; null when none is declared (differences are then in points). */
  readonly unit: Localised | null;
  readonly primaryVisit: string;
  /** Visits the spec says the outcome is measured at (values elsewhere are all missing). */
  readonly visits: readonly string[];
  /** Responder analysis by the spec's `responders` entry for this outcome, if any. */
  readonly responder: { readonly threshold: number; readonly type: 'change' | 'level'; readonly definition: Localised; readonly metric: string } | null;
  /** values[v][i]: participant i at visit v (index into `visits` of the frame); NaN = missing. Binary: 1 success, 0 failure. */
  readonly values: readonly Float64Array[];
  /** Count outcomes: exposure (time at risk, > 0) per visit and participant, NaN when missing; null = 1 for everyone. */
  readonly exposure: readonly Float64Array[] | null;
  readonly exposureUnit: string | null;
  /** Possible or plausible range (instrument total range; a continuous outcome's declared range). */
  readonly range: readonly [number, number] | null;
  /** True when the outcome is measured at the baseline visit (then `values[baselineVisit]` is its baseline). */
  readonly hasBaseline: boolean;
}

/** A time-to-event outcome: declared and validated; its estimators live in the survival module. */
export interface FrameTimeToEvent {
  readonly id: string;
  readonly name: Localised;
  readonly role: OutcomeRole;
  readonly higherIsBetter: boolean;
  /** The time unit per language (the analysis and the visit id use the English one). */
  readonly unit: Localised | null;
  /** Follow-up time per participant (NaN missing). */
  readonly time: Float64Array;
  /** 1 event, 0 censored, −1 missing; with competing causes k + 1 for the k-th competing level. */
  readonly event: Int8Array;
  /** The causes an event code names (code k ↔ causes[k − 1]): the event's level(s), then each competing level; one entry without competing events. */
  readonly causes: readonly string[];
  /** True when the spec declares competing events (the outcome is analysed as competing risks). */
  readonly competing: boolean;
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
  /** Index of the control arm. */
  readonly control: number;
  /** The comparisons to estimate, in reporting order (each intervention arm vs the control first). */
  readonly comparisons: readonly FrameComparison[];
  readonly visits: readonly string[];
  /** Index of the baseline visit in `visits`, or −1 when the trial has none. */
  readonly baselineVisit: number;
  /** Stratification factors (e.g. municipality), as categorical covariates. */
  readonly strata: readonly FrameCovariate[];
  /** Baseline characteristics for Table 1, subgroups and adjustment. */
  readonly covariates: readonly FrameCovariate[];
  /** Sessions attended (NaN when not recorded); max sessions. */
  readonly adherence: { readonly values: Float64Array; readonly max: number; readonly column: string } | null;
  /** missingReason[v][i]: the spec's code for the reason recorded for a missed visit, "other" for any other text, or null. */
  readonly missingReason: readonly (readonly (string | null)[])[];
  /** How many recorded reasons were not one of the spec's codes (counted as "other"). */
  readonly uncodedReasons?: number;
  readonly outcomes: readonly FrameOutcome[];
  readonly timeToEvent: readonly FrameTimeToEvent[];
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

/** The baseline values of an outcome, or null when it has none (no baseline visit, or not measured there). */
export function baselineValues(frame: AnalysisFrame, outcome: FrameOutcome): Float64Array | null {
  return outcome.hasBaseline && frame.baselineVisit >= 0 ? outcome.values[frame.baselineVisit] : null;
}

/** Participants per arm label. */
export function countByArm(frame: AnalysisFrame, include: (i: number) => boolean = () => true): Record<string, number> {
  const out: Record<string, number> = Object.create(null); // arm labels are data: "__proto__" is a label like any other
  for (const a of frame.arms) out[a.label] = 0;
  for (let i = 0; i < frame.n; i++) if (include(i)) out[frame.arms[frame.arm[i]].label]++;
  return out;
}

/**
 * The comparisons of a trial: every intervention arm against the control, in spec order; with
 * "all-pairs" then also every pair of intervention arms (the later arm against the earlier).
 */
export function makeComparisons(arms: readonly FrameArm[], mode: 'vs-control' | 'all-pairs'): FrameComparison[] {
  const control = arms.findIndex((a) => a.role === 'control');
  const interventions = arms.map((a, k) => (a.role === 'intervention' ? k : -1)).filter((k) => k >= 0);
  const id = (i: number, c: number) => `${arms[i].label} vs ${arms[c].label}`;
  const out = interventions.map((i) => ({ id: id(i, control), intervention: i, control }));
  if (mode === 'all-pairs') for (let a = 0; a < interventions.length; a++) for (let b = a + 1; b < interventions.length; b++) out.push({ id: id(interventions[b], interventions[a]), intervention: interventions[b], control: interventions[a] });
  return out;
}
