/**
 * The model's uncertain inputs as one flat, named parameter set. The deterministic model, the
 * PSA, the tornado and the threshold analysis all evaluate the same function of these, so the
 * probabilistic and one-way results can never drift from the base case.
 */
import type { Scenario } from '../scenario/schema.ts';

export interface ModelParameters {
  readonly costPerCitizen: number;
  readonly discountRate: number;
  /** Net effect rate per effect id. */
  readonly effectRates: Readonly<Record<string, number>>;
  /** Horizon saving per successful citizen per target-group id (the published total). */
  readonly savingTotals: Readonly<Record<string, number>>;
}

export function baseParameters(s: Scenario): ModelParameters {
  return {
    costPerCitizen: s.costPerCitizen,
    discountRate: s.discountRate,
    effectRates: Object.fromEntries(s.effects.map((e) => [e.id, e.rate])),
    savingTotals: Object.fromEntries(s.targetGroups.map((g) => [g.id, g.savingPerSuccess.total])),
  };
}

/** A parameter's name as shown in the tornado and the PSA tables. */
export type ParameterKey = 'costPerCitizen' | 'discountRate' | `effect:${string}` | `saving:${string}`;

export function parameterKeys(s: Scenario): ParameterKey[] {
  return [
    'costPerCitizen',
    ...s.effects.map((e) => `effect:${e.id}` as const),
    ...s.targetGroups.filter((g) => g.savingPerSuccess.total > 0).map((g) => `saving:${g.id}` as const),
    'discountRate',
  ];
}

export function getParameter(p: ModelParameters, key: ParameterKey): number {
  if (key === 'costPerCitizen') return p.costPerCitizen;
  if (key === 'discountRate') return p.discountRate;
  if (key.startsWith('effect:')) return p.effectRates[key.slice(7)];
  return p.savingTotals[key.slice(7)];
}

export function withParameter(p: ModelParameters, key: ParameterKey, value: number): ModelParameters {
  if (key === 'costPerCitizen') return { ...p, costPerCitizen: value };
  if (key === 'discountRate') return { ...p, discountRate: value };
  if (key.startsWith('effect:')) return { ...p, effectRates: { ...p.effectRates, [key.slice(7)]: value } };
  return { ...p, savingTotals: { ...p.savingTotals, [key.slice(7)]: value } };
}
