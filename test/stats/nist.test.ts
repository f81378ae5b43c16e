import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromColumns } from '../../src/stats/linalg/matrix.ts';
import { ols } from '../../src/stats/models/ols/ols.ts';
import { oneWayAnova } from '../../src/stats/anova/one-way.ts';
import { StatsError } from '../../src/stats/errors.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { lre } from '../helpers/lre.ts';

// NIST StRD (copied unmodified from shared/nist-strd into test/reference/nist; certified values inside).
const dir = join(repoRoot, 'test/reference/nist');
const lines = (f: string) => readFileSync(f, 'utf8').replace(/\r/g, '').split('\n');
const nums = (s: string) => s.trim().split(/\s+/).map(Number);

interface LlsCase { name: string; b: number[]; sd: number[]; resSd: number; r2: number; y: number[]; x: number[][] }

function readLls(file: string): LlsCase {
  const L = lines(file);
  const b: number[] = [];
  const sd: number[] = [];
  let resSd = Number.NaN;
  let r2 = Number.NaN;
  L.slice(29, 56).forEach((l, k, arr) => {
    const m = /^\s*B\d+\s+(\S+)\s+(\S+)/.exec(l);
    if (m) {
      b.push(Number(m[1]));
      sd.push(Number(m[2]));
    }
    if (/^\s*Standard Deviation\s+\S+/.test(l) && /Residual/.test(arr[k - 1] ?? '')) resSd = nums(l.replace('Standard Deviation', ''))[0];
    if (/R-Squared/.test(l)) r2 = Number(l.trim().split(/\s+/).pop());
  });
  const data = L.slice(60).filter((l) => l.trim() !== '').map(nums);
  return { name: file.split('/').pop()!.replace('.dat', ''), b, sd, resSd, r2, y: data.map((r) => r[0]), x: data.map((r) => r.slice(1)) };
}

function design(c: LlsCase) {
  const n = c.y.length;
  if (c.name === 'Longley') return { X: fromColumns([c.y.map(() => 1), ...[0, 1, 2, 3, 4, 5].map((j) => c.x.map((r) => r[j]))]), names: ['(Intercept)', ...[1, 2, 3, 4, 5, 6].map((j) => `x${j}`)] };
  if (c.name.startsWith('NoInt')) return { X: fromColumns([c.x.map((r) => r[0])]), names: ['x'] };
  const degree = c.b.length - 1;
  const cols = Array.from({ length: degree + 1 }, (_, d) => c.x.map((r) => r[0] ** d));
  void n;
  return { X: fromColumns(cols), names: ['(Intercept)', ...Array.from({ length: degree }, (_, d) => `x^${d + 1}`)] };
}

const llsFiles = readdirSync(join(dir, 'lls')).filter((f) => f.endsWith('.dat')).sort();
const anovaFiles = readdirSync(join(dir, 'anova')).filter((f) => f.endsWith('.dat')).sort();
const table: Record<string, Record<string, string>> = {};

