/**
 * The change-over-time panels' visit axis: labels side by side never overlap, whatever the number
 * of visits and arms; panels whose labels already fit keep their width and columns.
 */
import { describe, expect, it } from 'vitest';
import { VISIT_LABEL_SIZE, visitAxisLayout, visitLabel } from '../../../src/report/charts/visit-axis.ts';
import { textWidth } from '../../../src/report/charts/text-width.ts';

const WIDE = { defaultWidth: 118, defaultColumns: 4, chartWidth: 690, spacing: 18, wrapAt: 12 };
const NARROW = { defaultWidth: 110, defaultColumns: 2, chartWidth: 320, spacing: 14, wrapAt: 12 };

/** The smallest clear space between neighbouring labels' lines, as vega places them (a step is width / (n + 0.2)). */
function smallestGap(labels: string[], width: number): number {
  const step = width / (labels.length + 0.2);
  const lines = labels.map((l) => l.split('\n').map((s) => textWidth(s, VISIT_LABEL_SIZE)));
  let gap = Infinity;
  for (let i = 1; i < lines.length; i++) for (let k = 0; k < Math.min(lines[i].length, lines[i - 1].length); k++) gap = Math.min(gap, step - (lines[i][k] + lines[i - 1][k]) / 2);
  return gap;
}

describe('visit axis of the change-over-time chart', () => {
  it('measures DejaVu Sans: "week 78 (18" is 62 px at 10 px, wider than the 59 px a visit had in a 118 px panel', () => {
    expect(textWidth('week 78 (18', 10)).toBeCloseTo(61.97, 1);
  });

  it('keeps the twin\'s English panels as they were (two arms, labels that fit)', () => {
    for (const base of [WIDE, NARROW]) {
      const l = visitAxisLayout({ ...base, visitNames: ['end of course', '6-month follow-up'], arms: 2 });
      expect(l).toEqual({ labels: ['end of\ncourse', '6-month\nfollow-up'], width: base.defaultWidth, columns: base.defaultColumns, labelAngle: 0 });
    }
  });

  it('IPS (three arms, "week 78 (18 months)"): breaks before the parenthesis and widens the panel until the labels stand apart', () => {
    expect(visitLabel('week 78 (18 months)', 12)).toBe('week 78\n(18 months)');
    for (const names of [['week 78 (18 months)', 'week 130 (30 months)'], ['uge 78 (18 måneder)', 'uge 130 (30 måneder)']]) {
      const l = visitAxisLayout({ ...WIDE, visitNames: names, arms: 3 });
      expect(l.width).toBeGreaterThan(WIDE.defaultWidth);
      expect(l.labelAngle).toBe(0);
      expect(smallestGap(l.labels, l.width)).toBeGreaterThanOrEqual(5.9);
    }
  });

  it('four visits of a two-arm trial (respiratory, epilepsy) no longer share a 118 px panel', () => {
    for (const names of [['month 1', 'month 2', 'month 3', 'month 4'], ['weeks 1–2', 'weeks 3–4', 'weeks 5–6', 'weeks 7–8']]) {
      expect(smallestGap(names, WIDE.defaultWidth)).toBeLessThan(0); // as it was: overlapping
      const l = visitAxisLayout({ ...WIDE, visitNames: names, arms: 2 });
      expect(smallestGap(l.labels, l.width)).toBeGreaterThanOrEqual(5.9);
      expect(l.columns).toBeLessThan(WIDE.defaultColumns);
    }
  });

  it('Danish twin: "forløbets" and "6-måneders" were 1 px apart; now they stand apart with two panels a row on a phone', () => {
    const names = ['forløbets afslutning', '6-måneders opfølgning'];
    expect(smallestGap(['forløbets\nafslutning', '6-måneders\nopfølgning'], WIDE.defaultWidth)).toBeLessThan(2);
    for (const base of [WIDE, NARROW]) {
      const l = visitAxisLayout({ ...base, visitNames: names, arms: 2 });
      expect(smallestGap(l.labels, l.width)).toBeGreaterThanOrEqual(5.9);
      expect(l.columns).toBe(base.defaultColumns);
    }
  });

  it('too many visits for the chart width: slanted labels on one line each, the panel within the chart, every arm with room', () => {
    const names = Array.from({ length: 14 }, (_, i) => `month ${i + 1} (visit ${i + 2})`);
    for (const [base, arms] of [[WIDE, 3], [NARROW, 5]] as const) {
      const l = visitAxisLayout({ ...base, visitNames: names, arms });
      expect(l.labelAngle).toBe(-45);
      expect(l.labels).toEqual(names);
      expect(l.width).toBeLessThanOrEqual(base.chartWidth - 45);
      expect(l.columns).toBe(1);
    }
  });

  it('more arms than the labels need: each arm gets its room in the band', () => {
    const l = visitAxisLayout({ ...WIDE, visitNames: ['w1', 'w2'], arms: 6 });
    expect(l.width).toBeGreaterThanOrEqual(Math.ceil(2.2 * 6 * 16));
  });
});
