/**
 * The way into effekt for a trial that is not PEER: outcome kinds declared in the spec (never
 * guessed), decimals in continuous outcomes, messages that name the column as the file writes it,
 * instruments defined in the spec, wide files with per-visit columns and no id, k arms.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpec } from '../../src/data/spec/load.ts';
import { DataValidationError } from '../../src/data/problems.ts';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { buildFrame } from '../../src/analysis/frame/build-frame.ts';

const dir = mkdtempSync(join(tmpdir(), 'effekt-kinds-'));
const name = (s: string) => ({ da: s, en: s });

function spec(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    trial: { id: 't', title: name('T') },
    data: { format: 'long' },
    columns: { id: 'id', arm: 'arm', visit: 'visit' },
    arms: [{ label: 'C', role: 'control', name: name('Control') }, { label: 'I', role: 'intervention', name: name('Intervention') }],
    visits: [{ id: '0', name: name('baseline') }, { id: '2', name: name('month 2') }],
    baselineVisit: '0',
    outcomes: [{ id: 'w', name: name('weight'), role: 'primary', kind: 'continuous', column: 'weight', direction: 'higher-is-worse', unit: 'kg', primaryVisit: '2' }],
    ...over,
  };
}

function refused(s: unknown): DataValidationError {
  try {
    parseSpec(s, 'spec.json');
  } catch (e) {
    expect(e).toBeInstanceOf(DataValidationError);
    return e as DataValidationError;
  }
  throw new Error('expected the spec to be refused');
}

async function load(csv: string, s: Record<string, unknown>) {
  const file = join(dir, `d${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, csv);
  return loadTrial(file, { ...parseSpec(s, join(dir, 'spec.json')) });
}

async function loadError(csv: string, s: Record<string, unknown>): Promise<DataValidationError> {
  const e = await load(csv, s).then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(DataValidationError);
  return e as DataValidationError;
}

describe('outcome kinds are declared, never guessed', () => {
  it('the issue’s "obvious spec" (a column and no kind) is refused, naming the path and the kinds', () => {
    const e = refused(spec({ outcomes: [{ id: 'bdi', name: name('BDI'), role: 'primary', column: 'bdi', primaryVisit: '2' }] }));
    expect(e.problems[0].path).toBe('outcomes[0].kind');
    expect(e.problems[0].message).toContain('does not guess');
    expect(e.problems[0].fix).toContain('"continuous"');
    expect(e.problems[0].fix).toContain('"count"');
  });

  it.each([
    ['a continuous outcome without direction', { kind: 'continuous', column: 'x' }, 'outcomes[0].direction'],
    ['a binary outcome without failure levels', { kind: 'binary', column: 'x', success: ['yes'], direction: 'higher-is-better' }, 'outcomes[0].failure'],
    ['a binary rule naming a missing outcome', { kind: 'binary', rule: { outcome: 'nope', type: 'level', threshold: 1 } }, 'outcomes[0].rule.outcome'],
    ['a count with both column and columns', { kind: 'count', column: 'x', columns: { '2': 'y' }, direction: 'higher-is-worse' }, 'outcomes[0]'],
    ['a score naming no instrument of the spec', { kind: 'score', instrument: 'bdi' }, 'outcomes[0].instrument'],
    ['a primary visit the outcome is not measured at', { kind: 'continuous', column: 'x', direction: 'higher-is-better', visits: ['0'] }, 'outcomes[0].primaryVisit'],
  ])('refuses %s', (_l, extra, path) => {
    const e = refused(spec({ outcomes: [{ id: 'o', name: name('o'), role: 'primary', primaryVisit: '2', ...extra }] }));
    expect(e.problems.map((p) => p.path)).toContain(path);
  });

  it('k arms: one control and any number of interventions; two controls are refused', () => {
    const three = spec({ arms: [{ label: 'C', role: 'control', name: name('C') }, { label: 'A', role: 'intervention', name: name('A') }, { label: 'B', role: 'intervention', name: name('B') }] });
    expect(parseSpec(three, 's.json').arms).toHaveLength(3);
    const e = refused(spec({ arms: [{ label: 'C', role: 'control', name: name('C') }, { label: 'D', role: 'control', name: name('D') }] }));
    expect(e.problems[0].message).toContain('2 arms have role "control"');
  });

  it('accepts a $schema key in the spec', () => {
    expect(parseSpec({ $schema: '../schemas/trial-spec.schema.json', ...spec() }, 's.json').trial.id).toBe('t');
  });
});

describe('data messages fit the kind and name the column as the file writes it', () => {
  const csv = (w: string) => `id,arm,visit,weight\np1,C,0,80.7\np1,C,2,${w}\np2,I,0,91.25\np2,I,2,88\n`;

  it('decimals in a continuous outcome are accepted', async () => {
    const t = await load(csv('79.9'), spec());
    expect(buildFrame(t).outcomes[0].values[1][0]).toBe(79.9);
  });

  it('a non-number names the column and asks for a number with a decimal point, not a whole number', async () => {
    const e = await loadError(csv('79.9 kg'), spec());
    const p = e.problems[0];
    expect(p.column).toBe('weight');
    expect(p.message).toBe('is not a number');
    expect(p.fix).toContain('decimal point (e.g. 80.7)');
    expect(p.fix).not.toContain('whole number');
  });

  it('a declared plausible range is enforced and pointed at', async () => {
    const e = await loadError(csv('8000'), spec({ outcomes: [{ id: 'w', name: name('weight'), role: 'primary', kind: 'continuous', column: 'weight', direction: 'higher-is-worse', range: [30, 300], primaryVisit: '2' }] }));
    expect(e.problems[0].message).toBe('is out of range');
    expect(e.problems[0].fix).toContain('outcomes[0].range');
  });

  it('a count must be a whole number ≥ 0', async () => {
    const s = spec({ outcomes: [{ id: 'n', name: name('visits'), role: 'primary', kind: 'count', column: 'weight', direction: 'higher-is-worse', primaryVisit: '2' }] });
    const e = await loadError(csv('2.5'), s);
    expect(e.problems[0].message).toBe('is not a whole number');
  });

  it('wide data: the message names the per-visit column as in the file (weight_t2), not its stem', async () => {
    const s = spec({ data: { format: 'wide', wide: { separator: '_', suffixes: { '0': 't0', '2': 't2' } } }, columns: { id: 'id', arm: 'arm' } });
    const e = await loadError('id,arm,weight_t0,weight_t2\np1,C,80.7,abc\np2,I,90,88\n', s);
    expect(e.problems[0].column).toBe('weight_t2');
    expect(e.problems[0].row).toBe(2);
  });

  it('a binary level outside success and failure is named with the allowed levels', async () => {
    const s = spec({ outcomes: [{ id: 'g', name: name('good'), role: 'primary', kind: 'binary', column: 'weight', success: ['good'], failure: ['poor'], direction: 'higher-is-better', primaryVisit: '2' }] });
    const e = await loadError('id,arm,visit,weight\np1,C,0,good\np1,C,2,fair\np2,I,0,poor\np2,I,2,good\n', s);
    expect(e.problems[0].allowed).toBe('good, poor');
  });
});

describe('shapes of other trials', () => {
  it('Baumann-like wide file: no id, no visit suffixes, a column per visit for the outcome, three arms', async () => {
    const s = spec({
      data: { format: 'wide' },
      columns: { arm: 'group' },
      arms: [{ label: 'Basal', role: 'control', name: name('Basal') }, { label: 'DRTA', role: 'intervention', name: name('DRTA') }, { label: 'Strat', role: 'intervention', name: name('Strat') }],
      visits: [{ id: 'pre', name: name('pre') }, { id: 'post', name: name('post') }],
      baselineVisit: 'pre',
      outcomes: [{ id: 'comp', name: name('comprehension'), role: 'primary', kind: 'continuous', columns: { pre: 'pretest.1', post: 'post.test.1' }, direction: 'higher-is-better', primaryVisit: 'post' }],
    });
    const t = await load('group,pretest.1,post.test.1,post.test.2\nBasal,4,5,4\nDRTA,6,9,5\nStrat,9,5,3\nBasal,12,8,5\n', s);
    const f = buildFrame(t);
    expect(f.n).toBe(4);
    expect(f.ids).toEqual(['2', '3', '4', '5']);
    expect(Array.from(f.outcomes[0].values[0])).toEqual([4, 6, 9, 12]);
    expect(Array.from(f.outcomes[0].values[1])).toEqual([5, 9, 5, 8]);
    expect(f.comparisons.map((c) => c.id)).toEqual(['DRTA vs Basal', 'Strat vs Basal']);
    expect(t.warnings).toEqual([expect.stringContaining('column(s) the spec does not use: "post.test.2"')]);
  });

  it('epilepsy-like long file: no baseline visit, a count with a constant exposure', async () => {
    const s = spec({
      visits: [{ id: '1', name: name('period 1') }, { id: '2', name: name('period 2') }],
      baselineVisit: undefined,
      covariates: [{ column: 'base', label: name('baseline count'), type: 'numeric' }],
      outcomes: [{ id: 'seizures', name: name('seizures'), role: 'primary', kind: 'count', column: 'rate', direction: 'higher-is-worse', exposure: { value: 2, unit: 'week' }, primaryVisit: '2' }],
    });
    const t = await load('id,arm,visit,base,rate\n1,C,1,11,5\n1,C,2,11,3\n2,I,1,6,2\n2,I,2,6,4\n', s);
    const f = buildFrame(t);
    expect(f.baselineVisit).toBe(-1);
    expect(f.outcomes[0].hasBaseline).toBe(false);
    expect(Array.from(f.outcomes[0].exposure![1])).toEqual([2, 2]);
    expect(Array.from(f.covariates[0].values)).toEqual([11, 6]);
  });

  it('an instrument defined in the spec is scored without a source edit; a library one is overridden field by field', async () => {
    const s = spec({
      instruments: [
        { id: 'mood', definition: { name: name('Mood scale'), itemRange: [0, 3], scoring: 'sum', higherIsBetter: false, missing: { rule: 'prorate', maxMissing: 1 } }, items: { prefix: 'm', count: 3 } },
        { id: 'qpr', instrument: 'QPR-15', items: { prefix: 'q', count: 2 }, overrides: { itemRange: [1, 5], mcid: { betweenGroups: 1, withinPerson: 2 } } },
      ],
      outcomes: [
        { id: 'mood', name: name('mood'), role: 'primary', kind: 'score', instrument: 'mood', primaryVisit: '2' },
        { id: 'qpr', name: name('qpr'), role: 'secondary', kind: 'score', instrument: 'qpr', primaryVisit: '2' },
      ],
    });
    const t = await load('id,arm,visit,m1,m2,m3,q1,q2\np1,C,0,1,2,3,1,5\np1,C,2,0,0,1,2,2\np2,I,0,3,3,3,5,5\np2,I,2,1,,1,4,4\n', s);
    const f = buildFrame(t);
    expect(Array.from(f.outcomes[0].values[0])).toEqual([6, 9]);
    expect(f.outcomes[0].values[1][1]).toBe(3); // one of three items missing: prorated, mean 1 × 3 items
    expect(f.outcomes[0].higherIsBetter).toBe(false);
    const qpr = t.instruments.find((i) => i.id === 'qpr')!;
    expect(qpr.definition.totalRange).toEqual([2, 10]);
    expect(qpr.definition.mcid).toEqual({ betweenGroups: 1, withinPerson: 2 });
  });
});
