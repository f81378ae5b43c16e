/**
 * What the published numbers give away. Given which cells of a count system (model.ts) are
 * shown exactly, shown as "<5" (so 1–4) or hidden, every count a reader cannot see — each atom
 * and each cell not shown — gets the range the published numbers allow: its minimum and
 * maximum over all non-negative solutions (lp.ts), rounded inwards to integers. A count is
 * *disclosed* when that range is a single value from 1 to 4: a small group of people pinned
 * down by subtraction. A range wider than a point is safe; a pinned 0 or ≥ 5 identifies no small group.
 *
 * Published figures that are exactly linear in counts (derived.ts: a rate, a difference of rates,
 * an economics figure scaling one) join as equalities once their denominators are shown:
 * Σ coef · num / den = value − constant, scaled by the denominators to integer coefficients.
 *
 * Rounding the LP bounds is exact for counts alone: each connected system is a set of partitions of one
 * total crossed at most two ways (level × analysed), whose constraint matrices are network
 * matrices, so every vertex — and so every bound — is an integer. With rate rows the bounds are those of the
 * LP relaxation: a count pinned by them is truly pinned; one the LP leaves a range may still be
 * pinned by integrality, which is why plan.ts prints a figure only when all its counts are shown.
 */
import { polytope, type Row } from './lp.ts';
import type { CountSystem, Expr } from './model.ts';
import type { DerivedFigure } from './derived.ts';

export type CellState = 'shown' | 'small' | 'hidden';

/** Published counts that contradict each other (a hand-edited results.json: real analyses add up). */
export class InconsistentCounts extends Error {
  constructor(readonly atoms: readonly string[]) {
    super(`the published counts contradict each other (atoms: ${atoms.join('; ')}…)`);
  }
}

/** What a reader can say about a count not shown: the range the published numbers allow. */
export interface Range {
  readonly what: string;
  readonly kind: 'cell' | 'atom';
  /** LP bounds (max may be Infinity). */
  readonly min: number;
  readonly max: number;
  /** Its state when a cell (atoms are never printed). */
  readonly state: CellState | undefined;
  /** Published cells and figures that take part. */
  readonly shownCells: readonly string[];
}

/** The range a reader gets pins a count of 1–4: the value, else null. */
export function pinnedSmall(r: Pick<Range, 'min' | 'max'>): number | null {
  const a = Math.ceil(r.min - 1e-7);
  const b = Math.floor(r.max + 1e-7);
  return a === b && a >= 1 && a <= 4 ? a : null;
}

/** A published figure as an integer-coefficient equality over count cells, or null when a denominator is not shown. */
function figureRow(sys: CountSystem, f: DerivedFigure, state: (key: string) => CellState | undefined): { expr: Map<number, number>; rhs: number } | null {
  if (!f.linear || !Number.isFinite(f.value)) return null;
  const dens: number[] = [];
  for (const t of f.linear.terms) {
    const d = sys.cells.get(t.den);
    if (!d || state(t.den) !== 'shown' || d.value === 0 || !sys.cells.has(t.num)) return null;
    dens.push(d.value);
  }
  const scale = dens.reduce((p, d) => p * d, 1);
  const expr = new Map<number, number>();
  f.linear.terms.forEach((t, i) => {
    const k = (t.coef * scale) / dens[i];
    for (const [a, c] of sys.cells.get(t.num)!.expr) expr.set(a, (expr.get(a) ?? 0) + k * c);
  });
  const raw = (f.value - f.linear.constant) * scale;
  const rhs = Math.abs(raw - Math.round(raw)) < 1e-6 * Math.max(1, Math.abs(raw)) ? Math.round(raw) : raw;
  return { expr, rhs };
}

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

/**
 * The range of every count a reader cannot see — each atom, and each cell not shown — given the
 * cells shown (exactly or as "<5") and the published linear figures. `state` gives each cell's
 * state; unknown keys are not published.
 */
