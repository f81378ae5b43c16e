/**
 * Multiple imputation by fully conditional specification — chained equations (van Buuren,
 * Brand, Groothuis-Oudshoorn & Rubin 2006; van Buuren, FIMD 2nd ed., § 4.5), as mice:
 *
 *   for each imputation k (its own chain, its own random stream derived from the seed):
 *     fill every missing cell with a random draw from the column's observed values;
 *     repeat maxit times: for each column j with a method, in order,
 *       regress the observed y_j on an intercept and the current values of its predictors,
 *       and replace its missing cells by draws from that model (pmm, norm or logreg).
 *
 * The chains are independent and the stream of imputation k depends only on (seed, k), so the
 * first k imputations of a run with m > k are byte-identical to a run with m = k — the reason
 * callers can cache the largest run and slice it. With `groups` (imputation by arm), each
 * group's rows are imputed by a separate sampler that sees only that group.
 */
import { StatsError } from '../errors.ts';
import { forkRng, type Rng } from '../random/rng.ts';
import { resolveMiOptions, type MiMethod, type MiOptions, type ResolvedMiOptions } from './options.ts';
import { imputeNorm, type MethodInput } from './methods/norm.ts';
import { unchangingGram, type GramCache } from './methods/norm-draw.ts';
import type { Matrix } from '../linalg/matrix.ts';
import { imputePmm } from './methods/pmm.ts';
import { imputeLogreg } from './methods/logreg.ts';
import { cancelPrefetched, prefetchImputations, runImputations, startHelpers, stopHelpers } from './parallel.ts';

export interface FcsData {
  /** Columns of equal length n; NaN = missing. Categorical predictors come dummy-coded. */
  readonly columns: readonly Float64Array[];
  readonly names: readonly string[];
  readonly methods: readonly MiMethod[];
  /** predictors[j]: indices of the columns used to impute column j (default: every other column). */
  readonly predictors?: readonly (readonly number[])[];
  /** Optional group per row (e.g. arm): each group is imputed separately. */
  readonly groups?: Int32Array;
}

export interface FcsResult {
  readonly method: 'fcs';
  readonly options: ResolvedMiOptions & { readonly methods: Readonly<Record<string, MiMethod>>; readonly byGroup: boolean };
  readonly n: number;
  readonly names: readonly string[];
  /** missing[j]: rows of column j that were imputed. */
  readonly missing: readonly Int32Array[];
  /** imputations[k][j][t]: the value imputed in imputation k for row missing[j][t]. */
  readonly imputations: readonly (readonly Float64Array[])[];
}

const impute: Record<Exclude<MiMethod, ''>, (input: MethodInput) => Float64Array> = { pmm: imputePmm, norm: imputeNorm, logreg: imputeLogreg };

function validate(data: FcsData): readonly (readonly number[])[] {
  const p = data.columns.length;
  if (p === 0) throw new StatsError('EMPTY_INPUT', 'imputation needs at least one column');
  const n = data.columns[0].length;
  if (data.names.length !== p || data.methods.length !== p) throw new StatsError('LENGTH_MISMATCH', `${p} columns but ${data.names.length} names and ${data.methods.length} methods`);
  for (let j = 0; j < p; j++) {
    if (data.columns[j].length !== n) throw new StatsError('LENGTH_MISMATCH', `column ${data.names[j]} has ${data.columns[j].length} rows, expected ${n}`);
    const c = data.columns[j];
    // Indexed, not for-of: this runs once per imputation run, mostly before the code is optimised,
    // where a typed array's iterator costs a call per value (≈ 40 ms of `effekt run` on the twin).
    for (let i = 0; i < n; i++) if (c[i] === Infinity || c[i] === -Infinity) throw new StatsError('NON_FINITE', `column ${data.names[j]} has an infinite value`);
  }
  if (data.groups && data.groups.length !== n) throw new StatsError('LENGTH_MISMATCH', `groups has ${data.groups.length} rows, expected ${n}`);
  const predictors = data.predictors ?? data.columns.map((_, j) => data.columns.map((__, k) => k).filter((k) => k !== j));
  if (predictors.length !== p) throw new StatsError('LENGTH_MISMATCH', `the predictor matrix has ${predictors.length} rows, expected ${p}`);
  for (let j = 0; j < p; j++) {
    const missing = countMissing(data.columns[j]);
    if (missing > 0 && data.methods[j] === '' && predictors.some((ps, t) => data.methods[t] !== '' && ps.includes(j))) {
      throw new StatsError('INVALID_ARGUMENT', `column ${data.names[j]} has ${missing} missing value(s) but no imputation method, and it predicts another column`, { column: data.names[j] });
    }
    if (data.methods[j] === '') continue;
    for (const k of predictors[j]) {
      if (!Number.isInteger(k) || k < 0 || k >= p || k === j) throw new StatsError('INVALID_ARGUMENT', `predictor ${k} of column ${data.names[j]} is not another column`, { column: data.names[j] });
    }
  }
  return predictors;
}

