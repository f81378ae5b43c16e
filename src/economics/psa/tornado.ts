/**
 * One-way sensitivity (tornado): each parameter in turn is set to a low and a high value with
 * all others at base — the 2.5 % and 97.5 % quantiles of its distribution, or ±20 % of the
 * base value when the scenario gives it no uncertainty (discount rate: 0 and 3.5 %).
 * Rows are sorted by the width of the swing in the total net result.
 */
import type { Scenario } from '../scenario/schema.ts';
import { baseParameters, getParameter, parameterKeys, withParameter, type ParameterKey } from '../model/parameters.ts';
import { businessCase } from '../model/business-case.ts';
import { quantile } from './distributions.ts';
import { parameterDistribution, parameterLabel } from './parameter-distributions.ts';

export interface TornadoRow {
  readonly parameter: ParameterKey;
  readonly label: { readonly da: string; readonly en: string };
  readonly base: number;
  readonly low: number;
  readonly high: number;
  readonly rangeSource: 'distribution' | '±20%' | 'policy';
  readonly totalNetLow: number;
  readonly totalNetHigh: number;
  readonly swing: number;
}

export const DETERMINISTIC_SWING = 0.2;
export const FINANCE_MINISTRY_RATE = 0.035;

export function tornado(s: Scenario): TornadoRow[] {
  const base = baseParameters(s);
  const rows = parameterKeys(s).map((key): TornadoRow => {
    const b = getParameter(base, key);
    const dist = parameterDistribution(s, key);
    let low: number;
    let high: number;
    let rangeSource: TornadoRow['rangeSource'];
    if (key === 'discountRate') {
      low = 0;
      high = Math.max(FINANCE_MINISTRY_RATE, b);
      rangeSource = 'policy';
    } else if (dist.type === 'fixed') {
      low = b * (1 - DETERMINISTIC_SWING);
      high = b * (1 + DETERMINISTIC_SWING);
      rangeSource = '±20%';
    } else {
      low = quantile(dist, b, 0.025);
      high = quantile(dist, b, 0.975);
      rangeSource = 'distribution';
    }
    if (key.startsWith('effect:')) {
      low = Math.max(-1, low);
      high = Math.min(1, high);
    }
    const totalNetLow = businessCase(s, withParameter(base, key, low)).totalNet;
    const totalNetHigh = businessCase(s, withParameter(base, key, high)).totalNet;
    return { parameter: key, label: parameterLabel(s, key), base: b, low, high, rangeSource, totalNetLow, totalNetHigh, swing: Math.abs(totalNetHigh - totalNetLow) };
  });
  return rows.sort((a, b) => b.swing - a.swing || a.parameter.localeCompare(b.parameter));
}
