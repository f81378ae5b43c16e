/**
 * Builds the analysis frame from a loaded trial: one record per randomised participant (sorted
 * by id, so results never depend on row order), each outcome as a visit × participant matrix
 * read by its kind (a score from the scored table, a number or a count from its column at each
 * visit, a binary success from its levels or its rule, a count's exposure). Baseline covariates
 * are read from the baseline row, or — in a trial without a baseline visit — from the
 * participant's earliest visit row.
 */
import { armColumn } from '../../data/spec/load.ts';
import type { LoadedTrial } from '../../instruments/load-trial.ts';
import { outcomeColumnAt, outcomeVisits, unitInBothLanguages, type OutcomeSpec, type VisitOutcomeSpec } from '../../data/spec/outcome-schema.ts';
import { parseIsoDate } from '../../data/validate/validate.ts';
import { makeComparisons, type AnalysisFrame, type FrameCovariate, type FrameOutcome, type FrameTimeToEvent } from './frame.ts';

export interface BuildFrameOptions {
  /** Which comparisons to make: each intervention vs the control (default), or also every pair of interventions. */
  readonly comparisons?: 'vs-control' | 'all-pairs';
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
}

export function buildFrame(trial: LoadedTrial, options: BuildFrameOptions = {}): AnalysisFrame {
  const { spec } = trial;
  const c = spec.columns;
  // Read column by column (arquero getters), not as one object per row: at 10⁶ participants × 3
  // visits the row objects were most of the frame's time and memory.
  const table = trial.table;
  const rowCount = table.numRows();
  const names = new Set(table.columnNames());
  const getters = new Map<string, ((row: number) => unknown) | null>();
  // A table neither filtered nor ordered (loadTrial's) reads its columns' arrays directly: the
  // same value as arquero's getter (`column.at(row)` for a row in range), without a builtin call
  // per cell (at 10⁶ participants × 3 visits that call was half the frame's time).
  const direct = !table.isFiltered() && !table.isOrdered();
  const getter = (column: string): ((row: number) => unknown) | null => {
    let g = getters.get(column);
    if (g === undefined) {
      if (!names.has(column)) g = null;
      else {
        const data = table.column(column) as unknown;
        if (direct && (Array.isArray(data) || ArrayBuffer.isView(data))) {
          const values = data as ArrayLike<unknown>;
          g = (row: number) => values[row];
        } else g = table.getter(column) as (row: number) => unknown;
      }
      getters.set(column, g);
    }
    return g;
  };
  /** The value of `column` on table row `row` (−1: no row; undefined as a missing key of a row object). */
  const cell = (row: number, column: string): unknown => {
    if (row < 0) return undefined;
    const g = getter(column);
    return g === null ? undefined : g(row);
  };
  const idOf = getter(c.id);
  const visitOf = getter(c.visit);
  const rowIds = Array.from({ length: rowCount }, (_, r) => String(idOf === null ? undefined : idOf(r)));
  // The participants sorted by id, and each row's participant. A file whose rows come in runs of
  // strictly increasing ids (as effekt simulate writes them, and most exports) is numbered from
  // its runs — the same sorted list, since `<` on strings orders by UTF-16 code units as sort()
  // does — without a million-key map or a sort of a million strings (at 10⁶ participants those
  // were three quarters of the frame's time); any other order goes by the sort and a map.
  const participantOf = new Int32Array(rowCount);
  let ids: string[] = [];
  let runsSorted = true;
  for (let r = 0; r < rowCount; r++) {
    const id = rowIds[r];
    if (r > 0 && id === rowIds[r - 1]) {
      participantOf[r] = ids.length - 1;
      continue;
    }
    if (ids.length > 0 && !(id > ids[ids.length - 1])) {
      runsSorted = false;
      break;
    }
    participantOf[r] = ids.length;
    ids.push(id);
  }
  if (!runsSorted) {
    ids = [...new Set(rowIds)].sort();
    const index = new Map(ids.map((id, i) => [id, i]));
    for (let r = 0; r < rowCount; r++) participantOf[r] = index.get(rowIds[r])!;
  }
  const visits = spec.visits.map((v) => v.id);
  const vIndex = new Map(visits.map((v, i) => [v, i]));
  const n = ids.length;
  // byVisit[v][i]: the table row of participant i at visit v, −1 when there is none.
  const byVisit: Int32Array[] = visits.map(() => new Int32Array(n).fill(-1));
  for (let r = 0; r < rowCount; r++) byVisit[vIndex.get(String(visitOf === null ? undefined : visitOf(r)))!][participantOf[r]] = r;
  const baselineVisit = spec.baselineVisit === undefined ? -1 : vIndex.get(spec.baselineVisit)!;
  const firstRow = Int32Array.from(ids, (_, i) => {
    if (baselineVisit >= 0 && byVisit[baselineVisit][i] >= 0) return byVisit[baselineVisit][i];
    return byVisit.find((v) => v[i] >= 0)![i];
  });
  /** A column's cells at the given table rows (−1: no row → undefined), its getter looked up once. */
  const cellsAt = (rows: Int32Array, column: string): unknown[] => {
    const g = getter(column);
    const out: unknown[] = new Array(rows.length);
    for (let k = 0; k < rows.length; k++) out[k] = g === null || rows[k] < 0 ? undefined : g(rows[k]);
    return out;
  };
  const firstValues = (column: string): unknown[] => cellsAt(firstRow, column);

  const arms = spec.arms.map((a) => ({ label: a.label, role: a.role, name: a.name }));
  const armCol = armColumn(spec);
  const armOf = firstValues(armCol);
  const arm = Int32Array.from(armOf, (x) => arms.findIndex((a) => a.label === x));

  const categorical = (column: string, label: FrameCovariate['label'], levels?: readonly string[]): FrameCovariate => {
    const g = getter(column);
    const values: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const x = g === null ? undefined : g(firstRow[i]);
      values[i] = x === null || x === undefined ? null : String(x);
    }
    const lv = levels ? [...levels] : [...new Set(values.filter((v): v is string => v !== null))].sort();
    // A level's first place, as indexOf finds it.
    const at = new Map<string, number>();
    lv.forEach((l, k) => {
      if (!at.has(l)) at.set(l, k);
    });
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      codes[i] = v === null ? -1 : at.get(v) ?? -1;
    }
    return { column, label, kind: 'categorical', levels: lv, values: codes };
  };
  const strataCols = [...new Set([...c.strata])];
  const strata = strataCols.map((s) => categorical(s, { da: s, en: s }));
  const covariates: FrameCovariate[] = spec.covariates.map((cov) =>
    cov.type === 'numeric'
      ? { column: cov.column, label: cov.label, kind: 'numeric', levels: [], values: Float64Array.from(firstValues(cov.column), num) }
      : categorical(cov.column, cov.label, cov.levels),
  );
  if (c.site && !spec.covariates.some((x) => x.column === c.site)) covariates.push(categorical(c.site, { da: 'Kommune', en: 'Municipality' }));

  /** values[v][i] of a column read at each of the outcome's visits (NaN elsewhere). */
  const perVisit = (src: { column?: string; columns?: Record<string, string> }, measured: readonly string[], read: (cell: unknown) => number) =>
    visits.map((visit, v) => {
      const column = measured.includes(visit) ? outcomeColumnAt(src, visit) : null;
      const out = new Float64Array(n);
      if (column === null) return out.fill(Number.NaN);
      // Each cell read straight into the typed column (no array of a million boxed cells first).
      const g = getter(column);
      const rows = byVisit[v];
      for (let i = 0; i < n; i++) out[i] = read(g === null || rows[i] < 0 ? undefined : g(rows[i]));
      return out;
    });

  const higherIsBetter = (o: VisitOutcomeSpec): boolean => {
    if (o.kind === 'score') return trial.instruments.find((i) => i.id === o.instrument)!.definition.higherIsBetter;
    return (o.direction ?? 'higher-is-better') === 'higher-is-better';
  };
  const built = new Map<string, FrameOutcome>();
  const visitOutcomes = spec.outcomes.filter((o): o is VisitOutcomeSpec => o.kind !== 'time-to-event');
  // Rule-derived binaries last: they read the frame values of the outcome they derive from.
  for (const o of [...visitOutcomes.filter((x) => !(x.kind === 'binary' && x.rule)), ...visitOutcomes.filter((x) => x.kind === 'binary' && x.rule)]) {
    const measured = outcomeVisits(o, visits);
    const responder = spec.responders.find((r) => r.outcome === o.id);
    let values: Float64Array[];
    let range: readonly [number, number] | null = null;
    let exposure: Float64Array[] | null = null;
    let exposureUnit: string | null = null;
    switch (o.kind) {
      case 'score': {
        const ins = trial.instruments.find((i) => i.id === o.instrument)!;
        values = perVisit({ column: o.id }, measured, num);
        range = ins.definition.totalRange;
        break;
      }
      case 'continuous':
        values = perVisit(o, measured, num);
        range = o.range ?? null;
        break;
      case 'count':
        values = perVisit(o, measured, num);
        if (o.exposure) {
          exposureUnit = o.exposure.unit ?? null;
          const e = o.exposure;
          exposure = 'value' in e ? visits.map(() => new Float64Array(n).fill(e.value)) : perVisit(e, measured, num);
        }
        break;
      case 'binary':
        if (o.rule) {
          const src = built.get(o.rule.outcome)!;
          const { type, threshold } = o.rule;
          const sign = src.higherIsBetter ? 1 : -1;
          const base = src.hasBaseline ? src.values[baselineVisit] : null;
          // Oriented so that larger is better; a tiny tolerance lets prorated scores equal to the threshold count.
          values = visits.map((visit, v) => Float64Array.from(ids.map((_, i) => {
            const y = src.values[v][i];
            if (!measured.includes(visit) || Number.isNaN(y)) return Number.NaN;
            if (type === 'level') return sign * (y - threshold) >= -1e-9 ? 1 : 0;
            if (base === null || v === baselineVisit || Number.isNaN(base[i])) return Number.NaN;
            return sign * (y - base[i]) >= threshold - 1e-9 ? 1 : 0;
          })));
        } else {
          const success = new Set(o.success);
          values = perVisit(o, measured, (cell) => (cell === null || cell === undefined ? Number.NaN : success.has(String(cell)) ? 1 : 0));
        }
        break;
    }
    built.set(o.id, {
      id: o.id,
      name: o.name,
      role: o.role,
      kind: o.kind,
      higherIsBetter: higherIsBetter(o),
      unit: unitInBothLanguages(o.unit),
      primaryVisit: o.primaryVisit,
      visits: measured,
      responder: responder ? { threshold: responder.threshold, type: responder.type, definition: responder.definition, metric: responder.metric } : null,
      values,
      exposure,
      exposureUnit,
      range,
      hasBaseline: baselineVisit >= 0 && measured.includes(visits[baselineVisit]) && !(o.kind === 'binary' && o.rule?.type === 'change'),
    });
  }
  const outcomes = visitOutcomes.map((o) => built.get(o.id)!);
  const timeToEvent = spec.outcomes.filter((o) => o.kind === 'time-to-event').map((o) => timeToEventOf(o, ids, byVisit, cell));

  const adherence = c.adherence ? { column: c.adherence.column, max: c.adherence.max, values: Float64Array.from(firstValues(c.adherence.column), num) } : null;
  // Recorded reasons are free text until mapped: only the spec's codes pass, anything else is "other".
  const codes = new Set(spec.missingReasons.map((m) => m.code));
  let uncoded = 0;
  const missingReason = visits.map((_, v) => {
    const reasons = c.missingReason ? cellsAt(byVisit[v], c.missingReason) : null;
    return ids.map((_, i) => {
      const r = byVisit[v][i];
      const reason = reasons ? reasons[i] : null;
      if (reason === null || reason === undefined) return r >= 0 ? null : 'no_row';
      if (codes.has(String(reason))) return String(reason);
      uncoded++;
      return 'other';
    });
  });
  const events = spec.events.map((e) => {
    const any = new Uint8Array(n);
    visits.forEach((_, v) => {
      if (v === baselineVisit) return;
      const cells = cellsAt(byVisit[v], e.column);
      for (let i = 0; i < n; i++) if (num(cells[i]) > 0) any[i] = 1;
    });
    return { id: e.id, name: e.name, any };
  });
  const control = arms.findIndex((a) => a.role === 'control');
  const comparisons = makeComparisons(arms, options.comparisons ?? 'vs-control');
  return { n, ids, arms, arm, control, comparisons, visits, baselineVisit, strata, covariates, adherence, missingReason, uncodedReasons: uncoded, outcomes, timeToEvent, events };
}

