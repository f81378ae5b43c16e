/**
 * Register-panel derivations on a small hand-made panel (weeks 0…6, "_" = no register row).
 * The same table is in docs/register-panels.md, before and after.
 *
 *   id  0 1 2 3 4 5 6
 *   P1  B B W W B W W
 *   P2  B B B B B B B
 *   P3  B E E W W W W
 *   P4  B B D D D _ _    (left the registers after week 4)
 *   P5  S W B W W W W
 *   P6  W W W W W W W    (in work at the origin)
 *   P7  B B _ W W W W    (a gap in week 2)
 */
import { describe, expect, it } from 'vitest';
import { panelFromMatrix } from '../../../src/data/derive/panel.ts';
import { registerPanelSchema, checkRegisterPanel, type RegisterPanelSpecInput } from '../../../src/data/derive/schema.ts';
import { derivePanel, derivedColumns } from '../../../src/data/derive/derive.ts';

const codes = ['B', 'S', 'W', 'E', 'D'];
const rows = ['BBWWBWW', 'BBBBBBB', 'BEEWWWW', 'BBDDD__', 'SWBWWWW', 'WWWWWWW', 'BB_WWWW'].map((r) => [...r].map((c) => (c === '_' ? null : c)));
const ids = rows.map((_, i) => `P${i + 1}`);
const panel = panelFromMatrix(ids, codes, 0, rows);

const spec = (derive: RegisterPanelSpecInput['derive']) =>
  registerPanelSchema.parse({ columns: { week: 'week', status: 'status' }, weeks: { first: 0, last: 6 }, codes, groups: { benefits: ['B', 'S', 'D'], engaged: ['W', 'E'] }, derive });

function columns(derive: RegisterPanelSpecInput['derive']) {
  const s = spec(derive);
  expect(checkRegisterPanel(s)).toEqual([]);
  return derivedColumns(derivePanel(panel, s));
}