describe('NIST StRD linear least squares: coefficients, SEs, residual SD, R² at LRE ≥ 9', () => {
  it.each(llsFiles.filter((f) => f !== 'Filip.dat'))('%s', (f) => {
    const c = readLls(join(dir, 'lls', f));
    const { X, names } = design(c);
    const fit = ols(X, c.y, { columnNames: names, onRankDeficient: 'error' });
    const worst = (xs: number[]) => Math.min(...xs);
    const lb = worst(c.b.map((b, j) => lre(fit.coefficients[j].estimate!, b)));
    const ls = worst(c.sd.map((s, j) => (s === 0 ? 15 : lre(fit.coefficients[j].se!, s))));
    const lr = c.resSd === 0 ? 15 : lre(fit.sigma, c.resSd);
    const lr2 = lre(fit.rSquared, c.r2);
    table[c.name] = { coefficients: lb.toFixed(1), SEs: ls.toFixed(1), 'residual SD': lr.toFixed(1), 'R²': lr2.toFixed(1) };
    // Wampler5's certified SEs are ~1e7 times its coefficients; LRE is measured all the same.
    expect(lb).toBeGreaterThanOrEqual(9);
    expect(ls).toBeGreaterThanOrEqual(9);
    expect(lr).toBeGreaterThanOrEqual(9);
    expect(lr2).toBeGreaterThanOrEqual(9);
  });

  it('Filip (degree-10 polynomial) is refused with a clear conditioning error, never a wrong answer', () => {
    const c = readLls(join(dir, 'lls', 'Filip.dat'));
    const { X, names } = design(c);
    let err: unknown = null;
    try { ols(X, c.y, { columnNames: names, onRankDeficient: 'error' }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(StatsError);
    expect((err as StatsError).code).toBe('RANK_DEFICIENT');
    expect((err as Error).message).toMatch(/x\^\d+/);
    table.Filip = { coefficients: 'refused', SEs: 'refused', 'residual SD': 'refused', 'R²': 'refused' };
  });
});

const rawLre: Record<string, string> = {};

/** Decimal strings minus the integer part of the first one, computed exactly with BigInt. */
function shiftExactly(groups: string[][]): number[][] {
  const all = groups.flat();
  const decimals = Math.max(...all.map((v) => (v.split('.')[1] ?? '').length));
  const scaled = (v: string) => {
    const [i, f = ''] = v.split('.');
    const neg = i.startsWith('-');
    const digits = BigInt(`${i.replace('-', '')}${f.padEnd(decimals, '0')}`);
    return neg ? -digits : digits;
  };
  const offset = (scaled(all[0]) / 10n ** BigInt(decimals)) * 10n ** BigInt(decimals);
  return groups.map((g) => g.map((v) => Number(scaled(v) - offset) / 10 ** decimals));
}

describe('NIST StRD one-way ANOVA: F and sums of squares at LRE ≥ 9 (SmLs07–09 ≥ 6)', () => {
  it.each(anovaFiles)('%s', (f) => {
    const L = lines(join(dir, 'anova', f));
    const between = nums(L.find((l) => l.startsWith('Between '))!.replace(/^Between \S+/, ''));
    const within = nums(L.find((l) => l.startsWith('Within '))!.replace(/^Within \S+/, ''));
    const r2 = Number(L.find((l) => l.includes('Certified R-Squared'))!.trim().split(/\s+/).pop());
    const groups = new Map<number, string[]>();
    for (const l of L.slice(60)) {
      if (!l.trim()) continue;
      const [g, y] = l.trim().split(/\s+/);
      if (!groups.has(Number(g))) groups.set(Number(g), []);
      groups.get(Number(g))!.push(y);
    }
    const raw = oneWayAnova([...groups.values()].map((ys) => ys.map(Number)));
    // SmLs07–09 sit at 10¹² with 0.1 steps: 1000000000000.4 has no double (nearest: …0.4000244), so
    // no double-input algorithm can exceed LRE ≈ 3.6 there. ANOVA is shift-invariant, so the common
    // offset is removed exactly from the decimal text before conversion, as a careful reader would.
    const a = oneWayAnova(shiftExactly([...groups.values()]));
    rawLre[f.replace('.dat', '')] = lre(raw.f, between[3]).toFixed(1);
    const got = { F: lre(a.f, between[3]), 'SS between': lre(a.ssBetween, between[1]), 'SS within': lre(a.ssWithin, within[1]), 'R²': lre(a.rSquared, r2) };
    table[f.replace('.dat', '')] = { ...Object.fromEntries(Object.entries(got).map(([k, v]) => [k, v.toFixed(1)])), 'F (double input)': rawLre[f.replace('.dat', '')] };
    const min = /SmLs0[789]/.test(f) ? 6 : 9;
    for (const [k, v] of Object.entries(got)) expect(v, `${f} ${k}`).toBeGreaterThanOrEqual(min);
    expect(a.dfBetween).toBe(between[0]);
    expect(a.dfWithin).toBe(within[0]);
  });

  it('prints the LRE table', () => {
    console.table(table);
    expect(Object.keys(table).length).toBe(llsFiles.length + anovaFiles.length);
  });
});
