/**
 * How many decimals a time of a time-to-event outcome is written with — in results.json's
 * sentences and in every table, chart and sentence of the report alike — chosen from the outcome's
 * τ rather than fixed: a restricted mean, its difference and a median are times between 0 and τ,
 * so they need the precision of τ's own scale. With a fixed 1 decimal a trial in years (τ = 5)
 * wrote a difference of −0.04 years as "0.0" and medians of 5.7 and 5.9 years both as "6", while
 * weeks (τ = 130) and days (τ = 1826) were fine.
 */

/** Most decimals any of these times gets (τ below 0.01 of its unit is not a real design). */
const MAX_DECIMALS = 4;

/**
 * Decimals for a restricted mean time and a difference of them: about three significant digits at
 * τ, and never fewer than 1 (what weeks and days had): τ = 130 weeks → 1, τ = 5 years → 2,
 * τ = 0.5 years → 3.
 */
export function rmstDecimals(tau: number): number {
  if (!Number.isFinite(tau) || tau <= 0) return 1;
  return Math.min(MAX_DECIMALS, Math.max(1, 2 - Math.floor(Math.log10(tau))));
}

/** Decimals for a median time: one fewer than the restricted mean's (τ = 130 weeks → 0, τ = 5 years → 1). */
export function medianDecimals(tau: number): number {
  return rmstDecimals(tau) - 1;
}

/** Decimals that write τ itself exactly, up to rmstDecimals (τ = 130 → 0, τ = 2.5 → 1). */
export function tauDecimals(tau: number): number {
  const most = rmstDecimals(tau);
  for (let d = 0; d < most; d++) if (Math.abs(Number(tau.toFixed(d)) - tau) < 1e-9 * Math.max(1, Math.abs(tau))) return d;
  return most;
}
