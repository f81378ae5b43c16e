/**
 * Repeated-measures data reduced to sufficient statistics per missingness pattern. Subjects
 * who share the set of visits they were observed at share Σ_P = Σ[s, s], so every likelihood
 * term is a sum over patterns of W_P = Σ_P⁻¹ against precomputed cross-products:
 *   XᵀV⁻¹X = Σ_P Σ_ab W_P[a,b] C_P[a,b],  C_P[a,b] = Σ_i x_{i,s_a} x_{i,s_b}ᵀ   (p × p)
 *   XᵀV⁻¹y = Σ_P Σ_ab W_P[a,b] d_P[a,b],  d_P[a,b] = Σ_i x_{i,s_a} y_{i,s_b}
 *   yᵀV⁻¹y = Σ_P Σ_ab W_P[a,b] e_P[a,b]
 * Each evaluation then costs O(patterns · T² · p²), independent of the number of subjects.
 *
 * Building them is the only O(N) step, so it works on typed arrays: subjects are numbered in
 * order of first appearance, their rows laid out contiguously (CSR) in visit order, and each
 * subject adds its non-zero products to its pattern's sums. The sums run over subjects in that
 * order within a pattern, as a per-subject loop would, so the statistics do not depend on how
 * they were gathered; C_P[b,a] = C_P[a,b]ᵀ is filled by copying (the same products in the same
 * order), and skipping zero products is exact (a sum that starts at +0 never becomes −0).
 */
import type { Matrix } from '../../linalg/matrix.ts';
import { StatsError } from '../../errors.ts';

export interface Pattern {
  /** Covariance group (0 when Σ is common to everyone). */
  readonly group: number;
  /** Visit indices observed, ascending. */
  readonly visits: Int32Array;
  readonly subjects: number;
  /** C[(a·k + b)·p² + i + j·p], k = visits.length. */
  readonly C: Float64Array;
  /** d[(a·k + b)·p + i]. */
  readonly d: Float64Array;
  /** e[a·k + b]. */
  readonly e: Float64Array;
}

export interface RepeatedData {
  readonly p: number;
  readonly T: number;
  readonly nObs: number;
  readonly nSubjects: number;
  /** Number of covariance groups (Σ separate per group, e.g. per arm). */
  readonly nGroups: number;
  readonly patterns: readonly Pattern[];
}

/** Subjects numbered 0 … count − 1 in order of first appearance: the number per row, and each subject's first row. */
export interface SubjectIndex {
  readonly code: Int32Array;
  readonly count: number;
  readonly firstRow: Int32Array;
}

const isIntegerArray = (a: ArrayLike<string | number>): a is Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array =>
  a instanceof Int32Array || a instanceof Uint32Array || a instanceof Int16Array || a instanceof Uint16Array || a instanceof Int8Array || a instanceof Uint8Array;

export function subjectIndex(subject: ArrayLike<string | number>): SubjectIndex {
  const n = subject.length;
  const code = new Int32Array(n);
  const first: number[] = [];
  let max = -1;
  let min = 0;
  if (isIntegerArray(subject)) for (let r = 0; r < n; r++) {
    const s = subject[r];
    if (s > max) max = s;
    if (s < min) min = s;
  }
  if (isIntegerArray(subject) && min >= 0 && max < Math.max(4 * n, 1 << 20)) {
    // Integer labels (row numbers of a frame): a table instead of a Map.
    const table = new Int32Array(max + 1).fill(-1);
    for (let r = 0; r < n; r++) {
      const s = subject[r];
      let c = table[s];
      if (c < 0) {
        c = table[s] = first.length;
        first.push(r);
      }
      code[r] = c;
    }
  } else {
    const map = new Map<string | number, number>();
    for (let r = 0; r < n; r++) {
      let c = map.get(subject[r]);
      if (c === undefined) {
        c = first.length;
        map.set(subject[r], c);
        first.push(r);
      }
      code[r] = c;
    }
  }
  return { code, count: first.length, firstRow: Int32Array.from(first) };
}

