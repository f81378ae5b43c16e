/**
 * Builds the analysis frame from a loaded trial: one record per randomised participant (sorted
 * by id, so results never depend on row order), each outcome as a visit × participant matrix.
 * Baseline covariates are read from the baseline row.
 */
import { armColumn } from '../../data/spec/load.ts';
import type { LoadedTrial } from '../../instruments/load-trial.ts';
import type { AnalysisFrame, FrameCovariate, FrameOutcome } from './frame.ts';

type Row = Record<string, unknown>;

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
}

export function buildFrame(trial: LoadedTrial): AnalysisFrame {
  const { spec } = trial;
  const c = spec.columns;
  const rows = trial.table.objects() as Row[];
  const ids = [...new Set(rows.map((r) => String(r[c.id])))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const visits = spec.visits.map((v) => v.id);
  const vIndex = new Map(visits.map((v, i) => [v, i]));
  const n = ids.length;
  const byVisit: (Row | undefined)[][] = visits.map(() => new Array<Row | undefined>(n));
  for (const r of rows) byVisit[vIndex.get(String(r[c.visit]))!][index.get(String(r[c.id]))!] = r;
  const baselineVisit = vIndex.get(spec.baselineVisit)!;
  const first = ids.map((_, i) => byVisit[baselineVisit][i] ?? byVisit.find((v) => v[i])![i]!);

  const arms = spec.arms.map((a) => ({ label: a.label, role: a.role, name: a.name }));
  const armCol = armColumn(spec);
  const arm = Int32Array.from(first.map((r) => arms.findIndex((a) => a.label === r[armCol])));

  const categorical = (column: string, label: FrameCovariate['label'], levels?: readonly string[]): FrameCovariate => {
    const values = first.map((r) => (r[column] === null || r[column] === undefined ? null : String(r[column])));
    const lv = levels ? [...levels] : [...new Set(values.filter((v): v is string => v !== null))].sort();
    return { column, label, kind: 'categorical', levels: lv, values: Int32Array.from(values.map((v) => (v === null ? -1 : lv.indexOf(v)))) };
  };
  const strataCols = [...new Set([...c.strata])];
  const strata = strataCols.map((s) => categorical(s, { da: s, en: s }));
  const covariates: FrameCovariate[] = spec.covariates.map((cov) =>
    cov.type === 'numeric'
      ? { column: cov.column, label: cov.label, kind: 'numeric', levels: [], values: Float64Array.from(first.map((r) => num(r[cov.column]))) }
      : categorical(cov.column, cov.label, cov.levels),
  );
  if (c.site && !spec.covariates.some((x) => x.column === c.site)) covariates.push(categorical(c.site, { da: 'Kommune', en: 'Municipality' }));

  const outcomes: FrameOutcome[] = spec.outcomes.map((o) => {
    const column = o.instrument ? o.id : o.column!;
    const ins = o.instrument ? trial.instruments.find((i) => i.id === o.instrument)! : null;
    const responder = spec.responders.find((r) => r.outcome === o.id);
    return {
      id: o.id,
      name: o.name,
      role: o.role,
      kind: o.instrument ? 'score' : 'count',
      higherIsBetter: ins ? ins.definition.higherIsBetter : false,
      primaryVisit: o.primaryVisit,
      responder: responder ? { threshold: responder.threshold, type: responder.type, definition: responder.definition, metric: responder.metric } : null,
      values: visits.map((_, v) => Float64Array.from(ids.map((_, i) => num(byVisit[v][i]?.[column])))),
      range: ins ? ins.definition.totalRange : null,
    };
  });
  const adherence = c.adherence ? { column: c.adherence.column, max: c.adherence.max, values: Float64Array.from(first.map((r) => num(r[c.adherence!.column]))) } : null;
  // Recorded reasons are free text until mapped: only the spec's codes pass, anything else is "other".
  const codes = new Set(spec.missingReasons.map((m) => m.code));
  let uncoded = 0;
  const missingReason = visits.map((_, v) => ids.map((_, i) => {
    const r = byVisit[v][i];
    const reason = c.missingReason ? r?.[c.missingReason] : null;
    if (reason === null || reason === undefined) return r ? null : 'no_row';
    if (codes.has(String(reason))) return String(reason);
    uncoded++;
    return 'other';
  }));
  const events = spec.events.map((e) => ({
    id: e.id,
    name: e.name,
    any: Uint8Array.from(ids.map((_, i) => (visits.some((_, v) => v !== baselineVisit && num(byVisit[v][i]?.[e.column]) > 0) ? 1 : 0))),
  }));
  const control = arms.findIndex((a) => a.role === 'control');
  const intervention = arms.findIndex((a) => a.role === 'intervention');
  return { n, ids, arms, arm, control, intervention, visits, baselineVisit, strata, covariates, adherence, missingReason, uncodedReasons: uncoded, outcomes, events };
}