/** Per participant: the first non-empty time (or end − start in days) and event over the visit rows. */
function timeToEventOf(o: Extract<OutcomeSpec, { kind: 'time-to-event' }>, ids: readonly string[], byVisit: readonly Int32Array[], cell: (row: number, column: string) => unknown): FrameTimeToEvent {
  const firstValue = (i: number, column: string): unknown => {
    for (const rows of byVisit) {
      const x = cell(rows[i], column);
      if (x !== null && x !== undefined) return x;
    }
    return null;
  };
  const time = Float64Array.from(ids.map((_, i) => {
    if (o.time !== undefined) return num(firstValue(i, o.time));
    const s = firstValue(i, o.start!);
    const e = firstValue(i, o.end!);
    const ds = typeof s === 'string' ? parseIsoDate(s) : null;
    const de = typeof e === 'string' ? parseIsoDate(e) : null;
    return ds === null || de === null ? Number.NaN : de - ds;
  }));
  const competing = o.event.competing ?? [];
  const event = Int8Array.from(ids.map((_, i) => {
    const v = firstValue(i, o.event.column);
    if (v === null) return -1;
    const k = competing.indexOf(String(v));
    return k >= 0 ? k + 2 : o.event.event.includes(String(v)) ? 1 : 0;
  }));
  const causes = [o.event.event.join(' / '), ...competing];
  return { id: o.id, name: o.name, role: o.role, higherIsBetter: o.direction === 'higher-is-better', unit: unitInBothLanguages(o.unit), time, event, causes, competing: competing.length > 0 };
}
