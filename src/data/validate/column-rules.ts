/**
 * What each column of the spec must hold. The data layer knows the roles (id, arm, visit,
 * covariates, counts); the instruments layer adds the item columns and their ranges.
 */
import type { TrialSpec } from '../spec/load.ts';

export interface NumericRule {
  readonly column: string;
  readonly kind: 'numeric';
  readonly integer: boolean;
  readonly min: number | null;
  readonly max: number | null;
  /** Shown in messages: e.g. "QPR-15 item (0–4)". */
  readonly describe: string;
}

export interface CategoricalRule {
  readonly column: string;
  readonly kind: 'categorical';
  readonly levels: readonly string[];
  readonly describe: string;
}

export interface TextRule {
  readonly column: string;
  readonly kind: 'text';
  readonly describe: string;
}

export type ColumnRule = NumericRule | CategoricalRule | TextRule;

/** Rules for every non-item column the spec names (id, arm and visit are checked separately). */
export function specColumnRules(spec: TrialSpec): ColumnRule[] {
  const rules: ColumnRule[] = [];
  const c = spec.columns;
  if (c.site) rules.push({ column: c.site, kind: 'text', describe: 'site' });
  for (const s of c.strata) if (s !== c.site) rules.push({ column: s, kind: 'text', describe: 'stratum' });
  if (c.missingReason) rules.push({ column: c.missingReason, kind: 'text', describe: 'reason for a missed visit' });
  if (c.adherence) rules.push({ column: c.adherence.column, kind: 'numeric', integer: true, min: 0, max: c.adherence.max, describe: `sessions attended (0–${c.adherence.max})` });
  for (const cov of spec.covariates) {
    rules.push(cov.type === 'numeric' ? { column: cov.column, kind: 'numeric', integer: false, min: null, max: null, describe: cov.label.en } : { column: cov.column, kind: 'categorical', levels: cov.levels ?? [], describe: cov.label.en });
  }
  for (const o of spec.outcomes) if (o.column) rules.push({ column: o.column, kind: 'numeric', integer: true, min: 0, max: null, describe: `${o.name.en} (a count ≥ 0)` });
  for (const e of spec.events) rules.push({ column: e.column, kind: 'numeric', integer: true, min: 0, max: 1, describe: `${e.name.en} (0 or 1)` });
  return rules;
}