/**
 * Groups rows by subject (rows of one subject need not be adjacent) and by pattern. `subject`
 * is any label per row; `visit` the visit index (0 … T − 1) per row. A subject observed twice
 * at one visit is an error (the model has one value per subject and visit). `group` (optional,
 * 0 … nGroups − 1 per row, constant within subject) gives each group its own Σ. X must be finite.
 */
export function repeatedData(X: Matrix, y: ArrayLike<number>, subject: ArrayLike<string | number>, visit: ArrayLike<number>, T: number, group?: ArrayLike<number>, nGroups = 1): RepeatedData {
  return repeatedDataOf(X, null, y, subject, null, visit, T, group, nGroups);
}

/** repeatedData over the columns `cols` of X (all when null), with a precomputed subject index. */
export function repeatedDataOf(
  X: Matrix, cols: Int32Array | null, y: ArrayLike<number>, subject: ArrayLike<string | number>, index: SubjectIndex | null,
  visit: ArrayLike<number>, T: number, group?: ArrayLike<number>, nGroups = 1,
): RepeatedData {
  const n = X.rows;
  const p = cols ? cols.length : X.cols;
  if (y.length !== n || subject.length !== n || visit.length !== n) throw new StatsError('LENGTH_MISMATCH', `X has ${n} rows but y, subject and visit have ${y.length}, ${subject.length} and ${visit.length}`);
  if (n === 0) throw new StatsError('EMPTY_INPUT', 'no observations');
  for (let r = 0; r < n; r++) {
    if (!Number.isFinite(y[r])) throw new StatsError('NON_FINITE', `y has a non-finite value at row ${r}: leave missing visits out instead`, { row: r });
    const v = visit[r];
    if (!(Number.isInteger(v) && v >= 0 && v < T)) throw new StatsError('INVALID_ARGUMENT', `visit index ${v} at row ${r} is not in 0 … ${T - 1}`, { row: r });
  }
  const { code, count: S, firstRow } = index ?? subjectIndex(subject);
  // Rows by subject (CSR), each subject's rows in visit order (stable insertion sort: rows
  // usually arrive in visit order already).
  const start = new Int32Array(S + 1);
  for (let r = 0; r < n; r++) start[code[r] + 1]++;
  for (let s = 0; s < S; s++) start[s + 1] += start[s];
  const rows = new Int32Array(n);
  const fill = start.slice(0, S);
  for (let r = 0; r < n; r++) rows[fill[code[r]]++] = r;
  // Pattern per subject: group and bit mask of its visits looked up in a table (few visits), a
  // Map keyed by them (T ≤ 30), or by the visit list as a string.
  const useTable = T <= 16 && nGroups * 2 ** T <= 1 << 20;
  const useMask = T <= 30;
  const patternOf = new Int32Array(S);
  const patternTable = useTable ? new Int32Array(nGroups << T).fill(-1) : null;
  const patternIds = new Map<number | string, number>();
  const patternVisits: Int32Array[] = [];
  const patternGroup: number[] = [];
  const patternCount: number[] = [];
  for (let s = 0; s < S; s++) {
    const lo = start[s];
    const hi = start[s + 1];
    for (let a = lo + 1; a < hi; a++) {
      const r = rows[a];
      const v = visit[r];
      let b = a - 1;
      while (b >= lo && visit[rows[b]] > v) {
        rows[b + 1] = rows[b];
        b--;
      }
      rows[b + 1] = r;
    }
    const id = subject[firstRow[s]];
    for (let a = lo + 1; a < hi; a++) if (visit[rows[a]] === visit[rows[a - 1]]) throw new StatsError('INVALID_ARGUMENT', `subject ${String(id)} has two rows at visit ${visit[rows[a]]}`, { subject: String(id) });
    const g = group ? group[rows[lo]] : 0;
    if (!(Number.isInteger(g) && g >= 0 && g < nGroups)) throw new StatsError('INVALID_ARGUMENT', `covariance group ${g} of subject ${String(id)} is not in 0 … ${nGroups - 1}`, { subject: String(id) });
    if (group) for (let a = lo; a < hi; a++) if (group[rows[a]] !== g) throw new StatsError('INVALID_ARGUMENT', `subject ${String(id)} is in more than one covariance group`, { subject: String(id) });
    let key: number | string = 0;
    if (useMask) {
      let mask = 0;
      for (let a = lo; a < hi; a++) mask |= 1 << visit[rows[a]];
      key = patternTable ? (g << T) | mask : g * 2 ** 31 + mask;
    } else {
      const vs: number[] = [];
      for (let a = lo; a < hi; a++) vs.push(visit[rows[a]]);
      key = `${g}|${vs.join(',')}`;
    }
    let q = patternTable ? patternTable[key as number] : patternIds.get(key);
    if (q === undefined || q < 0) {
      q = patternVisits.length;
      if (patternTable) patternTable[key as number] = q;
      else patternIds.set(key, q);
      const vs = new Int32Array(hi - lo);
      for (let a = lo; a < hi; a++) vs[a - lo] = visit[rows[a]];
      patternVisits.push(vs);
      patternGroup.push(g);
      patternCount.push(0);
    }
    patternOf[s] = q;
    patternCount[q]++;
  }
  // Patterns in the order of their keys `group|v1,v2,…` (as strings).
  const keys = patternVisits.map((vs, q) => `${patternGroup[q]}|${Array.from(vs).join(',')}`);
  const order = keys.map((_, q) => q).sort((a, b) => (keys[a] < keys[b] ? -1 : 1));
  const C: Float64Array[] = [];
  const d: Float64Array[] = [];
  const e: Float64Array[] = [];
  for (let q = 0; q < patternVisits.length; q++) {
    const k = patternVisits[q].length;
    C.push(new Float64Array(k * k * p * p));
    d.push(new Float64Array(k * k * p));
    e.push(new Float64Array(k * k));
  }
  // Per pattern, its subjects in order, a block of them at a time: their rows' x values and y
  // gathered into contiguous columns, then every sum as one running dot product over the block.
  // Each sum still adds its subjects' products in subject order (zero products included, which
  // is exact), so blocks of any size give the same bits as one subject at a time.
  const nPatterns = patternVisits.length;
  const pStart = new Int32Array(nPatterns + 1);
  for (let s = 0; s < S; s++) pStart[patternOf[s] + 1]++;
  for (let q = 0; q < nPatterns; q++) pStart[q + 1] += pStart[q];
  const bySubject = new Int32Array(S);
  const pFill = pStart.slice(0, nPatterns);
  for (let s = 0; s < S; s++) bySubject[pFill[patternOf[s]]++] = s;
  const Xd = X.data;
  const colOff = new Int32Array(p);
  for (let i = 0; i < p; i++) colOff[i] = (cols ? cols[i] : i) * n;
  let kMax = 0;
  for (const vs of patternVisits) kMax = Math.max(kMax, vs.length);
  const B = 1024;
  const R = new Int32Array(kMax * B);
  const G = new Float64Array(kMax * p * B);
  // zero[a·p + i]: column i at position a is 0 for every subject of the block (a visit's dummy and
  // its interactions at the other visits of a pattern). Its cross-products would add only ±0 to
  // sums that start at +0 and so never are −0: skipping them leaves every sum's bits unchanged.
  const zero = new Uint8Array(kMax * p);
  const Y = new Float64Array(kMax * B);
  for (let q = 0; q < nPatterns; q++) {
    const k = patternVisits[q].length;
    const Cq = C[q];
    const dq = d[q];
    const eq = e[q];
    for (let c0 = pStart[q]; c0 < pStart[q + 1]; c0 += B) {
      const m = Math.min(B, pStart[q + 1] - c0);
      for (let t = 0; t < m; t++) {
        const lo = start[bySubject[c0 + t]];
        for (let a = 0; a < k; a++) R[a * B + t] = rows[lo + a];
      }
      for (let a = 0; a < k; a++) {
        const ra = a * B;
        for (let t = 0; t < m; t++) Y[ra + t] = y[R[ra + t]];
        for (let i = 0; i < p; i++) {
          const off = colOff[i];
          const g = (a * p + i) * B;
          let allZero = 1;
          for (let t = 0; t < m; t++) {
            const x = Xd[R[ra + t] + off];
            if (!(x - x === 0)) throw new StatsError('NON_FINITE', `X has a non-finite value at row ${R[ra + t]}`, { row: R[ra + t] });
            G[g + t] = x;
            if (x !== 0) allZero = 0;
          }
          zero[a * p + i] = allZero;
        }
      }
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          const ab = a * k + b;
          const yb = b * B;
          if (b >= a) {
            let s = eq[ab];
            for (let t = 0; t < m; t++) s += Y[a * B + t] * Y[yb + t];
            eq[ab] = s;
          }
          let i = 0;
          for (; i + 1 < p; i += 2) {
            const ga = (a * p + i) * B;
            const dc = ab * p + i;
            let s0 = dq[dc];
            let s1 = dq[dc + 1];
            for (let t = 0; t < m; t++) {
              const yt = Y[yb + t];
              s0 += G[ga + t] * yt;
              s1 += G[ga + B + t] * yt;
            }
            dq[dc] = s0;
            dq[dc + 1] = s1;
          }
          for (; i < p; i++) {
            const ga = (a * p + i) * B;
            let s = dq[ab * p + i];
            for (let t = 0; t < m; t++) s += G[ga + t] * Y[yb + t];
            dq[ab * p + i] = s;
          }
          if (b < a) continue;
          const cOff = ab * p * p;
          for (let i = 0; i < p; i++) {
            if (zero[a * p + i] === 1) continue;
            const ga = (a * p + i) * B;
            // Diagonal blocks are symmetric: the upper triangle (i ≤ j) only, mirrored below.
            let j = b === a ? i : 0;
            // Four sums side by side: independent chains, each in its own order.
            for (; j + 3 < p; j += 4) {
              const c = cOff + i + j * p;
              const gb = (b * p + j) * B;
              let s0 = Cq[c];
              let s1 = Cq[c + p];
              let s2 = Cq[c + 2 * p];
              let s3 = Cq[c + 3 * p];
              for (let t = 0; t < m; t++) {
                const xa = G[ga + t];
                s0 += xa * G[gb + t];
                s1 += xa * G[gb + B + t];
                s2 += xa * G[gb + 2 * B + t];
                s3 += xa * G[gb + 3 * B + t];
              }
              Cq[c] = s0;
              Cq[c + p] = s1;
              Cq[c + 2 * p] = s2;
              Cq[c + 3 * p] = s3;
            }
            if (j + 1 < p) {
              const c = cOff + i + j * p;
              const gb = (b * p + j) * B;
              let s0 = Cq[c];
              let s1 = Cq[c + p];
              for (let t = 0; t < m; t++) {
                const xa = G[ga + t];
                s0 += xa * G[gb + t];
                s1 += xa * G[gb + B + t];
              }
              Cq[c] = s0;
              Cq[c + p] = s1;
              j += 2;
            }
            for (; j < p; j++) {
              const c = cOff + i + j * p;
              const gb = (b * p + j) * B;
              let s0 = Cq[c];
              for (let t = 0; t < m; t++) s0 += G[ga + t] * G[gb + t];
              Cq[c] = s0;
            }
          }
        }
      }
    }
  }
  // Mirror: e and C below the diagonal blocks, and the lower triangle of the diagonal blocks.
  for (let q = 0; q < patternVisits.length; q++) {
    const k = patternVisits[q].length;
    const Cq = C[q];
    const eq = e[q];
    for (let a = 0; a < k; a++) {
      const aa = (a * k + a) * p * p;
      for (let j = 0; j < p; j++) for (let i = j + 1; i < p; i++) Cq[aa + i + j * p] = Cq[aa + j + i * p];
      for (let b = a + 1; b < k; b++) {
        eq[b * k + a] = eq[a * k + b];
        const ab = (a * k + b) * p * p;
        const ba = (b * k + a) * p * p;
        for (let j = 0; j < p; j++) for (let i = 0; i < p; i++) Cq[ba + j + i * p] = Cq[ab + i + j * p];
      }
    }
  }
  const patterns: Pattern[] = order.map((q) => ({ group: patternGroup[q], visits: patternVisits[q], subjects: patternCount[q], C: C[q], d: d[q], e: e[q] }));
  return { p, T, nObs: n, nSubjects: S, nGroups, patterns };
}
