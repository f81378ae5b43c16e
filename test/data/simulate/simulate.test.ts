import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, recipe, type Cohort } from '../../../src/data/simulate/write-twin.ts';
import { simulateTrial } from '../../../src/data/simulate/simulate.ts';
import { peerOptions } from '../../../src/data/simulate/options.ts';
import { scaleModels } from '../../../src/data/simulate/scales.ts';
import { repoRoot } from '../../helpers/fixtures.ts';

const twin = simulateTrial(peerOptions());

describe('the synthetic twin', () => {
  it.each([
    ['peer', 'peer-trial.csv'],
    ['peer-danish-locale', 'peer-danish-locale.csv'],
    ['kolding', 'kolding-2025.csv'],
  ] as const)('regenerates the committed %s file byte for byte', (cohort, file) => {
    const committed = readFileSync(join(repoRoot, 'data-samples', file));
    const fresh = generate(recipe(cohort as Cohort)).bytes;
    expect(Buffer.from(fresh).equals(committed)).toBe(true);
  });

  it('is byte-identical for the same seed and different for another', () => {
    const a = generate(recipe('peer', 42, 40)).bytes;
    const b = generate(recipe('peer', 42, 40)).bytes;
    const c = generate(recipe('peer', 43, 40)).bytes;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it('has 296 randomised, 145 PEER / 151 SAU, in five municipalities', () => {
    expect(twin.participants.length).toBe(296);
    expect(twin.participants.filter((p) => p.intervention).length).toBe(145);
    expect(new Set(twin.participants.map((p) => p.site))).toEqual(new Set(['København', 'Fredericia', 'Helsingør', 'Rødovre', 'Gladsaxe']));
  });

  it('allocation is balanced within every municipality (permuted blocks of ≤ 6: |PEER − SAU| ≤ 3)', () => {
    for (const site of new Set(twin.participants.map((p) => p.site))) {
      const ps = twin.participants.filter((p) => p.site === site);
      const peer = ps.filter((p) => p.intervention).length;
      expect(Math.abs(peer - (ps.length - peer)), site).toBeLessThanOrEqual(3);
    }
  });

  it('drops out 15–20 % at the end of the course, and more at follow-up', () => {
    const missEnd = twin.participants.filter((p) => !p.visits[1].attended).length / 296;
    const missFu = twin.participants.filter((p) => !p.visits[2].attended).length / 296;
    expect(missEnd).toBeGreaterThanOrEqual(0.15);
    expect(missEnd).toBeLessThanOrEqual(0.2);
    expect(missFu).toBeGreaterThan(missEnd);
  });

  it('dropout depends on baseline severity (missing at random given baseline)', () => {
    const rate = (g: string) => {
      const ps = twin.participants.filter((p) => p.severity === g);
      return ps.filter((p) => !p.visits[1].attended).length / ps.length;
    };
    expect(rate('significantly_reduced')).toBeGreaterThan(rate('mild'));
  });

  it('has sessions for PEER only, with some zeros, most attending ≥ 5', () => {
    const peer = twin.participants.filter((p) => p.intervention);
    expect(twin.participants.filter((p) => !p.intervention).every((p) => p.sessions === null)).toBe(true);
    expect(peer.some((p) => p.sessions === 0)).toBe(true);
    expect(peer.filter((p) => (p.sessions ?? 0) >= 5).length / peer.length).toBeGreaterThan(0.7);
  });

  it('has skewed admission counts with many zeros and no deaths or self-harm', () => {
    const end = twin.participants.map((p) => p.visits[1]);
    expect(end.filter((v) => v.admissions === 0).length / end.length).toBeGreaterThan(0.6);
    expect(Math.max(...end.map((v) => v.admissions))).toBeGreaterThanOrEqual(3);
    expect(end.every((v) => v.death === 0 && v.selfHarm === 0)).toBe(true);
  });

  it('property: for any seed and size, every participant has every visit, constant arm and site, items in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 4, max: 30 }), (seed, n) => {
        const t = simulateTrial({ ...peerOptions({ seed }), sites: [{ name: 'A', n }, { name: 'B', n: 3 }], armTotals: null });
        expect(t.participants.length).toBe(n + 3);
        expect(new Set(t.participants.map((p) => p.id)).size).toBe(n + 3);
        for (const p of t.participants) {
          expect(p.visits.map((v) => v.visit)).toEqual(['baseline', 'end', 'fu6']);
          expect(p.visits[0].attended).toBe(true);
          for (const v of p.visits) {
            for (const m of scaleModels) {
              for (const x of v.items[m.key]) if (x !== null) expect(x >= m.min && x <= m.max && Number.isInteger(x)).toBe(true);
              if (!v.attended) expect(v.items[m.key].every((x) => x === null)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('permuted-block allocation', () => {
  it('property: within every site list the running imbalance never exceeds half the largest block, and blocks close balanced', async () => {
    const { allocate } = await import('../../../src/data/simulate/allocate.ts');
    const { createRng } = await import('../../../src/stats/random/rng.ts');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 5 }), (seed, sizes) => {
        const { arm } = allocate(createRng(seed), sizes, [2, 4, 6], null);
        let k = 0;
        for (const n of sizes) {
          let diff = 0;
          let zeroes = 0;
          for (let i = 0; i < n; i++, k++) {
            diff += arm[k] === 1 ? 1 : -1;
            expect(Math.abs(diff)).toBeLessThanOrEqual(3);
            if (diff === 0) zeroes++;
          }
          // With blocks of at most 6 the list is balanced again at least every 6 participants.
          expect(zeroes).toBeGreaterThanOrEqual(Math.floor(n / 6));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the 6-month follow-up is optional', () => {
  it('visits: ["baseline", "end"] gives two rows per participant and the same allocation', () => {
    const two = simulateTrial(peerOptions({ visits: ['baseline', 'end'] }));
    expect(two.participants.length).toBe(296);
    expect(two.participants.every((p) => p.visits.map((v) => v.visit).join() === 'baseline,end')).toBe(true);
    expect(two.participants.map((p) => p.intervention)).toEqual(twin.participants.map((p) => p.intervention));
  });
});
