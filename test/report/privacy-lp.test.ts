/**
 * Privacy by construction (issue 13, item 3): every number the publishable model prints — counts
 * shown, "<5" (1–4), "–" (hidden), and the figures computed from counts (Table 1 percentages,
 * responder rates, effect rates, the economics scaled from them) — is a linear constraint on
 * the unknown groups of people; the LP bounds of every count a reader cannot see must leave it
 * open: a "<5" cell keeps a range of at least two whole numbers, and nothing (cell or finest
 * group) is pinned to 1–4. Run on the PEER twin and on a copy built to have small cells, with
 * the two leaks found by the adversarial review as negative controls:
 *   - subgroup sizes per arm minus the CONSORT analysed n gave back a hidden 1/1 (suppression
 *     decided group by group, as the sinks did);
 *   - the economics' saving per citizen gave back 2 of 126 responders (a figure published
 *     whatever the counts under it).
 */
import { describe, expect, it } from 'vitest';
import { businessCase } from '../../src/economics/index.ts';
import { audit, pinnedSmall, ranges, type CellState, type Range } from '../../src/report/disclosure/audit.ts';
import { keyOf } from '../../src/report/disclosure/model.ts';
import { planDisclosure, type Disclosure } from '../../src/report/disclosure/plan.ts';
import { suppressedCells } from '../../src/report/privacy.ts';
import { loadEconomics, loadResults } from './inputs.ts';
import { smallCells, smallCellsEconomics } from './small-cells.ts';

const economics = loadEconomics();
const wholes = (r: Range) => Math.floor(r.max + 1e-7) - Math.ceil(r.min - 1e-7) + 1;

/** What a reader gets from the model's published numbers; a one-line summary for the log. */
function read(d: Disclosure, label: string) {
  const rs = ranges(d.system, (k) => d.state(k), d.shownFigures);
  const states = [...d.system.cells.keys()].map((k) => d.state(k));
  const small = rs.filter((r) => r.kind === 'cell' && r.state === 'small');
  const hidden = rs.filter((r) => r.kind === 'cell' && r.state === 'hidden');
  const minSmallWidth = small.length ? Math.min(...small.map((r) => r.max - r.min)) : NaN;
  console.log(
    `${label}: ${d.system.cells.size} count cells (${states.filter((s) => s === 'shown').length} shown, ${states.filter((s) => s === 'small').length} "<5", ${states.filter((s) => s === 'hidden').length} "–"), ` +
      `${d.system.atoms.length} atoms, ${d.shownFigures.length}/${d.figures.length} figures published; narrowest "<5" range ${minSmallWidth} (LP width), pinned 1–4: ${rs.filter((r) => pinnedSmall(r) !== null).length}`,
  );
  return { rs, small, hidden };
}

function expectNothingPinned(rs: readonly Range[], small: readonly Range[], hidden: readonly Range[]) {
  for (const r of hidden) expect(r.max - r.min, r.what).toBeGreaterThan(0);
  for (const r of small) {
    expect(r.max - r.min, r.what).toBeGreaterThan(0);
    expect(wholes(r), r.what).toBeGreaterThanOrEqual(2);
  }
  expect(rs.filter((r) => pinnedSmall(r) !== null).map((r) => `${r.what} = ${pinnedSmall(r)}`)).toEqual([]);
}

