/**
 * Estimator ids are written through the catalogue; an id it lacks is humanised ("tipping-point" →
 * "Tipping point"), which made the time-to-event sensitivity row "Rmst" (survival::colon's report).
 * The time-to-event estimators have their own words in both languages.
 */
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../src/report/i18n/index.ts';

describe('estimator labels of time-to-event rows', () => {
  it.each([
    ['en', 'rmst', 'RMST'],
    ['da', 'rmst', 'RMST'],
    ['en', 'cox', 'Cox'],
    ['da', 'cox', 'Cox'],
    ['en', 'cumulative-incidence', 'Cumulative incidence'],
    ['da', 'cumulative-incidence', 'Kumuleret incidens'],
  ] as const)('%s %s → %s', (lang, id, label) => {
    expect(i18n(lang).label('estimators', id)).toBe(label);
  });
});