export function ranges(sys: CountSystem, state: (key: string) => CellState | undefined, figures: readonly DerivedFigure[] = []): Range[] {
  const n = sys.atoms.length;
  // Atoms fixed by a cell shown exactly that is a single atom are constants from here on.
  const fixed = new Map<number, number>();
  const fixedBy = new Map<number, string>();
  const shown: Array<{ key: string; expr: Expr; value: number }> = [];
  const small: Array<{ key: string; expr: Expr; state: CellState }> = [];
  const unseen: Array<{ key: string; expr: Expr; state: CellState | undefined }> = [];
  for (const [key, c] of sys.cells) {
    const s = state(key);
    if (s === 'shown') {
      shown.push({ key, expr: c.expr, value: c.value });
      if (c.expr.size === 1) {
        fixed.set([...c.expr.keys()][0], c.value);
        fixedBy.set([...c.expr.keys()][0], key);
      }
    } else if (s === 'small') small.push({ key, expr: c.expr, state: s });
    else unseen.push({ key, expr: c.expr, state: s }); // hidden, or not printed: as unknown as a hidden one
  }
  type Constraint = { expr: Expr; sense: Row['sense']; rhs: number; cell: string | null };
  const constraints: Constraint[] = [
    ...sys.structural.map((e) => ({ expr: e, sense: '=' as const, rhs: 0, cell: null })),
    ...shown.map((c) => ({ expr: c.expr, sense: '=' as const, rhs: c.value, cell: c.key })),
    ...small.flatMap((c) => [{ expr: c.expr, sense: '>=' as const, rhs: 1, cell: null }, { expr: c.expr, sense: '<=' as const, rhs: 4, cell: null }]),
  ];
  const figureKeys = new Set(figures.map((f) => f.key));
  for (const f of figures) {
    const r = figureRow(sys, f, state);
    if (r) constraints.push({ expr: r.expr, sense: '=', rhs: r.rhs, cell: f.key });
  }
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
    .filter((c) => {
      if (c.expr.size > 0) return true;
      // Every atom is known exactly: the constraint must hold (a count shown elsewhere contradicting a
      // "<5" or a sum is a results.json whose counts do not add up, not a count the reader cannot see).
      if (figureKeys.has(c.cell ?? '')) return false;
      const bad = c.sense === '=' ? Math.abs(c.rhs) > 1e-7 : c.sense === '>=' ? c.rhs > 1e-7 : c.rhs < -1e-7;
      if (bad) throw new InconsistentCounts([...c.cells, ...c.expr.keys()].map(String).slice(0, 5));
      return false;
    });
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

  const out: Range[] = [];
  const hiddenCells = [...small, ...unseen];
  // A cell made only of atoms shown exactly is itself known, whatever its state.
  for (const c of hiddenCells) {
    if (![...c.expr.keys()].every((a) => fixed.has(a))) continue;
    let v = 0;
    for (const [a, k] of c.expr) v += k * fixed.get(a)!;
    out.push({ what: c.key, kind: 'cell', min: v, max: v, state: c.state, shownCells: shown.filter((s) => [...s.expr.keys()].some((a) => c.expr.has(a))).map((s) => s.key) });
  }
  for (const g of groups.values()) {
    const local = new Map(g.atoms.map((a, i) => [a, i]));
    const rows: Row[] = g.rows.map((c) => ({ coef: new Map([...c.expr].map(([a, k]) => [local.get(a)!, k])), sense: c.sense, rhs: c.rhs }));
    const poly = polytope(g.atoms.length, rows);
    if (!poly.feasible) throw new InconsistentCounts(g.atoms.slice(0, 5).map((a) => sys.atoms[a]));
    const involved = [...new Set(g.rows.flatMap((r) => r.cells))];
    const check = (what: string, kind: Range['kind'], expr: Expr, st: CellState | undefined) => {
      const w = new Map<number, number>();
      let offset = 0;
      for (const [a, k] of expr) {
        const v = fixed.get(a);
        if (v !== undefined) offset += k * v;
        else if (local.has(a)) w.set(local.get(a)!, k);
      }
      if (w.size === 0) return;
      const { min, max } = poly.bounds(w);
      out.push({ what, kind, min: min + offset, max: max + offset, state: st, shownCells: involved });
    };
    for (const a of g.atoms) check(sys.atoms[a], 'atom', new Map([[a, 1]]), undefined);
    for (const c of hiddenCells) {
      if ([...c.expr.keys()].some((a) => local.has(a))) check(c.key, 'cell', c.expr, c.state);
    }
  }
  return out;
}

/** Every count the published numbers pin to 1–4. */
export function audit(sys: CountSystem, state: (key: string) => CellState | undefined, figures: readonly DerivedFigure[] = []): Disclosed[] {
  const out: Disclosed[] = [];
  for (const r of ranges(sys, state, figures)) {
    const v = pinnedSmall(r);
    if (v !== null) out.push({ what: r.what, kind: r.kind, value: v, shownCells: r.shownCells });
  }
  return out;
}
