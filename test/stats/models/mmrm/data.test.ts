/**
 * repeatedData's sufficient statistics against the plain definition — per pattern, a loop over
 * its subjects (in order of first appearance) adding every product — to the bit: the columnar
 * build (CSR rows, sparse products, mirrored blocks) must not change a single sum's order.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { repeatedData, type RepeatedData } from '../../../../src/stats/models/mmrm/data.ts';

/** The definition, as the first implementation computed it. */
function naive(X: Float64Array, n: number, p: number, y: number[], subject: (string | number)[], visit: number[], group: number[] | undefined): RepeatedData & { order: string[] } {
  const bySubject = new Map<string | number, number[]>();
  subject.forEach((s, r) => bySubject.set(s, [...(bySubject.get(s) ?? []), r]));
  const groups = new Map<string, number[][]>();
  for (const rows of bySubject.values()) {
    rows.sort((a, b) => visit[a] - visit[b]);
    const key = `${group ? group[rows[0]] : 0}|${rows.map((r) => visit[r]).join(',')}`;
    groups.set(key, [...(groups.get(key) ?? []), rows]);
  }
  const order = [...groups.keys()].sort();
  const patterns = order.map((key) => {
    const members = groups.get(key)!;
    const k = members[0].length;
    const C = new Float64Array(k * k * p * p);
    const d = new Float64Array(k * k * p);
    const e = new Float64Array(k * k);
    for (const rows of members) for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
      const ab = a * k + b;
      e[ab] += y[rows[a]] * y[rows[b]];
      for (let i = 0; i < p; i++) {
        d[ab * p + i] += X[rows[a] + i * n] * y[rows[b]];
        for (let j = 0; j < p; j++) C[ab * p * p + i + j * p] += X[rows[a] + i * n] * X[rows[b] + j * n];
      }
    }
    return { group: Number(key.split('|')[0]), visits: Int32Array.from(members[0].map((r) => visit[r])), subjects: members.length, C, d, e };
  });
  return { p, T: 0, nObs: n, nSubjects: bySubject.size, nGroups: 1, patterns, order };
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

const caseArb = fc.record({
  T: fc.integer({ min: 1, max: 4 }),
  p: fc.integer({ min: 1, max: 5 }),
  groups: fc.integer({ min: 1, max: 2 }),
  subjects: fc.array(fc.record({ g: fc.nat(1), seen: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }) }), { minLength: 1, maxLength: 25 }),
  values: fc.array(fc.oneof(fc.constant(0), fc.constant(-0), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { minLength: 200, maxLength: 200 }),
  shuffle: fc.array(fc.nat(), { minLength: 100, maxLength: 100 }),
  integerIds: fc.boolean(),
});

describe('repeatedData', () => {
  it('equals the per-subject definition to the bit, rows in any order, string or integer subject labels', () => {
    fc.assert(fc.property(caseArb, (c) => {
      const rows: { s: number; v: number; g: number }[] = [];
      c.subjects.forEach((s, id) => s.seen.slice(0, c.T).forEach((on, v) => on && rows.push({ s: id * 7 + 3, v, g: c.groups > 1 ? s.g : 0 })));
      if (rows.length === 0) return;
      // A deterministic shuffle, so subjects' rows are interleaved and out of visit order.
      for (let i = rows.length - 1; i > 0; i--) {
        const j = c.shuffle[i % c.shuffle.length] % (i + 1);
        [rows[i], rows[j]] = [rows[j], rows[i]];
      }
      const n = rows.length;
      const X = Float64Array.from({ length: n * c.p }, (_, i) => c.values[i % c.values.length]);
      const y = rows.map((_, i) => c.values[(i * 7 + 1) % c.values.length]);
      const visit = rows.map((r) => r.v);
      const group = c.groups > 1 ? rows.map((r) => r.g) : undefined;
      const labels = rows.map((r) => `id${r.s}`);
      const subject = c.integerIds ? Int32Array.from(rows, (r) => r.s) : labels;
      const got = repeatedData({ rows: n, cols: c.p, data: X }, y, subject, visit, c.T, group, c.groups);
      const want = naive(X, n, c.p, y, labels, visit, group);
      expect(got.nSubjects).toBe(want.nSubjects);
      expect(got.patterns.length).toBe(want.patterns.length);
      got.patterns.forEach((P, q) => {
        const W = want.patterns[q];
        expect([P.group, P.subjects, Array.from(P.visits)]).toEqual([W.group, W.subjects, Array.from(W.visits)]);
        expect(same(P.e, W.e) && same(P.d, W.d) && same(P.C, W.C)).toBe(true);
      });
    }), { numRuns: 200 });
  });

  it('equals the definition across blocks of subjects (a pattern with thousands of subjects)', () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const p = 6;
    const subject: number[] = [];
    const visit: number[] = [];
    for (let s = 0; s < 5000; s++) for (let v = 0; v < 3; v++) if (rnd() < 0.8) {
      subject.push(s);
      visit.push(v);
    }
    const n = subject.length;
    const X = Float64Array.from({ length: n * p }, (_, i) => (i < n ? 1 : rnd() < 0.3 ? 0 : rnd() * 100 - 50));
    const y = Array.from({ length: n }, () => rnd() * 1e4);
    const got = repeatedData({ rows: n, cols: p, data: X }, y, Int32Array.from(subject), visit, 3);
    const want = naive(X, n, p, y, subject, visit, undefined);
    expect(got.patterns.map((P) => P.subjects)).toEqual(want.patterns.map((P) => P.subjects));
    expect(Math.max(...got.patterns.map((P) => P.subjects))).toBeGreaterThan(2048);
    got.patterns.forEach((P, q) => expect(same(P.e, want.patterns[q].e) && same(P.d, want.patterns[q].d) && same(P.C, want.patterns[q].C)).toBe(true));
  });

  it('names the subject seen twice at a visit, and a subject in two covariance groups', () => {
    const X = { rows: 3, cols: 1, data: new Float64Array([1, 1, 1]) };
    expect(() => repeatedData(X, [1, 2, 3], ['a', 'b', 'a'], [0, 1, 0], 2)).toThrow('subject a has two rows at visit 0');
    expect(() => repeatedData(X, [1, 2, 3], Int32Array.from([5, 9, 5]), [1, 0, 0], 2, [0, 1, 1], 2)).toThrow('subject 5 is in more than one covariance group');
    expect(() => repeatedData({ rows: 3, cols: 1, data: new Float64Array([1, Infinity, 1]) }, [1, 2, 3], ['a', 'b', 'c'], [0, 1, 0], 2)).toThrow(/non-finite/);
  });
});