function countMissing(x: Float64Array): number {
  let c = 0;
  for (let i = 0; i < x.length; i++) if (Number.isNaN(x[i])) c++;
  return c;
}

/** Copies src's observed-target and missing-target rows into column `col` of the two designs. */
function gather(src: Float64Array, o: Int32Array, mRows: Int32Array, xObs: Matrix, xMis: Matrix, col: number): void {
  const offO = col * o.length;
  const offM = col * mRows.length;
  for (let r = 0; r < o.length; r++) xObs.data[offO + r] = src[o[r]];
  for (let r = 0; r < mRows.length; r++) xMis.data[offM + r] = src[mRows[r]];
}

/**
 * What every chain over a block shares, computed once per run: the observed and imputed rows of
 * each column, the observed targets, and per imputed column its two designs with the intercept
 * and the never-imputed predictors filled in (a chain copies them and gathers only the imputed
 * predictors, at every iteration). Throws EMPTY_GROUP as a chain would, before any draw.
 */
interface BlockSetup {
  readonly miss: readonly Int32Array[];
  readonly obs: readonly Int32Array[];
  readonly active: readonly number[];
  readonly yObsOf: readonly Float64Array[];
  readonly designs: ReadonlyMap<number, BlockDesign>;
}

/**
 * Column j's two designs (intercept first, then predictors[j]) over its observed and its imputed
 * rows. The never-imputed predictors are filled in once; so are the observed cells of the
 * imputed predictors. changing[v] lists, for the v-th imputed predictor (design column
 * varying[v] + 1), the design rows whose cell is imputed (posObs/posMis) and the block rows they
 * come from (rowObs/rowMis): the only cells a chain writes, at every iteration, from the current
 * values of that predictor. The designs are scratch of the chains run on this plan: one chain at
 * a time (a thread runs its chains one after another; another thread has its own plan).
 */
interface BlockDesign {
  readonly xObs: Matrix;
  readonly xMis: Matrix;
  readonly varying: readonly number[];
  readonly flags: Uint8Array;
  readonly gram: GramCache | null;
  readonly changing: readonly { readonly posObs: Int32Array; readonly rowObs: Int32Array; readonly posMis: Int32Array; readonly rowMis: Int32Array }[];
}

/** The rows r of `rows` whose cell of src is missing: their positions and the rows themselves. */
function missingCells(src: Float64Array, rows: Int32Array): { pos: Int32Array; row: Int32Array } {
  let count = 0;
  for (let r = 0; r < rows.length; r++) if (Number.isNaN(src[rows[r]])) count++;
  const pos = new Int32Array(count);
  const row = new Int32Array(count);
  for (let r = 0, t = 0; r < rows.length; r++) {
    if (Number.isNaN(src[rows[r]])) {
      pos[t] = r;
      row[t++] = rows[r];
    }
  }
  return { pos, row };
}

