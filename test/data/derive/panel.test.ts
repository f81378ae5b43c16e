/** Building a panel from long rows: every bad row is a problem naming file, row and column; nothing is dropped. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildPanel, panelFromMatrix, statusAt, NOT_OBSERVED } from '../../../src/data/derive/panel.ts';
import { registerPanelSchema } from '../../../src/data/derive/schema.ts';
import { derivePanel } from '../../../src/data/derive/derive.ts';

const decl = { codes: ['B', 'W', 'E'], firstWeek: 0, lastWeek: 3 };

function rows(data: [string, string, string][]) {
  return { file: 'register.csv', idColumn: 'id', weekColumn: 'week', statusColumn: 'status', ids: data.map((r) => r[0]), weeks: data.map((r) => r[1]), statuses: data.map((r) => r[2]), rowNumbers: data.map((_, i) => i + 2) };
}

describe('buildPanel', () => {
  it('fills the participant × week matrix and records each panel end', () => {
    const { panel, problems } = buildPanel(rows([['a', '0', 'B'], ['a', '1', 'W'], ['b', '0', 'B'], ['a', '3', 'E']]), decl, ['a', 'b', 'c']);
    expect(problems).toEqual([]);
    expect([0, 1, 2, 3].map((w) => statusAt(panel, 0, w))).toEqual([0, 1, NOT_OBSERVED, 2]);
    expect(Array.from(panel.lastObserved)).toEqual([3, 0, -1]);
  });

  it('reports unknown participants, bad weeks, unknown or empty codes and duplicate weeks with row and column', () => {
    const { problems } = buildPanel(
      rows([['a', '0', 'B'], ['x', '0', 'B'], ['a', '1.5', 'W'], ['a', '9', 'W'], ['a', '2', 'w'], ['a', '2', ''], ['a', '0', 'E']]),
      decl,
      ['a'],
    );
    expect(problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [3, 'id', 'a register row for a participant who is not in the trial'],
      [4, 'week', 'the week is not a whole number within the panel'],
      [5, 'week', 'the week is not a whole number within the panel'],
      [6, 'status', 'the status is not a declared code'],
      [7, 'status', 'the status is empty'],
      [8, 'week', 'the participant has two rows for this week (first on row 2)'],
    ]);
    expect(problems[3].fix).toBe('did you mean "W"?');
    expect(problems.every((p) => p.file === 'register.csv')).toBe(true);
  });
});

const codes = ['B', 'S', 'W', 'E', 'D'];
const panelArb = fc.array(fc.array(fc.option(fc.constantFrom(...codes), { freq: 8 }), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 20 });

function specFor(last: number, derive: unknown[]) {
  return registerPanelSchema.parse({ columns: { week: 'w', status: 's' }, weeks: { first: 0, last }, codes, groups: { benefits: ['B', 'S', 'D'] }, derive });
}

describe('derivation invariants (property tests)', () => {
  it('time-to-first and ever-in agree; competing-first with one cause is time-to-first; time-to-leave is time-to-first of the complement for those at risk', () => {
    fc.assert(
      fc.property(panelArb, (m) => {
        const width = Math.max(...m.map((r) => r.length));
        const ids = m.map((_, i) => `p${i}`);
        const panel = panelFromMatrix(ids, codes, 0, m);
        const last = panel.lastWeek;
        const s = specFor(last, [
          { id: 'first', kind: 'time-to-first', codes: ['W'] },
          { id: 'ever', kind: 'ever-in', from: 1, to: last, codes: ['W'] },
          { id: 'weeks', kind: 'weeks-in', from: 1, to: last, codes: ['W'], unobserved: 'not-in' },
          { id: 'comp', kind: 'competing-first', causes: [{ id: 'w', codes: ['W'] }, { id: 'none', codes: ['E'] }] },
          { id: 'leave', kind: 'time-to-leave', codes: ['benefits'] },
          { id: 'firstOff', kind: 'time-to-first', codes: ['W', 'E'] },
        ]);
        const [first, ever, weeks, comp, leave, firstOff] = derivePanel(panel, s).map((d) => d.result);
        if (first.kind !== 'time-to-event' || ever.kind !== 'binary' || weeks.kind !== 'count' || comp.kind !== 'time-to-event' || leave.kind !== 'time-to-event' || firstOff.kind !== 'time-to-event') throw new Error('kinds');
        for (let i = 0; i < ids.length; i++) {
          const t = first.time[i];
          // An observed event is a week seen in work, so ever-in is 1 and at least one week was worked.
          if (!Number.isNaN(t) && first.cause[i] === 1) {
            expect(ever.values[i]).toBe(1);
            expect(weeks.values[i]).toBeGreaterThanOrEqual(1);
            expect(t).toBeGreaterThanOrEqual(1);
            expect(t).toBeLessThanOrEqual(width - 1);
          }
          if (ever.values[i] === 0) expect(weeks.values[i]).toBe(0);
          expect(weeks.values[i]).toBeLessThanOrEqual(weeks.kind === 'count' ? weeks.observed[i] : 0);
          // Competing causes: the first of W or E; when it is W it is time-to-first(W).
          if (comp.cause[i] === 1) expect(comp.time[i]).toBe(t);
          if (!Number.isNaN(comp.time[i]) && !Number.isNaN(t)) expect(comp.time[i]).toBeLessThanOrEqual(t);
          // Leaving benefits = first week in W or E (the only non-benefit codes) for those on benefits at the origin.
          const c0 = m[i][0];
          if (c0 !== null && c0 !== undefined && ['B', 'S', 'D'].includes(c0)) {
            expect(leave.time[i]).toBe(firstOff.time[i]);
            expect(leave.cause[i]).toBe(firstOff.cause[i]);
          } else expect(Number.isNaN(leave.time[i])).toBe(true);
        }
      }),
    );
  });
});
