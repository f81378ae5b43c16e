/**
 * The seeded generator behind every stochastic routine: the standard MT19937 (so the stream is the
 * one any MT19937 implementation gives for the same seed), 53-bit uniforms built from it as
 * genrand_res53, and golden values pinning the derived draws, so a change of algorithm or library
 * version that would alter results "on another machine" fails here first.
 */
import { describe, expect, it } from 'vitest';
import mt19937 from '@stdlib/random-base-mt19937';
import normalDist from '@stdlib/random-base-normal';
import gammaDist from '@stdlib/random-base-gamma';
import betaDist from '@stdlib/random-base-beta';
import { createRng, forkRng, permutation } from '../../../src/stats/random/rng.ts';
import { bootstrap } from '../../../src/stats/resample/bootstrap.ts';
import { expectStatsError } from '../../helpers/errors.ts';

describe('seeded random numbers', () => {
  it('is the reference MT19937: seed 5489 gives 3499211612, …, and 4123659995 as the 10,000th output (C++ std::mt19937)', () => {
    const g = mt19937.factory({ seed: 5489 });
    expect([g(), g(), g(), g(), g()]).toEqual([3499211612, 581869302, 3890346734, 3586334585, 545404204]);
    let v = 0;
    for (let i = 6; i <= 10000; i++) v = g();
    expect(v).toBe(4123659995);
  });

  it('uniforms are genrand_res53 of two consecutive 32-bit outputs (after the 3 that @stdlib’s samplers take when built)', () => {
    const g = mt19937.factory({ seed: 20201201 });
    const r = createRng(20201201);
    for (let k = 0; k < 6; k++) g();
    for (let k = 0; k < 5; k++) {
      const a = g() >>> 5;
      const b = g() >>> 6;
      expect(r.uniform()).toBe((a * 67108864 + b) / 9007199254740992);
    }
  });

  it('golden values: the same seed gives the same draws everywhere', () => {
    const r = createRng(20201201);
    expect([r.uniform(), r.uniform(), r.uniform()]).toEqual([0.17723272445783766, 0.16130020459390537, 0.5841320137962853]);
    expect(r.normal()).toBe(0.22527089919341967);
    expect(r.int(296)).toBe(232);
    expect(r.gamma(2, 3)).toBe(8.613928998314737);
    expect(r.beta(2, 5)).toBe(0.37797571284204035);
    expect(r.chisq(3)).toBe(6.511178256403704);
    expect(createRng(20201201).fork('bootstrap').uniform()).toBe(0.672813116224323);
    expect(createRng(20201201).fork(7).uniform()).toBe(0.13807436171275156);
    expect(Array.from(permutation(createRng(1), 8))).toEqual([4, 7, 3, 6, 5, 0, 1, 2]);
  });

  it('the beta sampler built on first use draws what one built with the others would (every draw type, interleaved)', () => {
    for (const seed of [1, 42, 20201201, 0xffffffff]) {
      const base = mt19937.factory({ seed }) as unknown as { normalized: () => number };
      const u = base.normalized;
      const norm = normalDist.factory(0, 1, { prng: u }) as unknown as () => number;
      const gam = gammaDist.factory({ prng: u }) as unknown as (a: number, b: number) => number;
      const bet = betaDist.factory({ prng: u }) as unknown as (a: number, b: number) => number;
      const r = createRng(seed);
      for (let k = 0; k < 200; k++) {
        switch (k % 5) {
          case 0: expect(r.uniform()).toBe(u()); break;
          case 1: expect(r.normal()).toBe(norm()); break;
          case 2: expect(r.chisq(7)).toBe(2 * gam(3.5, 1)); break;
          case 3: expect(r.beta(2, 5)).toBe(bet(2, 5)); break;
          default: expect(r.gamma(0.7, 2)).toBe(gam(0.7, 1) * 2);
        }
      }
    }
  });

  it('forkRng(seed, label) is createRng(seed).fork(label)', () => {
    for (const label of ['imputation:0', 'imputation:49', 7]) {
      const a = forkRng(20201201, label);
      const b = createRng(20201201).fork(label);
      for (let k = 0; k < 20; k++) expect([a.uniform(), a.normal(), a.beta(3, 4)]).toEqual([b.uniform(), b.normal(), b.beta(3, 4)]);
    }
    expectStatsError(() => forkRng(0, 'x'), 'INVALID_ARGUMENT');
  });

  it('forks are reproducible, differ by label, and do not disturb the parent stream', () => {
    const a = createRng(42);
    const b = createRng(42);
    a.fork('x');
    expect(a.uniform()).toBe(b.uniform());
    expect(createRng(42).fork('x').uniform()).toBe(createRng(42).fork('x').uniform());
    expect(createRng(42).fork('x').uniform()).not.toBe(createRng(42).fork('y').uniform());
  });

  it('a stratified bootstrap is identical for the same seed and keeps every stratum size', () => {
    const y = Float64Array.from({ length: 30 }, (_, i) => Math.sin(i) * 10);
    const strata = Int32Array.from({ length: 30 }, (_, i) => i % 3);
    const stat = (idx: Int32Array) => idx.reduce((s, i) => s + y[i], 0);
    const one = bootstrap(30, stat, { B: 200, seed: 9, strata });
    const two = bootstrap(30, stat, { B: 200, seed: 9, strata });
    expect(Buffer.from(one.t.buffer).equals(Buffer.from(two.t.buffer))).toBe(true);
    const sizes = (idx: Int32Array) => [0, 1, 2].map((s) => idx.filter((i) => strata[i] === s).length);
    bootstrap(30, (idx) => (expect(sizes(idx)).toEqual([10, 10, 10]), 0), { B: 20, seed: 9, strata });
  });

  it.each([0, -1, 1.5, 2 ** 32, Number.NaN])('refuses seed %s', (seed) => expectStatsError(() => createRng(seed), 'INVALID_ARGUMENT'));
});

describe('the uniform stream is @stdlib MT19937 normalized()', () => {
  it('draws the same numbers as the library for several seeds, across many twists', () => {
    for (const seed of [1, 2, 12345, 20201201, 0x7fffffff, 0xffffffff]) {
      const lib = (mt19937.factory({ seed }) as unknown as { normalized: () => number }).normalized;
      const rng = createRng(seed);
      // createRng's samplers took their uniforms first (normal, gamma, beta: one each).
      for (let i = 0; i < 3; i++) lib();
      let same = true;
      for (let i = 0; i < 200_000 && same; i++) same = rng.uniform() === lib();
      expect(same).toBe(true);
    }
  });

  it('keeps the normal and χ² draws of the library-driven stream', () => {
    const rng = createRng(99);
    const lib = (mt19937.factory({ seed: 99 }) as unknown as { normalized: () => number }).normalized;
    const norm = normalDist.factory(0, 1, { prng: lib }) as unknown as () => number;
    const gamma = gammaDist.factory({ prng: lib }) as unknown as (a: number, b: number) => number;
    lib(); // the beta sampler's seed (lazySampler)
    for (let i = 0; i < 10_000; i++) {
      expect(rng.normal()).toBe(norm());
      expect(rng.chisq(7)).toBe(2 * gamma(3.5, 1));
      expect(rng.int(5)).toBe(Math.floor(lib() * 5));
    }
  });
});