function setupBlock(columns: readonly Float64Array[], names: readonly string[], methods: readonly MiMethod[], predictors: readonly (readonly number[])[], label: string): BlockSetup {
  const p = columns.length;
  const n = columns[0].length;
  const miss: Int32Array[] = [];
  const obs: Int32Array[] = [];
  for (let j = 0; j < p; j++) {
    const c = columns[j];
    let nMiss = 0;
    for (let i = 0; i < n; i++) if (Number.isNaN(c[i])) nMiss++;
    const mi = new Int32Array(methods[j] === '' ? 0 : nMiss);
    const ob = new Int32Array(n - nMiss);
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isNaN(c[i])) ob[b++] = i;
      else if (mi.length) mi[a++] = i;
    }
    miss.push(mi);
    obs.push(ob);
  }
  const active = [...Array(p).keys()].filter((j) => miss[j].length > 0);
  const yObsOf = columns.map((c, j) => {
    const o = obs[j];
    const out = new Float64Array(o.length);
    for (let r = 0; r < o.length; r++) out[r] = c[o[r]];
    return out;
  });
  for (const j of active) {
    if (obs[j].length < 2) throw new StatsError('EMPTY_GROUP', `column ${names[j]} has fewer than 2 observed values${label}: nothing to impute from`, { column: names[j] });
  }
  const designs = new Map<number, BlockDesign>();
  for (const j of active) {
    const ps = predictors[j];
    const q = ps.length + 1;
    const o = obs[j];
    const mRows = miss[j];
    const xObs = { rows: o.length, cols: q, data: new Float64Array(o.length * q) };
    const xMis = { rows: mRows.length, cols: q, data: new Float64Array(mRows.length * q) };
    xObs.data.fill(1, 0, o.length);
    xMis.data.fill(1, 0, mRows.length);
    const varying: number[] = [];
    const flags = new Uint8Array(q);
    const changing: { posObs: Int32Array; rowObs: Int32Array; posMis: Int32Array; rowMis: Int32Array }[] = [];
    for (let c = 0; c < ps.length; c++) {
      if (miss[ps[c]].length > 0) {
        varying.push(c);
        flags[c + 1] = 1;
        const a = missingCells(columns[ps[c]], o);
        const b = missingCells(columns[ps[c]], mRows);
        changing.push({ posObs: a.pos, rowObs: a.row, posMis: b.pos, rowMis: b.row });
      }
    }
    // The Gram entries among the unchanging columns, once for every chain (pmm and norm draw by
    // the normal equations); computed before the observed cells of changing columns go in.
    for (let c = 0; c < ps.length; c++) if (!flags[c + 1]) gather(columns[ps[c]], o, mRows, xObs, xMis, c + 1);
    const gram = methods[j] === 'pmm' || methods[j] === 'norm' ? unchangingGram(xObs, yObsOf[j], flags) : null;
    for (const c of varying) gather(columns[ps[c]], o, mRows, xObs, xMis, c + 1);
    designs.set(j, { xObs, xMis, varying, flags, gram, changing });
  }
  return { miss, obs, active, yObsOf, designs };
}

/** One chain over a block of rows (all rows, or one group): returns the imputed values per column. */
function chain(columns: readonly Float64Array[], setup: BlockSetup, methods: readonly MiMethod[], predictors: readonly (readonly number[])[], maxit: number, donors: number, rng: Rng): Float64Array[] {
  const { miss, obs, active, yObsOf } = setup;
  // Only imputed columns are written; the others are read as they are. Built by push, so the
  // array is packed whatever `columns` is (see packed()).
  const work: Float64Array[] = [];
  for (let j = 0; j < columns.length; j++) work.push(miss[j].length > 0 ? columns[j].slice() : columns[j]);
  for (const j of active) {
    // Starting values: random draws from the observed values (mice's default initialisation).
    const mj = miss[j];
    for (let t = 0; t < mj.length; t++) work[j][mj[t]] = columns[j][obs[j][rng.int(obs[j].length)]];
  }
  for (let it = 0; it < maxit; it++) {
    for (const j of active) {
      const ps = predictors[j];
      const mRows = miss[j];
      const { xObs, xMis, varying, flags, gram, changing } = setup.designs.get(j)!;
      // Only the imputed cells of the imputed predictors change: those alone are written.
      for (let v = 0; v < varying.length; v++) {
        const src = work[ps[varying[v]]];
        const { posObs, rowObs, posMis, rowMis } = changing[v];
        const offO = (varying[v] + 1) * xObs.rows;
        const offM = (varying[v] + 1) * xMis.rows;
        for (let t = 0; t < posObs.length; t++) xObs.data[offO + posObs[t]] = src[rowObs[t]];
        for (let t = 0; t < posMis.length; t++) xMis.data[offM + posMis[t]] = src[rowMis[t]];
      }
      const method = methods[j] as Exclude<MiMethod, ''>;
      // The shared cache is only read: a draw stores into it only when it starts empty.
      const values = impute[method]({ xObs, yObs: yObsOf[j], xMis, rng, donors, gram: gram ?? { varying: flags, xtx: null, xty: null } });
      for (let r = 0; r < mRows.length; r++) work[j][mRows[r]] = values[r];
    }
  }
  const values: Float64Array[] = []; // by push, not map(): packed (see packed())
  for (let j = 0; j < work.length; j++) {
    const rows = miss[j];
    const w = work[j];
    const out = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) out[r] = w[rows[r]];
    values.push(out);
  }
  return values;
}

