/**
 * What the published numbers give away. Given which cells of a count system (model.ts) are
 * shown exactly, shown as "<5" (so 1–4) or hidden, every count a reader cannot see — each atom
 * and each cell not shown — gets the range the published numbers allow: its minimum and
 * maximum over all non-negative solutions (lp.ts), rounded inwards to integers. A count is
 * *disclosed* when that range is a single value from 1 to 4: a small group of people pinned
 * down by subtraction. A range wider than a point is safe; a pinned 0 or ≥ 5 identifies no small group.
 *
 * Rounding the LP bounds is exact here: each connected system is a set of partitions of one
 * total crossed at most two ways (level × analysed), whose constraint matrices are network
 * matrices, so every vertex — and so every bound — is an integer.
 */
import { polytope, type Row } from './lp.ts';
import type { CountSystem, Expr } from './model.ts';

export type CellState = 'shown' | 'small' | 'hidden';

export interface Disclosed {
  /** The cell key, or the atom's name. */
  readonly what: string;
  readonly kind: 'cell' | 'atom';
  /** The value the published numbers force. */
  readonly value: number;
  /** Cells shown exactly that take part (the ones to hide to break it). */
  readonly shownCells: readonly string[];
}

class UnionFind {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

/** Every count the published numbers pin to 1–4. `state` gives each cell's state; unknown keys are not published. */
export function audit(sys: CountSystem, state: (key: string) => CellState | undefined): Disclosed[] {
  const n = sys.atoms.length;
  // Atoms fixed by a cell shown exactly that is a single atom are constants from here on.
  const fixed = new Map<number, number>();
  const fixedBy = new Map<number, string>();
  const shown: Array<{ key: string; expr: Expr; value: number }> = [];
  const small: Array<{ key: string; expr: Expr }> = [];
  const unseen: Array<{ key: string; expr: Expr }> = [];
  for (const [key, c] of sys.cells) {
    const s = state(key);
    if (s === 'shown') {
      shown.push({ key, expr: c.expr, value: c.value });
      if (c.expr.size === 1) {
        fixed.set([...c.expr.keys()][0], c.value);
        fixedBy.set([...c.expr.keys()][0], key);
      }
    } else if (s === 'small') small.push({ key, expr: c.expr });
    else if (s === 'hidden') unseen.push({ key, expr: c.expr });
    else unseen.push({ key, expr: c.expr }); // not printed: as unknown as a hidden one
  }
  type Constraint = { expr: Expr; sense: Row['sense']; rhs: number; cell: string | null };
  const constraints: Constraint[] = [
    ...sys.structural.map((e) => ({ expr: e, sense: '=' as const, rhs: 0, cell: null })),
    ...shown.map((c) => ({ expr: c.expr, sense: '=' as const, rhs: c.value, cell: c.key })),
    ...small.flatMap((c) => [{ expr: c.expr, sense: '>=' as const, rhs: 1, cell: null }, { expr: c.expr, sense: '<=' as const, rhs: 4, cell: null }]),
  ];
  // Substitute the fixed atoms; join the rest into connected systems.
  const uf = new UnionFind(n);
  const reduced = constraints
    .map((c) => {
      let rhs = c.rhs;
      const expr = new Map<number, number>();
      const cells = c.cell === null ? [] : [c.cell];
      for (const [a, k] of c.expr) {
        const v = fixed.get(a);
        if (v === undefined) expr.set(a, k);
        else {
          rhs -= k * v;
          cells.push(fixedBy.get(a)!);
        }
      }
      return { ...c, expr, rhs, cells };
    })
    .filter((c) => c.expr.size > 0);
  for (const c of reduced) {
    const [first, ...rest] = [...c.expr.keys()];
    for (const a of rest) uf.union(first, a);
  }
  const groups = new Map<number, { atoms: number[]; rows: typeof reduced }>();
  for (let a = 0; a < n; a++) {
    if (fixed.has(a)) continue;
    const r = uf.find(a);
    if (!groups.has(r)) groups.set(r, { atoms: [], rows: [] });
    groups.get(r)!.atoms.push(a);
  }
  for (const c of reduced) groups.get(uf.find([...c.expr.keys()][0]))!.rows.push(c);

  const out: Disclosed[] = [];
  const pinned = (lo: number, hi: number) => {
    const a = Math.ceil(lo - 1e-7);
    const b = Math.floor(hi + 1e-7);
    return a === b ? a : null;
  };
  // A cell made only of atoms shown exactly is itself known, whatever its state.
  for (const c of [...small, ...unseen]) {
    if (![...c.expr.keys()].every((a) => fixed.has(a))) continue;
    let v = 0;
    for (const [a, k] of c.expr) v += k * fixed.get(a)!;
    if (v >= 1 && v <= 4) out.push({ what: c.key, kind: 'cell', value: v, shownCells: shown.filter((s) => [...s.expr.keys()].some((a) => c.expr.has(a))).map((s) => s.key) });
  }
  for (const g of groups.values()) {
    const local = new Map(g.atoms.map((a, i) => [a, i]));
    const rows: Row[] = g.rows.map((c) => ({ coef: new Map([...c.expr].map(([a, k]) => [local.get(a)!, k])), sense: c.sense, rhs: c.rhs }));
    const poly = polytope(g.atoms.length, rows);
    if (!poly.feasible) throw new Error(`the published counts contradict each other (atoms: ${g.atoms.slice(0, 5).map((a) => sys.atoms[a]).join('; ')}…)`);
    const involved = [...new Set(g.rows.flatMap((r) => r.cells))];
    const check = (what: string, kind: Disclosed['kind'], expr: Expr) => {
      const w = new Map<number, number>();
      let offset = 0;
      for (const [a, k] of expr) {
        const v = fixed.get(a);
        if (v !== undefined) offset += k * v;
        else if (local.has(a)) w.set(local.get(a)!, k);
      }
      if (w.size === 0) return;
      const { min, max } = poly.bounds(w);
      const p = pinned(min + offset, max + offset);
      if (p !== null && p >= 1 && p <= 4) out.push({ what, kind, value: p, shownCells: involved });
    };
    for (const a of g.atoms) check(sys.atoms[a], 'atom', new Map([[a, 1]]));
    for (const c of [...small, ...unseen]) {
      if ([...c.expr.keys()].some((a) => local.has(a))) check(c.key, 'cell', c.expr);
    }
  }
  return out;
}
