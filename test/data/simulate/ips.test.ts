import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateIps, ipsRecipe } from '../../../src/data/simulate/ips/write.ts';
import { simulateIpsTrial } from '../../../src/data/simulate/ips/simulate.ts';
import { ipsOptions } from '../../../src/data/simulate/ips/options.ts';
import { compileModel, simulatePath, pieceAt } from '../../../src/data/simulate/ips/multi-state.ts';
import { createRng } from '../../../src/stats/random/rng.ts';
import { allocateArms } from '../../../src/data/simulate/allocate-arms.ts';
import { repoRoot } from '../../helpers/fixtures.ts';

const twin = simulateIpsTrial(ipsOptions());

describe('the IPS twin', () => {
  it('regenerates the committed data-samples/ips/ips-twin.csv byte for byte', () => {
    const committed = readFileSync(join(repoRoot, 'data-samples', 'ips', 'ips-twin.csv'));
    expect(Buffer.from(generateIps(ipsRecipe()).bytes).equals(committed)).toBe(true);
  });

  it('is byte-identical for the same seed and different for another', () => {
    const a = generateIps(ipsRecipe(5, 60)).bytes;
    const b = generateIps(ipsRecipe(5, 60)).bytes;
    const c = generateIps(ipsRecipe(6, 60)).bytes;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it('has 720 randomised 1:1:1 (240 each) at three sites, balanced within each site', () => {
    expect(twin.participants.length).toBe(720);
    for (const arm of ['IPS', 'IPSE', 'SAU']) expect(twin.participants.filter((p) => p.arm === arm).length).toBe(240);
    const sites = [...new Set(twin.participants.map((p) => p.site))].sort();
    expect(sites).toEqual(['Site A', 'Site B', 'Site C']);
    for (const site of sites) {
      const counts = ['IPS', 'IPSE', 'SAU'].map((a) => twin.participants.filter((p) => p.site === site && p.arm === a).length);
      // Permuted blocks of 3 and 6: no arm is more than 2 ahead of another within a site.
      expect(Math.max(...counts) - Math.min(...counts), site).toBeLessThanOrEqual(2);
    }
  });

  it('follows everyone weekly from randomisation (week 0, nobody in work or education) to week 130 unless they leave the registers', () => {
    let exits = 0;
    for (const p of twin.participants) {
      expect(['employed', 'education']).not.toContain(p.statuses[0]);
      if (p.statuses.length < 131) exits++;
      expect(p.statuses.length).toBeGreaterThanOrEqual(1);
    }
    // ≈ 1.5 % expected (weekly exit hazard 0.00012 × 130).
    expect(exits).toBeGreaterThan(2);
    expect(exits).toBeLessThan(30);
  });

  it('disability pension is absorbing', () => {
    for (const p of twin.participants) {
      const k = p.statuses.indexOf('disability_pension');
      if (k >= 0) expect(p.statuses.slice(k).every((s) => s === 'disability_pension')).toBe(true);
    }
  });

  it('ids reveal neither site nor arm and are unique', () => {
    const ids = twin.participants.map((p) => p.id);
    expect(new Set(ids).size).toBe(720);
    expect(twin.participants.slice(0, 30).map((p) => p.arm)).not.toEqual(Array(30).fill('IPS'));
  });
});

describe('the multi-state engine', () => {
  it('piecewise hazard ratios hold from their first week', () => {
    const pieces = [{ fromWeek: 1, hr: 2 }, { fromWeek: 79, hr: 1 }];
    expect([0, 1, 78, 79, 130].map((w) => pieceAt(pieces, w))).toEqual([1, 2, 2, 1, 1]);
  });

  it('a constant hazard gives geometric sojourns with P(leave in a week) = 1 − exp(−h)', () => {
    const cm = compileModel({ states: ['a', 'b'], exitRate: 0, transitions: [{ to: 'b', from: { a: 1 }, rate: 0.1 }] });
    const rng = createRng(99);
    let left = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) if (simulatePath(cm, rng, 'a', {}, 'x', 1).states[1] === 1) left++;
    const p = 1 - Math.exp(-0.1);
    expect(Math.abs(left / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });

  it('k-arm allocation refuses block sizes that are not multiples of k', () => {
    expect(() => allocateArms(createRng(1), [10], 3, [4], null)).toThrow(/multiple/);
  });
});