/** What every imputation of one run shares: the blocks of rows, the imputed rows and their slots. */
export interface FcsPlan {
  readonly data: FcsData;
  readonly predictors: readonly (readonly number[])[];
  readonly maxit: number;
  readonly donors: number;
  readonly seed: number;
  readonly blocks: readonly { readonly g: number; readonly rows: Int32Array; readonly columns: readonly Float64Array[]; readonly setup: BlockSetup }[];
  readonly missing: readonly Int32Array[];
  /** slot[j][i]: position of row i within missing[j], −1 when not imputed. */
  readonly slot: readonly Int32Array[];
}

/** Throws the EMPTY_GROUP that setupBlock would throw for these columns, without building anything. */
function checkBlock(columns: readonly Float64Array[], names: readonly string[], methods: readonly MiMethod[], label: string): void {
  for (let j = 0; j < columns.length; j++) {
    if (methods[j] === '') continue;
    const nMiss = countMissing(columns[j]);
    if (nMiss > 0 && columns[j].length - nMiss < 2) throw new StatsError('EMPTY_GROUP', `column ${names[j]} has fewer than 2 observed values${label}: nothing to impute from`, { column: names[j] });
  }
}

/**
 * A packed copy of `xs`. The chains ran with lists from the caller and lists from a structured
 * clone (the helpers' plans), which makes holey arrays — as does Array.prototype.map once the
 * function calling it is optimised (TurboFan's inlined map allocates the result at its full
 * length), while the builtin's result is packed: code optimised for one kind met the other, was
 * thrown away ("wrong map") and compiled again — chain and imputeOne twice on every thread.
 * Pushed one by one, an array is packed (small integers kept as such).
 */
function packed<T>(xs: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < xs.length; i++) out.push(xs[i]);
  return out;
}

/** Splits the rows into blocks (groups) and locates the cells to impute; no random draws. */
export function planFcs(input: FcsData, given: readonly (readonly number[])[], resolved: ResolvedMiOptions): FcsPlan {
  // Every list the chains read is packed, and so is every list mapped from one (see packed()).
  const data: FcsData = { ...input, columns: packed(input.columns), names: packed(input.names), methods: packed(input.methods) };
  const predictors = packed(given.map(packed));
  const n = data.columns[0].length;
  const { methods } = data;
  const groupIds = data.groups ? [...new Set(data.groups)].sort((a, b) => a - b) : [0];
  const blocks = groupIds.map((g) => {
    const groups = data.groups;
    let count = 0;
    for (let i = 0; i < n; i++) if (!groups || groups[i] === g) count++;
    const rows = new Int32Array(count);
    for (let i = 0, r = 0; i < n; i++) if (!groups || groups[i] === g) rows[r++] = i;
    // One block of all rows reads the columns as they are (nothing writes to a block's columns).
    const columns = groups
      ? data.columns.map((c) => {
          const out = new Float64Array(count);
          for (let r = 0; r < count; r++) out[r] = c[rows[r]];
          return out;
        })
      : data.columns;
    const label = groups ? ` in group ${g}` : '';
    checkBlock(columns, data.names, methods, label);
    // The designs are built when a chain first needs them: a plan made only to hand a run to the
    // helper threads (prefetchFcs) never builds them on this thread.
    let setup: BlockSetup | null = null;
    return {
      g,
      rows,
      columns,
      get setup(): BlockSetup {
        return (setup ??= setupBlock(columns, data.names, methods, predictors, label));
      },
    };
  });
  const missing = data.columns.map((c, j) => {
    const rows: number[] = [];
    if (methods[j] !== '') for (let i = 0; i < n; i++) if (Number.isNaN(c[i])) rows.push(i);
    return Int32Array.from(rows);
  });
  // Position of each imputed row within missing[j], to scatter block results back.
  const slot = missing.map((rows) => {
    const s = new Int32Array(n).fill(-1);
    for (let t = 0; t < rows.length; t++) s[rows[t]] = t;
    return s;
  });
  return { data, predictors, maxit: resolved.maxit, donors: resolved.donors, seed: resolved.seed, blocks, missing, slot };
}

