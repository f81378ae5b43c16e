/**
 * The validate summary: participants per arm × site, rows per visit, and missingness per
 * outcome × visit — counts only (no row-level values).
 */
import { armColumn, type TrialSpec } from '../data/spec/load.ts';
import type { LongData } from '../data/validate/validate.ts';
import { outcomeColumnAt, outcomeVisits } from '../data/spec/outcome-schema.ts';

export interface TrialSummary {
  readonly participants: number;
  readonly byArmSite: ReadonlyArray<{ readonly arm: string; readonly site: string; readonly n: number }>;
  readonly byArm: Readonly<Record<string, number>>;
  readonly visits: ReadonlyArray<{ readonly visit: string; readonly rows: number }>;
  readonly missingness: ReadonlyArray<{ readonly outcome: string; readonly visit: string; readonly missing: number; readonly of: number }>;
}

/** `scores`: each score outcome's column, null (or NaN in a Float64Array, scoreTrialTyped) where not scorable. */
export function summariseTrial(data: LongData, spec: TrialSpec, scores: Readonly<Record<string, readonly (number | null)[] | Float64Array>>): TrialSummary {
  const c = spec.columns;
  const ids = data.columns[c.id] as (string | null)[];
  const arms = data.columns[armColumn(spec)] as (string | null)[];
  const visits = data.columns[c.visit] as (string | null)[];
  const sites = c.site ? (data.columns[c.site] as (string | null)[]) : null;
  // Each participant's first row, in the order they first appear: as the reader found them, or
  // found here (a row with the previous row's id is not looked up again: a participant's rows
  // usually follow one another).
  let firstRows: ArrayLike<number> | undefined = data.firstRows;
  if (firstRows === undefined) {
    const seen = new Set<string>();
    const rows: number[] = [];
    let prev: string | null = null;
    for (let i = 0; i < data.n; i++) {
      const id = ids[i];
      if (id === null || id === prev) continue;
      prev = id;
      if (!seen.has(id)) {
        seen.add(id);
        rows.push(i);
      }
    }
    firstRows = rows;
  }
  const participants = firstRows.length;
  // Participants per arm × site (arm and site at their first row), the pairs in the order first
  // met (arm → site → count, no joined key per participant).
  const armSite = new Map<string, Map<string, { arm: string; site: string; n: number }>>();
  const pairs: { arm: string; site: string; n: number }[] = [];
  const byArm: Record<string, number> = Object.fromEntries(spec.arms.map((a) => [a.label, 0]));
  for (let p = 0; p < participants; p++) {
    const f = firstRows[p];
    const arm = arms[f] ?? '';
    const site = sites?.[f] ?? '(all)';
    let bySite = armSite.get(arm);
    if (!bySite) armSite.set(arm, (bySite = new Map()));
    let pair = bySite.get(site);
    if (!pair) bySite.set(site, (pair = pairs[pairs.push({ arm, site, n: 0 }) - 1]));
    pair.n++;
    byArm[arm] = (byArm[arm] ?? 0) + 1;
  }
  const byArmSite = pairs.sort((a, b) => a.site.localeCompare(b.site, 'da') || a.arm.localeCompare(b.arm));
  // Each visit's rows (with an id) and how many participants have one, found once and shared by
  // every outcome: the per-outcome scans with a Set of ids were most of validate at 10⁵ participants.
  const rowsAt = new Map<string, number[]>();
  for (let i = 0; i < data.n; i++) {
    const v = visits[i];
    if (v === null) continue;
    let list = rowsAt.get(v);
    if (!list) rowsAt.set(v, (list = []));
    list.push(i);
  }
  const visitsOut = spec.visits.map((v) => ({ visit: v.id, rows: rowsAt.get(v.id)?.length ?? 0 }));
  const presentAt = new Map<string, number>();
  const withId = new Map<string, number[]>();
  for (const [v, list] of rowsAt) {
    const idRows: number[] = [];
    for (let k = 0; k < list.length; k++) if (ids[list[k]] !== null) idRows.push(list[k]);
    withId.set(v, idRows);
    // Validated data hold one row per participant × visit, so the rows with an id at a visit are
    // its participants (a Set of 10⁵ ids per visit was a tenth of validate at 10⁵ participants).
    presentAt.set(v, idRows.length);
  }
  const missingness: { outcome: string; visit: string; missing: number; of: number }[] = [];
  const visitIds = spec.visits.map((v) => v.id);
  for (const o of spec.outcomes) {
    // Time-to-event values are per participant, and a rule-derived success is missing where its source is.
    if (o.kind === 'time-to-event') continue;
    const source = o.kind === 'binary' && o.rule ? spec.outcomes.find((x) => x.id === o.rule!.outcome)! : o;
    if (source.kind === 'time-to-event') continue;
    for (const visit of outcomeVisits(o, visitIds)) {
      const values = source.kind === 'score' ? scores[source.id] : (data.columns[outcomeColumnAt(source, visit) ?? ''] as (unknown | null)[] | undefined);
      const idRows = withId.get(visit) ?? [];
      let missing = 0;
      if (!values) missing = idRows.length;
      else if (source.kind === 'score' && values instanceof Float64Array) {
        for (let k = 0; k < idRows.length; k++) if (Number.isNaN(values[idRows[k]])) missing++;
      } else for (let k = 0; k < idRows.length; k++) if (values[idRows[k]] === null) missing++;
      // A participant without a row for the visit is missing there too.
      missing += participants - (presentAt.get(visit) ?? 0);
      missingness.push({ outcome: o.id, visit, missing, of: participants });
    }
  }
  return { participants, byArmSite, byArm, visits: visitsOut, missingness };
}
