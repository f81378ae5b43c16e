import { describe, expect, it } from 'vitest';
import { factor, modelMatrix, numeric } from '../../../src/stats/design/model-matrix.ts';
import { termTests } from '../../../src/stats/anova/term-tests.ts';
import { readFixture } from '../../helpers/fixtures.ts';
import { expectLRE } from '../../helpers/lre.ts';

interface Tab { term: string[]; df: number[]; sumSq: number[]; f: number[]; p: number[] }
interface Case { name: string; terms: (string | string[])[]; type1: Tab; type2: Tab; type3: Tab }
const fx = readFixture<{ data: { arm: string[]; visit: string[]; site: string[]; base: number[]; y: number[] }; cases: Case[] }>('term-tests.json');

describe.each(fx.cases.map((c) => [c.name, c] as const))('term F tests vs R anova / car::Anova: %s', (_n, c) => {
  const d = fx.data;
  const design = modelMatrix({
    variables: [factor('arm', d.arm, ['SAU', 'PEER']), factor('visit', d.visit, ['end', 'fu6']), factor('site', d.site, ['A', 'B', 'C']), numeric('base', d.base)],
    terms: c.terms.map((t) => (Array.isArray(t) ? t : [t])),
  });
  it.each([1, 2, 3] as const)('type %s', (type) => {
    const ref = c[`type${type}` as const];
    const got = termTests(design, d.y, type);
    ref.term.forEach((term, k) => {
      const same = (a: string, b: string) => a.split(':').sort().join(':') === b.split(':').sort().join(':');
      const row = got.rows.find((r) => same(r.term, term))!;
      expect(row, term).toBeDefined();
      expect(row.df).toBe(ref.df[k]);
      expectLRE(row.sumSq, ref.sumSq[k], 10, `${term} SS`);
      expectLRE(row.f, ref.f[k], 10, `${term} F`);
      expectLRE(row.p, ref.p[k], 8, `${term} p`);
    });
  });
});

interface Dataset { name: string; data: { arm: string[]; site: string[]; base: number[]; y: number[] }; cases: Case[] }
const more = readFixture<{ datasets: Dataset[] }>('term-tests.json').datasets;

// The twin, a small n with ties, heavy-tailed errors: each with main effects and an arm × site
// interaction. Terms enter in R's formula order (what type I depends on).
describe.each(more.flatMap((ds) => ds.cases.map((c) => [`${ds.name}: ${c.name}`, ds, c] as const)))('term F tests vs R anova / car::Anova: %s', (_n, ds, c) => {
  const d = ds.data;
  const design = modelMatrix({
    variables: [factor('arm', d.arm, ['SAU', 'PEER']), factor('site', d.site, [...new Set(d.site)].sort()), numeric('base', d.base)],
    terms: c.type1.term.map((t) => t.split(':')),
  });
  it.each([1, 2, 3] as const)('type %s', (type) => {
    const ref = c[`type${type}` as const];
    const got = termTests(design, d.y, type);
    expect(got.rows.length).toBe(ref.term.length);
    ref.term.forEach((term, k) => {
      const row = got.rows.find((r) => r.term.split(':').sort().join(':') === term.split(':').sort().join(':'))!;
      expect(row, term).toBeDefined();
      expect(row.df).toBe(ref.df[k]);
      expectLRE(row.sumSq, ref.sumSq[k], 10, `${term} SS`);
      expectLRE(row.f, ref.f[k], 10, `${term} F`);
      expectLRE(row.p, ref.p[k], 8, `${term} p`);
    });
  });
});
