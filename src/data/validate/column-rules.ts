/**
 * What each column of the spec must hold. The data layer knows the roles (id, arm, visit,
 * covariates, outcomes of each kind); the instruments layer adds the item columns and their
 * ranges. Each rule carries the words its messages need: what the column is, and the fix that
 * fits its kind (a decimal weight is fine, a decimal count is not).
 */
import type { TrialSpec } from '../spec/load.ts';
import { outcomeVisits } from '../spec/outcome-schema.ts';

export interface NumericRule {
  readonly column: string;
  readonly kind: 'numeric';
  readonly integer: boolean;
  readonly min: number | null;
  readonly max: number | null;
  /** The minimum itself is not allowed (an exposure must be > 0). */
  readonly minExclusive?: boolean;
  /** Shown in messages: e.g. "QPR-15 item (0–4)". */
  readonly describe: string;
  /** Where the allowed range is declared (a spec JSON path), so the fix can point at it. */
  readonly rangeFrom?: string;
  /** Held as a Float64Array (NaN = empty) rather than numbers and nulls: instrument items, which only scoring reads. */
  readonly typed?: boolean;
  /**
   * Only a per-row sum over a group of such columns is wanted, not the column (instrument items
   * when only the scores are kept): item `item` of group `group`, added as `offset − value` when
   * `reversed`. The fast reader may then keep the group's sums instead of its columns
   * (validate-columnar.ts); anything else reads the column as usual.
   */
  readonly fold?: { readonly group: string; readonly item: number; readonly reversed: boolean; readonly offset: number };
}

export interface CategoricalRule {
  readonly column: string;
  readonly kind: 'categorical';
  readonly levels: readonly string[];
  readonly describe: string;
  /** Where the levels are declared (a spec JSON path). */
  readonly levelsFrom?: string;
}

export interface TextRule {
  readonly column: string;
  readonly kind: 'text';
  readonly describe: string;
}

/** A calendar date written YYYY-MM-DD. */
export interface DateRule {
  readonly column: string;
  readonly kind: 'date';
  readonly describe: string;
}

export type ColumnRule = NumericRule | CategoricalRule | TextRule | DateRule;

/** The columns an outcome (or exposure) reads: one column, or one per visit it is measured at. */
function sourceColumns(src: { column?: string; columns?: Record<string, string> }, visits: readonly string[]): string[] {
  if (src.column !== undefined) return [src.column];
  return [...new Set(visits.map((v) => (src.columns && Object.hasOwn(src.columns, v) ? src.columns[v] : undefined)).filter((c): c is string => c !== undefined))];
}

/** Rules for every non-item column the spec names (id, arm and visit are checked separately). */
export function specColumnRules(spec: TrialSpec): ColumnRule[] {
  const rules: ColumnRule[] = [];
  const c = spec.columns;
  const visitIds = spec.visits.map((v) => v.id);
  if (c.site) rules.push({ column: c.site, kind: 'text', describe: 'site' });
  for (const s of c.strata) if (s !== c.site) rules.push({ column: s, kind: 'text', describe: 'stratum' });
  if (c.missingReason) rules.push({ column: c.missingReason, kind: 'text', describe: 'reason for a missed visit' });
  if (c.adherence) rules.push({ column: c.adherence.column, kind: 'numeric', integer: true, min: 0, max: c.adherence.max, describe: `sessions attended (0–${c.adherence.max})`, rangeFrom: 'columns.adherence.max' });
  spec.covariates.forEach((cov, k) => {
    rules.push(cov.type === 'numeric' ? { column: cov.column, kind: 'numeric', integer: false, min: null, max: null, describe: cov.label.en } : { column: cov.column, kind: 'categorical', levels: cov.levels ?? [], describe: cov.label.en, levelsFrom: `covariates[${k}].levels` });
  });
  spec.outcomes.forEach((o, k) => {
    const at = `outcomes[${k}]`;
    // Validate's messages are in English: a unit declared per language gives its English word.
    const unit = o.unit ? `, ${typeof o.unit === 'string' ? o.unit : o.unit.en}` : '';
    switch (o.kind) {
      case 'score':
        return;
      case 'continuous': {
        const range = o.range ? `, plausible ${o.range[0]}–${o.range[1]}` : '';
        for (const column of sourceColumns(o, outcomeVisits(o, visitIds))) {
          rules.push({ column, kind: 'numeric', integer: false, min: o.range?.[0] ?? null, max: o.range?.[1] ?? null, describe: `${o.name.en} (a number${unit}${range})`, rangeFrom: o.range ? `${at}.range` : undefined });
        }
        return;
      }
      case 'count':
        for (const column of sourceColumns(o, outcomeVisits(o, visitIds))) rules.push({ column, kind: 'numeric', integer: true, min: 0, max: null, describe: `${o.name.en} (a count of events ≥ 0${unit})` });
        if (o.exposure && !('value' in o.exposure)) {
          for (const column of sourceColumns(o.exposure, outcomeVisits(o, visitIds))) rules.push({ column, kind: 'numeric', integer: false, min: 0, minExclusive: true, max: null, describe: `exposure of ${o.name.en} (a number > 0${o.exposure.unit ? `, ${o.exposure.unit}` : ''})` });
        }
        return;
      case 'binary':
        if (o.rule) return;
        for (const column of sourceColumns(o, outcomeVisits(o, visitIds))) rules.push({ column, kind: 'categorical', levels: [...o.success!, ...o.failure!], describe: `${o.name.en} (success: ${o.success!.join(', ')}; failure: ${o.failure!.join(', ')})`, levelsFrom: `${at}.success / ${at}.failure` });
        return;
      case 'time-to-event':
        if (o.time !== undefined) rules.push({ column: o.time, kind: 'numeric', integer: false, min: 0, max: null, describe: `time to ${o.name.en} (≥ 0${unit})` });
        else {
          rules.push({ column: o.start!, kind: 'date', describe: `start of follow-up for ${o.name.en}` });
          rules.push({ column: o.end!, kind: 'date', describe: `end of follow-up for ${o.name.en} (event or censoring)` });
        }
        rules.push({ column: o.event.column, kind: 'categorical', levels: [...o.event.event, ...o.event.censored, ...(o.event.competing ?? [])], describe: `${o.name.en} event (event: ${o.event.event.join(', ')}; censored: ${o.event.censored.join(', ')}${o.event.competing ? `; competing: ${o.event.competing.join(', ')}` : ''})`, levelsFrom: `${at}.event` });
        return;
    }
  });
  for (const e of spec.events) rules.push({ column: e.column, kind: 'numeric', integer: true, min: 0, max: 1, describe: `${e.name.en} (0 or 1)` });
  // A column named twice (a stratum that is also a covariate, a count read by two outcomes) is
  // checked once: by its first typed rule, a free-text rule giving way to a typed one.
  const byColumn = new Map<string, ColumnRule>();
  for (const r of rules) {
    const had = byColumn.get(r.column);
    if (!had || (had.kind === 'text' && r.kind !== 'text')) byColumn.set(r.column, r);
  }
  return [...byColumn.values()];
}
