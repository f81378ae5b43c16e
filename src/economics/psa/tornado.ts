/**
 * One-way sensitivity (tornado): each parameter in turn is set to a low and a high value with
 * all others at base — the 2.5 % and 97.5 % quantiles of its distribution, or ±20 % of the
 * base value when the scenario gives it no uncertainty (discount rate: 0 and 3.5 %). The
 * target-group mix is varied too: each saving group's share ±20 %, the difference taken from
 * (or given to) the groups with no listed saving — or, when there are none, the other groups
 * in proportion — so the shares still sum to 1.
 * Rows are sorted by the width of the swing in the total net result.
 */
import type { Scenario, TargetGroup } from '../scenario/schema.ts';
import { baseParameters, getParameter, parameterKeys, withParameter, type ParameterKey } from '../model/parameters.ts';
import { businessCase } from '../model/business-case.ts';
import { quantile } from './distributions.ts';
import { parameterDistribution, parameterLabel } from './parameter-distributions.ts';

/** A tornado row's parameter: a model parameter, or `share:<group id>` for the target-group mix. */
export type TornadoParameter = ParameterKey | `share:${string}`;

export interface TornadoRow {
  readonly parameter: TornadoParameter;
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
  rows.push(...shareRows(s));
  return rows.sort((a, b) => b.swing - a.swing || a.parameter.localeCompare(b.parameter));
}

/** The groups that give or take share when group `id` changes, and how much they can give. */
function absorbers(s: Scenario, id: string): TargetGroup[] {
  const others = s.targetGroups.filter((g) => g.id !== id);
  const noSaving = others.filter((g) => g.savingPerSuccess.total === 0);
  return noSaving.length > 0 ? noSaving : others;
}

/** The scenario with group `id` at `share`, the difference spread over its absorbers in proportion to their shares. */
export function withShare(s: Scenario, id: string, share: number): Scenario {
  const from = absorbers(s, id);
  const fromTotal = from.reduce((a, g) => a + g.share, 0);
  const delta = share - s.targetGroups.find((g) => g.id === id)!.share;
  const ids = new Set(from.map((g) => g.id));
  return {
    ...s,
    targetGroups: s.targetGroups.map((g) => {
      if (g.id === id) return { ...g, share };
      if (!ids.has(g.id)) return g;
      // Equal split when the absorbers hold no share yet (only possible when giving share to them).
      const w = fromTotal > 0 ? g.share / fromTotal : 1 / from.length;
      return { ...g, share: g.share - delta * w };
    }),
  };
}

function shareRows(s: Scenario): TornadoRow[] {
  const baseNet = businessCase(s).totalNet;
  return s.targetGroups
    .filter((g) => g.savingPerSuccess.total > 0 && s.targetGroups.length > 1)
    .map((g): TornadoRow => {
      const room = absorbers(s, g.id).reduce((a, x) => a + x.share, 0);
      const low = Math.max(0, g.share * (1 - DETERMINISTIC_SWING));
      const high = Math.min(g.share + room, g.share * (1 + DETERMINISTIC_SWING));
      const totalNetLow = low === g.share ? baseNet : businessCase(withShare(s, g.id, low)).totalNet;
      const totalNetHigh = high === g.share ? baseNet : businessCase(withShare(s, g.id, high)).totalNet;
      return {
        parameter: `share:${g.id}`,
        label: { da: `Andel af målgruppen: ${g.name.da}`, en: `Share of the target group: ${g.name.en}` },
        base: g.share, low, high, rangeSource: '±20%', totalNetLow, totalNetHigh, swing: Math.abs(totalNetHigh - totalNetLow),
      };
    });
}
