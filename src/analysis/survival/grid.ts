/** Default times at which curves and risk tables are reported: aggregates on a grid, never each event time. */

/** 0 and `steps` equal steps up to `last` (whole numbers when the data's times are whole and the step allows). */
export function defaultGrid(last: number, wholeTimes: boolean, steps = 100): number[] {
  if (!(last > 0)) return [0];
  const step = last / steps;
  const out = new Set<number>([0]);
  for (let k = 1; k <= steps; k++) out.add(wholeTimes && step >= 1 ? Math.round(k * step) : k * step);
  return [...out].sort((a, b) => a - b);
}

/** About six "nice" ticks from 0 to `last` for a risk table (1, 2, 2.5, 5 × 10^k steps). */
export function riskTicks(last: number): number[] {
  if (!(last > 0)) return [0];
  const raw = last / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let t = 0; t <= last + 1e-9; t += step) out.push(Math.round(t * 1e9) / 1e9);
  return out;
}