/**
 * Imputation k of a run: its chain(s) draw from the stream fork("imputation:k") of the seed (and
 * that stream's fork("group:g") per group), so the values depend on (seed, k) only — never on
 * which thread computes them or in what order.
 */
export function imputeOne(plan: FcsPlan, k: number): Float64Array[] {
  const { data, predictors, missing, slot } = plan;
  const p = data.columns.length;
  const stream = forkRng(plan.seed, `imputation:${k}`);
  const out: Float64Array[] = []; // by push, not map(): packed (see packed())
  for (let j = 0; j < missing.length; j++) out.push(new Float64Array(missing[j].length));
  for (const b of plan.blocks) {
    const rng = data.groups ? stream.fork(`group:${b.g}`) : stream;
    const values = chain(b.columns, b.setup, data.methods, predictors, plan.maxit, plan.donors, rng);
    for (let j = 0; j < p; j++) {
      if (missing[j].length === 0) continue; // nothing imputed: no slot to fill
      let t = 0;
      for (let r = 0; r < b.rows.length; r++) {
        const s = slot[j][b.rows[r]];
        if (s >= 0) out[j][s] = values[j][t++];
      }
    }
  }
  return out;
}

export function fcs(data: FcsData, options: MiOptions): FcsResult {
  const resolved = resolveMiOptions(options);
  const predictors = validate(data);
  const { methods, names } = data;
  const plan = planFcs(data, predictors, resolved);
  const imputations = runImputations(plan, resolved.m, options);
  return {
    method: 'fcs',
    options: { ...resolved, methods: Object.fromEntries(names.map((nm, j) => [nm, methods[j]])), byGroup: data.groups !== undefined },
    n: data.columns[0].length,
    names,
    missing: plan.missing,
    imputations,
  };
}

/**
 * Starts fcs(data, options) on the helper threads ahead of the call (parallel.ts): the same call
 * later joins the run and gets the same values. Throws what fcs would throw on this input.
 */
export function prefetchFcs(data: FcsData, options: MiOptions): void {
  const resolved = resolveMiOptions(options);
  prefetchImputations(planFcs(data, validate(data), resolved), resolved.m);
}

/** Starts the helper threads of parallel runs ahead of the first one (e.g. while the data are read). */
export function startImputationHelpers(): void {
  startHelpers();
}

/** Ends the helper threads (nothing left to impute); a later run starts new ones. */
export function stopImputationHelpers(): Promise<void> {
  return stopHelpers();
}

/** Stops the prefetched runs that no fcs call joined (the helpers' time is not spent on them). */
export function cancelPrefetchedFcs(): void {
  cancelPrefetched();
}

/** Column j of completed dataset k (observed values with imputation k's draws filled in). */
export function completeColumn(data: FcsData, result: FcsResult, k: number, j: number): Float64Array {
  if (!(k >= 0 && k < result.imputations.length)) throw new StatsError('INVALID_ARGUMENT', `imputation ${k} does not exist (m = ${result.imputations.length})`);
  const out = Float64Array.from(data.columns[j]);
  const rows = result.missing[j];
  const vals = result.imputations[k][j];
  for (let t = 0; t < rows.length; t++) out[rows[t]] = vals[t];
  return out;
}
