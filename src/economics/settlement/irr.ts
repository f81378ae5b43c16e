/**
 * Internal rate of return of yearly cash flows (index 0 = year 1): the rate r with
 * Σ_t c_t (1 + r)^−t = 0. Found by bisection on a bracket where the NPV changes sign, which is
 * robust for the investor's profile (outflows first, inflows later: at most one sign change of
 * the cumulative flow, hence one root), to machine precision. Returns null when the NPV does not
 * change sign on (−99 %, 1000 %).
 */
export function npv(rate: number, flows: readonly number[]): number {
  let s = 0;
  for (let t = 0; t < flows.length; t++) s += flows[t] / (1 + rate) ** t;
  return s;
}

export function irr(flows: readonly number[]): number | null {
  let lo = -0.99;
  let hi = 10;
  let flo = npv(lo, flows);
  const fhi = npv(hi, flows);
  if (!Number.isFinite(flo) || !Number.isFinite(fhi) || flo === 0) return flo === 0 ? lo : null;
  if (Math.sign(flo) === Math.sign(fhi)) return null;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    // Bisect until the bracket holds no double between its ends: the root to machine precision.
    if (mid <= lo || mid >= hi) return mid;
    const fm = npv(mid, flows);
    if (fm === 0) return mid;
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}
