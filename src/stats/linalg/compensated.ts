/**
 * Error-free transformations (Dekker 1971; Ogita, Rump & Oishi 2005, "Dot2"): sums of products
 * accurate as if computed in twice the working precision. Used to refine least-squares solutions.
 */
const SPLITTER = 134217729; // 2^27 + 1

/** Accumulates Σ terms and Σ products with their rounding errors carried separately. */
export class Dot2 {
  private s = 0;
  private c = 0;

  add(x: number): this {
    const t = this.s + x;
    const z = t - this.s;
    this.c += (this.s - (t - z)) + (x - z);
    this.s = t;
    return this;
  }

  addProduct(a: number, b: number): this {
    const p = a * b;
    let h = SPLITTER * a;
    const ah = h - (h - a);
    const al = a - ah;
    h = SPLITTER * b;
    const bh = h - (h - b);
    const bl = b - bh;
    this.c += al * bl - (((p - ah * bh) - al * bh) - ah * bl);
    return this.add(p);
  }

  value(): number {
    return this.s + this.c;
  }
}

/** y − Σ_j X[i, j]·b_j (minus `extra`) for row i of a column-major X, in doubled precision. */
export function compensatedResidual(y: number, data: Float64Array, rows: number, i: number, b: ArrayLike<number>, extra = 0): number {
  const acc = new Dot2().add(y);
  if (extra !== 0) acc.add(-extra);
  for (let j = 0; j < b.length; j++) {
    const bj = b[j];
    if (bj === 0 || Number.isNaN(bj)) continue;
    acc.addProduct(-data[i + j * rows], bj);
  }
  return acc.value();
}