describe('privacy: the published numbers as linear constraints (LP bounds)', () => {
  it('PEER twin: no count a reader cannot see is pinned to 1–4; the one "<5" (4 SAU withdrew) keeps a range', () => {
    const d = planDisclosure(loadResults(), economics);
    const { rs, small, hidden } = read(d, 'twin');
    expectNothingPinned(rs, small, hidden);
    expect(small.map((r) => r.what)).toEqual([keyOf('consort', 'SAU', 'reason', 'end', 'withdrew')]);
    // Every figure computed from counts is published on the twin (no count under it is suppressed).
    expect(d.shownFigures.length).toBe(d.figures.length);
    expect(d.figure(keyOf('economics', 'personal-recovery'))).toBe('shown');
  });

  describe('a cohort with small cells', () => {
    const r = smallCells();
    // The economics linked to this cohort: its effect rate is not pooled, so the economics uses the crude difference.
    const d = planDisclosure(r, smallCellsEconomics);
    const { rs, small, hidden } = read(d, 'small cells');

    it('no "<5" cell is determined and no group of people is pinned to 1–4', () => {
      expectNothingPinned(rs, small, hidden);
      for (const k of [
        keyOf('subgroup', 'qpr15', 'end', 'municipality', 'Gladsaxe', 'SAU'),
        keyOf('subgroup', 'qpr15', 'end', 'municipality', 'Rødovre', 'SAU'),
        keyOf('subgroup', 'qpr15', 'end', 'municipality', 'Rødovre', 'PEER'),
        keyOf('baseline', 'municipality', 'Rødovre', 'PEER'),
        keyOf('consort', 'PEER', 'reason', 'end', 'moved'),
        keyOf('safety', 'admissions', 'end', 'PEER'),
        keyOf('responders', 'qpr15', 'end', 'ancova', 'itt', 'SAU'),
      ]) expect(d.state(k), k).toBe('small');
    });

    it('figures computed from a suppressed count are withheld: the SAU responder rate, the effect rate and the economics it drives', () => {
      expect(d.figure(keyOf('rate', 'qpr15', 'end', 'ancova', 'itt', 'SAU'))).toBe('hidden');
      expect(d.figure(keyOf('effectRate', 'qpr15-responder'))).toBe('hidden');
      expect(d.figure(keyOf('economics', 'personal-recovery'))).toBe('hidden');
      expect(d.figure(keyOf('pct', 'municipality', 'Rødovre', 'PEER'))).toBe('hidden');
      expect(d.figure(keyOf('pct', 'municipality', 'Helsingør', 'PEER'))).toBe('shown');
    });

    it('known leak 1 (negative control): suppression decided group by group, as the sinks did, gives back the SAU subgroup sizes 1 and 1', () => {
      // Each group on its own: a subgroup's levels per arm, a characteristic's levels per arm, an arm's loss reasons per visit.
      const groups = new Map<string, string[]>();
      for (const k of d.system.cells.keys()) {
        const p = k.split('|');
        const g = p[0] === 'subgroup' ? `${p.slice(0, 4).join('|')}|${p[5]}` : p[0] === 'baseline' ? `${p[1]}|${p[3]}` : p[0] === 'consort' && p[2] === 'reason' ? `${p[1]}|${p[3]}` : k;
        groups.set(g, [...(groups.get(g) ?? []), k]);
      }
      const legacy = new Map<string, CellState>();
      for (const keys of groups.values()) {
        const hide = suppressedCells(keys.map((k) => d.system.cells.get(k)!.value));
        keys.forEach((k, i) => legacy.set(k, hide[i] ? (d.system.cells.get(k)!.value <= 4 && d.system.cells.get(k)!.value >= 1 ? 'small' : 'hidden') : 'shown'));
      }
      const found = audit(d.system, (k) => legacy.get(k));
      const leak = found.filter((f) => f.kind === 'cell' && f.what.startsWith('subgroup|qpr15|end|municipality|') && f.what.endsWith('|SAU'));
      expect(leak.map((f) => [f.what, f.value])).toEqual([
        [keyOf('subgroup', 'qpr15', 'end', 'municipality', 'Gladsaxe', 'SAU'), 1],
        [keyOf('subgroup', 'qpr15', 'end', 'municipality', 'Rødovre', 'SAU'), 1],
      ]);
      console.log(`negative control 1: group-by-group suppression leaves ${found.length} counts pinned to 1–4, e.g. ${leak.map((f) => `${f.what} = ${f.value}`).join(', ')}`);
    });

    it('known leak 2 (negative control): the saving per citizen, published whatever the counts under it, gives back 2 of 126 SAU responders', () => {
      const e = r.effectRates.find((x) => x.metric === 'qpr15-responder')!;
      // The economics the sinks print: saving per citizen = effect rate × weighted saving per success (both published).
      const scenario = { ...economics.scenario, effects: economics.scenario.effects.map((f) => (f.resultsMetric === e.metric ? { ...f, rate: e.estimate } : f)) };
      const bc = businessCase(scenario);
      const impliedRate = bc.savingPerCitizen / bc.weightedSavingPerSuccess;
      expect(Math.abs(impliedRate - e.estimate)).toBeLessThan(1e-12);
      const econ = d.figures.find((f) => f.key === keyOf('economics', 'personal-recovery'))!;
      const found = audit(d.system, (k) => d.state(k), [...d.shownFigures, { ...econ, value: impliedRate }]);
      expect(found.map((f) => [f.what, f.value])).toContainEqual([keyOf('responders', 'qpr15', 'end', 'ancova', 'itt', 'SAU'), 2]);
      console.log(`negative control 2: saving per citizen ${bc.savingPerCitizen.toFixed(2)} / weighted saving per success ${bc.weightedSavingPerSuccess} → SAU responders pinned to ${found.find((f) => f.what.startsWith('responders|qpr15|end|ancova|itt|SAU'))!.value}`);
    });
  });
});
