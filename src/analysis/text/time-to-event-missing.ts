/**
 * Every time-to-event row's missing-data text (estimand.missingData). Its own module so the report
 * can match exactly this text and translate it (report/i18n/catalogue/labels.ts timeToEventMissing)
 * without importing the survival analysis.
 */
export const timeToEventMissingData = 'participants without a follow-up time are left out (counted in results.timeToEvent); censoring assumed non-informative given arm and strata';
