/** Turns the column lists of the marginal-binary / count-rate-ratio R fixtures into stats Variables. */
import { factor, numeric, type Variable } from '../../../../src/stats/design/model-matrix.ts';
import type { FactorVariable } from '../../../../src/stats/models/glm/arm-model.ts';

export type FixtureColumn =
  | { name: string; kind: 'numeric'; values: number[] }
  | { name: string; kind: 'factor'; levels: string[]; values: string[] };

export interface FixtureData {
  y: number[];
  arm: { name: string; levels: string[]; values: string[] };
  covariates?: FixtureColumn[];
  strata?: FixtureColumn[];
  exposure?: number[];
}

export function toVariable(c: FixtureColumn): Variable {
  return c.kind === 'numeric' ? numeric(c.name, c.values) : factor(c.name, c.values, c.levels);
}

export function armModelData(d: FixtureData) {
  return {
    y: d.y,
    arm: factor(d.arm.name, d.arm.values, d.arm.levels) as FactorVariable,
    covariates: (d.covariates ?? []).map(toVariable),
    strata: (d.strata ?? []).map((s) => toVariable(s) as FactorVariable),
    ...(d.exposure ? { exposure: d.exposure } : {}),
  };
}
