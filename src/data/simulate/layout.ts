/**
 * Column layouts in which a simulated trial is written: the twin's English column names, or
 * the Danish names and values a municipality's export would use (the Kolding cohort). The spec
 * file of each dataset maps these names to their roles.
 */
import { scaleModels } from './scales.ts';
import type { SimParticipant, SimVisit } from './simulate.ts';
import type { CsvValue } from '../write/csv.ts';

export type Layout = 'english' | 'danish';

const englishHeader = ['participant_id', 'municipality', 'arm', 'visit', 'age', 'sex', 'living_situation', 'employment', 'severity_group', 'referral_route', 'sessions_attended', 'missing_reason', 'admissions', 'bed_days', 'death', 'self_harm'];
const danishHeader = ['deltager_id', 'kommune', 'gruppe', 'besøg', 'alder', 'køn', 'boform', 'beskæftigelse', 'funktionsniveau', 'henvisning', 'fremmøde', 'frafaldsårsag', 'indlæggelser', 'sengedage', 'død', 'selvskade'];

const danishValues: Record<string, string> = {
  female: 'kvinde', male: 'mand', alone: 'alene', with_others: 'med_andre',
  working: 'arbejde', education: 'uddannelse', unemployed: 'ledig', sick_leave_or_pension: 'sygemeldt_eller_pension',
  significantly_reduced: 'væsentligt_nedsat', reduced: 'nedsat', mild: 'let', municipality: 'kommune', self: 'selv',
  withdrew: 'trak_sig', could_not_be_contacted: 'kunne_ikke_kontaktes', moved: 'fraflyttet', too_unwell: 'for_dårlig',
  end: 'slut', fu6: 'opfølgning_6_mdr',
};

export function itemHeader(): string[] {
  return scaleModels.flatMap((m) => Array.from({ length: m.items }, (_, j) => `${m.prefix}${j + 1}`));
}

export function header(layout: Layout): string[] {
  return [...(layout === 'danish' ? danishHeader : englishHeader), ...itemHeader()];
}

export interface RowOptions {
  readonly layout: Layout;
  /** Age with one decimal (exact age floored to 0.1) instead of whole years. */
  readonly decimalAge: boolean;
  /** Leave the item values off the rows (the caller writes them: stream-twin.ts). */
  readonly itemsApart?: boolean;
}

export function participantRows(p: SimParticipant, o: RowOptions): CsvValue[][] {
  const t = (s: string | null): string | null => (s === null ? null : o.layout === 'danish' ? (danishValues[s] ?? s) : s);
  const age = o.decimalAge ? Math.floor(p.ageExact * 10) / 10 : Math.floor(p.ageExact);
  return p.visits.map((v: SimVisit) => [
    p.id, p.site, p.intervention ? 'PEER' : 'SAU', t(v.visit), age, t(p.sex), t(p.living), t(p.employment), t(p.severity), t(p.referral),
    p.sessions, t(v.missingReason), v.admissions, v.bedDays, v.death, v.selfHarm,
    ...(o.itemsApart ? [] : scaleModels.flatMap((m) => v.items[m.key])),
  ]);
}
