import { describe, expect, it } from 'vitest';
import { domainThrough } from '../../src/report/charts/marks.ts';

describe('domainThrough: the line of no effect stays visible', () => {
  it('has a 0 tick inside the domain when intervals cross 0', () => {
    const { domain, ticks } = domainThrough([-0.31, 0.68]);
    expect(ticks).toContain(0);
    expect(domain[0]).toBeLessThan(0);
    expect(domain[1]).toBeGreaterThan(0.68);
  });
  it('adds a tick beyond 0 when every interval lies above it (the line is not the axis)', () => {
    const { domain, ticks } = domainThrough([2.76, 9.09]);
    expect(ticks).toContain(0);
    expect(domain[0]).toBeLessThan(0);
    expect(domain[1]).toBeGreaterThanOrEqual(9.09);
  });
  it('and when every interval lies below it', () => {
    const { domain, ticks } = domainThrough([-4.02, -0.56]);
    expect(ticks).toContain(0);
    expect(domain[1]).toBeGreaterThan(0);
  });
  it('around 1 for ratios', () => {
    const { domain, ticks } = domainThrough([1.19, 3.9], 1);
    expect(ticks).toContain(1);
    expect(domain[0]).toBeLessThan(1);
  });
});