describe('register-panel derivations (hand-made panel)', () => {
  it('status-at: in the codes at week 3; unobserved is missing unless declared "not-in"', () => {
    const c = columns([
      { id: 'work_w3', kind: 'status-at', week: 3, codes: ['W'] },
      { id: 'engaged_w5', kind: 'status-at', week: 5, codes: ['engaged'] },
      { id: 'engaged_w5_not_in', kind: 'status-at', week: 5, codes: ['engaged'], unobserved: 'not-in' },
    ]);
    expect(c.work_w3).toEqual(['1', '0', '1', '0', '1', '1', '1']);
    expect(c.engaged_w5).toEqual(['1', '0', '1', '', '1', '1', '1']);
    expect(c.engaged_w5_not_in).toEqual(['1', '0', '1', '0', '1', '1', '1']);
  });

  it('ever-in: any observed week of the window in the codes; a seen event counts even in an incomplete panel', () => {
    const c = columns([
      { id: 'engaged_1_2', kind: 'ever-in', from: 1, to: 2, codes: ['engaged'] },
      { id: 'work_1_6', kind: 'ever-in', from: 1, to: 6, codes: ['W'] },
      { id: 'work_1_6_not_in', kind: 'ever-in', from: 1, to: 6, codes: ['W'], unobserved: 'not-in' },
    ]);
    expect(c.engaged_1_2).toEqual(['1', '0', '1', '0', '1', '1', '']);
    expect(c.work_1_6).toEqual(['1', '0', '1', '', '1', '1', '1']);
    expect(c.work_1_6_not_in).toEqual(['1', '0', '1', '0', '1', '1', '1']);
  });

  it('weeks-in: weeks in the codes and weeks observed within the window', () => {
    const c = columns([
      { id: 'work_weeks', kind: 'weeks-in', from: 1, to: 6, codes: ['W'] },
      { id: 'work_weeks_not_in', kind: 'weeks-in', from: 1, to: 6, codes: ['W'], unobserved: 'not-in' },
    ]);
    expect(c.work_weeks).toEqual(['4', '0', '4', '', '5', '6', '']);
    expect(c.work_weeks_observed).toEqual(['6', '6', '6', '4', '6', '6', '5']);
    expect(c.work_weeks_not_in).toEqual(['4', '0', '4', '0', '5', '6', '4']);
  });

  it('time-to-first: weeks from the origin to the first week in the codes; censored at the end of gap-free follow-up', () => {
    const c = columns([
      { id: 'job', kind: 'time-to-first', codes: ['W'] },
      { id: 'job2', kind: 'time-to-first', codes: ['W'], sustained: 2 },
    ]);
    expect(c.job_weeks).toEqual(['2', '6', '3', '4', '1', '1', '1']);
    expect(c.job_event).toEqual(['job', 'censored', 'job', 'censored', 'job', 'job', 'censored']);
    // Two consecutive weeks: P5's one-week job in week 1 does not count; the run from week 3 does.
    // Censoring moves to the last start week whose run could still be seen (P2: 6 − 2 + 1 = 5).
    expect(c.job2_weeks).toEqual(['2', '5', '3', '3', '3', '1', '0']);
    expect(c.job2_event).toEqual(['job2', 'censored', 'job2', 'censored', 'job2', 'job2', 'censored']);
  });

  it('time-to-leave: weeks to the first week outside the codes, for those in them at the origin', () => {
    const c = columns([
      { id: 'off_benefits', kind: 'time-to-leave', codes: ['benefits'] },
      { id: 'off_benefits4', kind: 'time-to-leave', codes: ['benefits'], sustained: 4 },
    ]);
    expect(c.off_benefits_weeks).toEqual(['2', '6', '1', '4', '1', '', '1']);
    expect(c.off_benefits_event).toEqual(['off_benefits', 'censored', 'off_benefits', 'censored', 'off_benefits', '', 'censored']);
    // Four weeks off benefits in a row: P1's W W B breaks the first run; P3's E E W W is one run (any non-benefit code).
    expect(c.off_benefits4_weeks).toEqual(['3', '3', '1', '1', '3', '', '0']);
    expect(c.off_benefits4_event).toEqual(['censored', 'censored', 'off_benefits4', 'censored', 'off_benefits4', '', 'censored']);
  });

  it('competing-first: the first week in any cause, and which cause', () => {
    const c = columns([
      {
        id: 'first_exit',
        kind: 'competing-first',
        causes: [
          { id: 'job', codes: ['W'] },
          { id: 'education', codes: ['E'] },
          { id: 'disability_pension', codes: ['D'] },
        ],
      },
    ]);
    expect(c.first_exit_weeks).toEqual(['2', '6', '1', '2', '1', '1', '1']);
    expect(c.first_exit_event).toEqual(['job', 'censored', 'education', 'disability_pension', 'job', 'job', 'censored']);
  });
});

describe('register-panel declarations are checked', () => {
  it('names unknown codes, windows outside the panel, overlapping causes and reused ids', () => {
    const s = spec([
      { id: 'a', kind: 'status-at', week: 9, codes: ['X'] },
      { id: 'a', kind: 'ever-in', from: 4, to: 2, codes: ['W'] },
      { id: 'c', kind: 'competing-first', causes: [{ id: 'job', codes: ['engaged'] }, { id: 'edu', codes: ['E'] }] },
    ]);
    const issues = checkRegisterPanel(s).map((i) => `${i.path}: ${i.message}`);
    expect(issues).toEqual([
      'registerPanel.derive[0].week: week 9 is outside the panel\'s weeks 0…6',
      'registerPanel.derive[0].codes: "X" is neither a declared code nor a group',
      'registerPanel.derive[1].id: the id "a" is used twice',
      'registerPanel.derive[1].to: the window ends (week 2) before it starts (week 4)',
      'registerPanel.derive[2].causes[1].codes: code "E" belongs to both causes "job" and "edu"',
    ]);
  });

  it('refuses ids that cannot be column names and unknown kinds', () => {
    expect(registerPanelSchema.safeParse({ columns: { week: 'w', status: 's' }, weeks: { first: 0, last: 1 }, codes: ['A'], derive: [{ id: '1x', kind: 'status-at', week: 0, codes: ['A'] }] }).success).toBe(false);
    expect(registerPanelSchema.safeParse({ columns: { week: 'w', status: 's' }, weeks: { first: 0, last: 1 }, codes: ['A'], derive: [{ id: 'x', kind: 'median', codes: ['A'] }] }).success).toBe(false);
  });
});
