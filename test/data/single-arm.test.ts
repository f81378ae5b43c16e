/**
 * A single-arm cohort (a roll-out: everyone gets the course, no control arm) is a valid spec:
 * it loads, validates and scores with the same loader and messages as a trial, may leave out the
 * arm column, and only the arm-comparing analysis refuses it.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { armColumn, isSingleArm, parseSpec } from '../../src/data/spec/load.ts';
import { DataValidationError } from '../../src/data/problems.ts';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { runAnalysis } from '../../src/analysis/run/run-analysis.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const samples = join(repoRoot, 'data-samples');

function singleArmSpec(withArmColumn: boolean): Record<string, any> {
  const s = JSON.parse(readFileSync(join(samples, 'kolding-2025.spec.json'), 'utf8'));
  s.arms = s.arms.filter((a: { role: string }) => a.role === 'intervention');
  if (!withArmColumn) delete s.columns.arm;
  return s;
}

/** Kolding's PEER participants only, optionally without the arm column. */
function peerOnlyCsv(dropArm: boolean): string {
  const lines = readFileSync(join(samples, 'kolding-2025.csv'), 'utf8').replace(/^\uFEFF/, '').trimEnd().split(/\r?\n/);
  const header = lines[0].split(';');
  const armAt = header.indexOf('gruppe');
  const keep = lines.slice(1).filter((l) => l.split(';')[armAt] === 'PEER');
  const cut = (l: string) => (dropArm ? l.split(';').filter((_, j) => j !== armAt).join(';') : l);
  return `${[lines[0], ...keep].map(cut).join('\n')}\n`;
}

describe('single-arm cohort specs', () => {
  it('accepts one intervention arm and no arm column', () => {
    const spec = parseSpec(singleArmSpec(false), 'cohort.spec.json');
    expect(isSingleArm(spec)).toBe(true);
    expect(armColumn(spec)).toBe('(arm)');
  });

  it('still refuses two arms without a control, and several arms without an arm column', () => {
    const two = singleArmSpec(true);
    two.arms.push({ label: 'X', role: 'intervention', name: { da: 'x', en: 'x' } });
    expect(() => parseSpec(two, 's.json')).toThrow(DataValidationError);
    const noCol = JSON.parse(readFileSync(join(samples, 'kolding-2025.spec.json'), 'utf8'));
    delete noCol.columns.arm;
    const e = (() => { try { parseSpec(noCol, 's.json'); } catch (x) { return x as DataValidationError; } return null; })();
    expect(e?.problems.map((p) => p.path)).toContain('columns.arm');
  });

  it('loads and scores a cohort file without the arm column with the trial loader', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'effekt-single-arm-'));
    const file = join(dir, 'cohort.csv');
    writeFileSync(file, peerOnlyCsv(true));
    const trial = await loadTrial(file, parseSpec(singleArmSpec(false), join(dir, 'cohort.spec.json')));
    expect(Object.keys(trial.summary.byArm)).toEqual(['PEER']);
    expect(trial.summary.byArm.PEER).toBeGreaterThan(10);
    expect(trial.scoring.find((c) => c.outcome === 'qpr15' && c.visit === 'baseline')!.complete).toBeGreaterThan(10);
  });

  it('gives the same messages as for a trial: an unknown visit names file, row and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'effekt-single-arm-'));
    const file = join(dir, 'cohort.csv');
    writeFileSync(file, peerOnlyCsv(true).replace(';slut;', ';slutt;'));
    const e = await loadTrial(file, parseSpec(singleArmSpec(false), join(dir, 's.json'))).then(() => null, (x: unknown) => x as DataValidationError);
    expect(e).toBeInstanceOf(DataValidationError);
    const p = e!.problems[0];
    expect([p.column, p.message, p.fix]).toEqual(['besøg', 'visit is not in the spec', 'did you mean "slut"?']);
    expect(p.row).toBeGreaterThan(1);
  });

  it('is refused by the analysis, which compares arms (a clear input error, not a crash)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'effekt-single-arm-'));
    const file = join(dir, 'cohort.csv');
    writeFileSync(file, peerOnlyCsv(false));
    const trial = await loadTrial(file, parseSpec(singleArmSpec(true), join(dir, 's.json')));
    expect(() => runAnalysis(trial)).toThrow(/single-arm cohort has no control arm/);
  });
});
