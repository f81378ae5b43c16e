/**
 * Specs are assembled as plain objects and checked where it matters — by compiling every one
 * with vega-lite in the tests — rather than by fighting vega-lite's deep union types here.
 */
import type { TopLevelSpec } from 'vega-lite';

export function vl(spec: Record<string, unknown>): TopLevelSpec {
  return spec as unknown as TopLevelSpec;
}

/** Rounds for chart data: aggregates need no more than 6 significant digits, and shorter JSON diffs better. */
export function r6(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}
