/**
 * results.json 1.6.0: `labels.units` echoes each outcome's declared unit (one string in the spec
 * is the same in both languages; `{da, en}` where the word differs). The bump is additive: a
 * results.json from before 1.6.0 (no units) still validates against the schema and is read by the
 * report, which then says "points" (test/report/outcome-unit-wording.test.ts checks the wording).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { echoLabels } from '../../../src/analysis/results/echo-spec.ts';
import { resultsSchemaVersion } from '../../../src/analysis/results/types.ts';
import type { AnalysisFrame } from '../../../src/analysis/frame/frame.ts';
import { parseSpec } from '../../../src/data/spec/load.ts';
import { schemaProblems } from '../../../src/report/input-schema.ts';
import { repoRoot } from '../../helpers/fixtures.ts';
import { resultsFile } from '../../report/inputs.ts';

const anorexiaFile = join(repoRoot, 'data-samples/real/anorexia.spec.json');
const anorexia = JSON.parse(readFileSync(anorexiaFile, 'utf8')) as { outcomes: Array<Record<string, unknown>> };
/** The anorexia spec with its outcome's unit replaced (undefined: left out). */
const specWithUnit = (unit: unknown) => parseSpec({ ...anorexia, outcomes: [{ ...anorexia.outcomes[0], unit }] }, anorexiaFile);
// echoLabels reads only the frame's covariates and strata (anorexia has neither).
const noCharacteristics = { covariates: [], strata: [] } as unknown as AnalysisFrame;

describe('results.json 1.6.0: labels.units', () => {
  it('is a minor bump of 1.5.0 (nothing renamed or removed)', () => {
    expect(resultsSchemaVersion).toBe('1.7.0');
  });

  it.each([
    ['one string, the same in both languages', 'lb', { weight: { da: 'lb', en: 'lb' } }],
    ['a word per language', { da: 'pund', en: 'pounds' }, { weight: { da: 'pund', en: 'pounds' } }],
    ['none declared', undefined, {}],
  ])('%s', (_, unit, units) => {
    expect(echoLabels(specWithUnit(unit), noCharacteristics).units).toEqual(units);
  });

  it('the anorexia spec declares lb', () => {
    expect(echoLabels(parseSpec(anorexia, anorexiaFile), noCharacteristics).units).toEqual({ weight: { da: 'lb', en: 'lb' } });
  });

  it.each([
    ['an empty string', ''],
    ['a number', 5],
    ['one language only', { da: 'pund' }],
  ])('a unit that is %s is refused, naming the field', (_, unit) => {
    expect(() => specWithUnit(unit)).toThrow(/outcomes\[0\]\.unit/);
  });

  it('the schema accepts units and a results.json before 1.6.0 without them; a unit must name both languages', () => {
    const old = JSON.parse(readFileSync(resultsFile, 'utf8')) as { schemaVersion: string; labels: Record<string, unknown> };
    expect(old.schemaVersion).toBe('1.4.0');
    expect(old.labels.units).toBeUndefined();
    expect(schemaProblems('results.schema.json', old)).toEqual([]);
    const withUnits = { ...old, schemaVersion: '1.6.0', labels: { ...old.labels, units: { qpr15: { da: 'point', en: 'points' } } } };
    expect(schemaProblems('results.schema.json', withUnits)).toEqual([]);
    const bare = { ...withUnits, labels: { ...old.labels, units: { qpr15: 'points' } } };
    expect(schemaProblems('results.schema.json', bare).map((p) => p.path).join(' ')).toContain('labels.units.qpr15');
  });
});
