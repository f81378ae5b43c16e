/**
 * A time-to-event row's missing-data text in the report's language (src/report/html/sections-methods.ts
 * missingDataText, catalogue labels.ts timeToEventMissing): the Danish report of survival::colon
 * (death, τ = 5 years) had printed results.json's English "participants without a follow-up time
 * are left out …" marked "(kun på engelsk)" in the estimand tables, the primary section and the
 * sensitivity tables. The English report keeps results.json's own words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResults } from '../../../src/analysis/results/types.ts';
import { colonYearsReports } from '../../helpers/colon-years.ts';
import { sectionText } from '../../helpers/report-text.ts';
import { timeToEventMissingData } from '../../../src/analysis/text/time-to-event-missing.ts';

let results: AnalysisResults;
let html: Record<'da' | 'en', string>;
beforeAll(async () => {
  ({ results, html } = await colonYearsReports());
}, 120_000);

const danish = 'deltagere uden en opfølgningstid er udeladt (talt i results.timeToEvent); censurering antages ikke-informativ givet arm og strata';

describe('time-to-event missing data, in Danish', () => {
  it('every time-to-event row carries the one text the catalogue translates', () => {
    expect(results.outcomes.every((o) => o.estimand.missingData === timeToEventMissingData)).toBe(true);
  });

  it('the Danish report writes it in Danish, nowhere in English', () => {
    for (const id of ['methods', 'primary', 'sensitivity']) {
      const s = sectionText(html.da, id);
      expect(s, id).toContain(danish);
      expect(s, id).not.toContain('participants without a follow-up time');
    }
    expect(sectionText(html.da, 'primary')).toContain(`Manglende data: ${danish}.`);
    expect(sectionText(html.da, 'primary')).not.toContain('(kun på engelsk)');
  });

  it('the English report keeps results.json\'s words', () => {
    expect(sectionText(html.en, 'primary')).toContain(`Missing data: ${timeToEventMissingData}.`);
  });
});
