/**
 * The planning note writes a difference of means in the trial outcome's own unit. It said
 * "points" for every outcome: `effekt power --design ancova --delta 4 --results <anorexia> --outcome
 * weight` read "To detect a difference of 4.0 points (d = 0.55)" for a weight gain in lb. A score
 * (no declared unit) keeps its points; the terminal's proportions line says percentage points.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyTrialDefaults, trialDefaults } from '../../src/analysis/power/index.ts';
import { planPower } from '../../src/stats/power/index.ts';
import { answer, planningNoteHtml } from '../../src/report/power/note.ts';
import { createFormatter } from '../../src/report/i18n/format.ts';
import { powerSummaryLines } from '../../src/cli/commands/power-text.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const fixture = JSON.parse(readFileSync(join(repoRoot, 'test/analysis/power/fixtures/results.json'), 'utf8'));

/** The fixture's results.json with a declared unit for qpr15 (as results ≥ 1.6.0 echo the spec's `unit`). */
function resultsWithUnit(unit: { da: string; en: string } | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'effekt-note-unit-'));
  const json = { ...fixture, labels: { ...(fixture.labels ?? {}), units: unit ? { qpr15: unit } : {} } };
  writeFileSync(join(dir, 'results.json'), JSON.stringify(json));
  return dir;
}

function note(unit: { da: string; en: string } | null) {
  const d = trialDefaults(resultsWithUnit(unit), 'qpr15');
  const { input, provenance } = applyTrialDefaults({ design: 'ancova', delta: 4, power: 0.8 }, d);
  const result = planPower(input);
  return { result, provenance, html: (lang: 'da' | 'en') => planningNoteHtml({ result, fromTrial: provenance, curveSvg: '<svg></svg>' }, lang) };
}

describe('the planning note’s effect is in the outcome’s unit', () => {
  it('reads the declared unit from results.json into the provenance', () => {
    expect(note({ da: 'uger', en: 'weeks' }).provenance?.unit).toEqual({ da: 'uger', en: 'weeks' });
    expect(note(null).provenance).not.toHaveProperty('unit');
  });

  it('writes a difference of means in it, in each language', () => {
    const n = note({ da: 'kilo', en: 'kg' });
    expect(n.html('en')).toContain('To detect a difference of 4.0 kg (d = ');
    expect(n.html('da')).toContain('For at kunne påvise en forskel på 4,0 kilo (d = ');
    for (const lang of ['da', 'en'] as const) expect(n.html(lang)).not.toMatch(/\bpoints?\b/);
    expect(answer(n.result, createFormatter('en'), 'kg')).toContain('a difference of 4.0 kg');
  });

  it('keeps points for a score (no declared unit)', () => {
    const n = note(null);
    expect(n.html('en')).toContain('a difference of 4.0 points (d = ');
    expect(n.html('da')).toContain('en forskel på 4,0 point (d = ');
  });

  it('the terminal writes a difference of proportions in percentage points', () => {
    const r = planPower({ design: 'proportions', controlRate: 0.3, interventionRate: 0.45, power: 0.8 });
    expect(powerSummaryLines(r).join('\n')).toContain('difference 15.0 percentage points');
  });
});
