/**
 * Runs a panel's declared derivations (one exhaustive switch over the kinds; each kind is
 * implemented once in window.ts or first-run.ts) and returns, per derivation, typed arrays in
 * panel order plus the participant-level columns they become in the trial table.
 */
import type { RegisterPanel } from './panel.ts';
import type { Derivation, RegisterPanelSpec } from './schema.ts';
import { derivedOutcomeKind } from './schema.ts';
import { causeTable, codeMask, complement } from './masks.ts';
import { everInWindow, statusAtWeek, weeksInWindow } from './window.ts';
import { firstRun, type TimeToEvent } from './first-run.ts';

export type DerivedValues =
  | { readonly kind: 'binary'; readonly values: Int8Array }
  | { readonly kind: 'count'; readonly values: Float64Array; readonly observed: Float64Array }
  | { readonly kind: 'time-to-event'; readonly time: Float64Array; readonly cause: Uint8Array; readonly causes: readonly string[] };

export interface Derived {
  readonly derivation: Derivation;
  readonly result: DerivedValues;
  /** How many participants the derivation gives no value (missing). */
  readonly missing: number;
}

export function deriveOne(p: RegisterPanel, spec: Pick<RegisterPanelSpec, 'codes' | 'groups' | 'weeks'>, d: Derivation): DerivedValues {
  const origin = 'origin' in d && d.origin !== undefined ? d.origin : spec.weeks.first;
  const to = 'to' in d && d.to !== undefined ? d.to : spec.weeks.last;
  switch (d.kind) {
    case 'status-at':
      return { kind: 'binary', values: statusAtWeek(p, codeMask(spec, d.codes), d.week, d.unobserved) };
    case 'ever-in':
      return { kind: 'binary', values: everInWindow(p, codeMask(spec, d.codes), d.from, d.to, d.unobserved) };
    case 'weeks-in': {
      const r = weeksInWindow(p, codeMask(spec, d.codes), d.from, d.to, d.unobserved);
      return { kind: 'count', values: r.weeks, observed: r.observed };
    }
    case 'time-to-first':
      return tte(firstRun(p, codeMask(spec, d.codes), { origin, to, sustained: d.sustained }), [d.id]);
    case 'time-to-leave': {
      const set = codeMask(spec, d.codes);
      return tte(firstRun(p, complement(spec, set), { origin, to, sustained: d.sustained, atRiskAtOrigin: set }), [d.id]);
    }
    case 'competing-first':
      return tte(firstRun(p, causeTable(spec, d.causes), { origin, to, sustained: d.sustained }), d.causes.map((c) => c.id));
  }
}

function tte(r: TimeToEvent, causes: readonly string[]): DerivedValues {
  return { kind: 'time-to-event', time: r.time, cause: r.cause, causes };
}

function missingCount(r: DerivedValues): number {
  let m = 0;
  if (r.kind === 'binary') for (const v of r.values) m += v < 0 ? 1 : 0;
  else if (r.kind === 'count') for (const v of r.values) m += Number.isNaN(v) ? 1 : 0;
  else for (const v of r.time) m += Number.isNaN(v) ? 1 : 0;
  return m;
}

export function derivePanel(p: RegisterPanel, spec: RegisterPanelSpec): Derived[] {
  return spec.derive.map((d) => {
    const result = deriveOne(p, spec, d);
    if (result.kind !== derivedOutcomeKind(d)) throw new Error(`derivation ${d.id}: kind ${result.kind} ≠ ${derivedOutcomeKind(d)}`);
    return { derivation: d, result, missing: missingCount(result) };
  });
}

/** Column values as text, the way a trial file holds them ("" = missing). */
export type DerivedColumns = Record<string, string[]>;

/**
 * The participant-level columns of the derivations: binary → `<id>` "1"/"0"; count → `<id>`
 * (weeks) and `<id>_observed`; time-to-event → `<id>_weeks` and `<id>_event` ("censored" or the
 * event/cause id).
 */
export function derivedColumns(derived: readonly Derived[]): DerivedColumns {
  const out: DerivedColumns = Object.create(null);
  for (const { derivation: d, result: r } of derived) {
    if (r.kind === 'binary') out[d.id] = Array.from(r.values, (v) => (v < 0 ? '' : String(v)));
    else if (r.kind === 'count') {
      out[d.id] = Array.from(r.values, (v) => (Number.isNaN(v) ? '' : String(v)));
      out[`${d.id}_observed`] = Array.from(r.observed, String);
    } else {
      out[`${d.id}_weeks`] = Array.from(r.time, (v) => (Number.isNaN(v) ? '' : String(v)));
      out[`${d.id}_event`] = Array.from(r.time, (t, i) => (Number.isNaN(t) ? '' : r.cause[i] === 0 ? 'censored' : r.causes[r.cause[i] - 1]));
    }
  }
  return out;
}

/** The column names a derivation adds (for spec checks: outcomes may name them). */
export function derivedColumnNames(d: Derivation): string[] {
  switch (derivedOutcomeKind(d)) {
    case 'binary':
      return [d.id];
    case 'count':
      return [d.id, `${d.id}_observed`];
    case 'time-to-event':
      return [`${d.id}_weeks`, `${d.id}_event`];
  }
}
