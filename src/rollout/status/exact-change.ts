/**
 * Mean and sample variance of a cohort's change scores from exact sums, so that the figures do not
 * depend on the order in which the store adds its rows (DuckDB's double aggregates follow its row
 * groups and threads: the same citizens ingested in other transactions gave other last digits).
 * The query sums each change rounded to 12 decimals as DECIMAL (an exact integer of units of
 * 10⁻¹²) and its square (units of 10⁻²⁴); here n·Σd² − (Σd)² is formed exactly in BigInt, and only
 * the final divisions are rounded — once, the same way for any order of the rows. The rounding
 * moves a mean by at most 5·10⁻¹³ (R's double arithmetic on the same values agrees to LRE ≥ 10).
 */

/** The SQL type each change is cast to: 12 decimals, |change| < 10⁶. Σd² (DECIMAL(38, 24)) holds up to 10¹⁴. */
export const CHANGE_DECIMAL = 'DECIMAL(18, 12)';
export const CHANGE_LIMIT = 1e6;

/** The exact integer a DECIMAL printed by DuckDB stands for, in units of 10^-scale ("-12.500000000" → −12500000000n at scale 9). */
export function decimalUnits(text: string, scale: number): bigint {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (m === null) throw new Error(`not a decimal: ${JSON.stringify(text)}`);
  const fraction = m[3] ?? '';
  if (fraction.length > scale) throw new Error(`decimal ${text} has more than ${scale} decimals`);
  const units = BigInt(m[2] + fraction.padEnd(scale, '0'));
  return m[1] === '-' ? -units : units;
}

const SCALE = 12;
const UNIT = 1e12;

/** Mean and sample variance (null where undefined: no values; variance with fewer than 2) from n, Σd (scale 12) and Σd² (scale 24) as DuckDB prints them. */
export function exactChange(n: number, sum: unknown, sumOfSquares: unknown): { mean: number | null; variance: number | null } {
  if (n === 0 || sum === null || sum === undefined) return { mean: null, variance: null };
  const s = decimalUnits(String(sum), SCALE);
  const mean = Number(s) / UNIT / n;
  if (n < 2 || sumOfSquares === null || sumOfSquares === undefined) return { mean, variance: null };
  const q = decimalUnits(String(sumOfSquares), 2 * SCALE);
  const big = BigInt(n);
  // n·Σd² − (Σd)², in units of 10⁻²⁴: exact, so no cancellation; never negative.
  const spread = big * q - s * s;
  return { mean, variance: Number(spread) / (UNIT * UNIT) / (n * (n - 1)) };
}
