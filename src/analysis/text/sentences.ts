/**
 * One plain-language sentence per outcome estimate, in Danish and English, generated from the
 * numbers only (no hand-written claims): the direction is read off the estimate and whether
 * higher is better, "significant" off the CI, so the words can never disagree with the table.
 */
import type { Difference, Interval, Localised } from '../results/types.ts';
import { formatNumber, formatP } from './format-number.ts';

export interface SentenceInput {
  readonly outcome: Localised;
  readonly visit: Localised;
  readonly intervention: string;
  readonly control: string;
  readonly difference: Difference;
  readonly cohensD: Interval | null;
  readonly digits: number;
  readonly confLevel: number;
}

export function outcomeSentence(s: SentenceInput): Localised {
  const d = s.difference;
  const excludesZero = d.lower > 0 || d.upper < 0;
  const benefit = d.estimate * d.benefitSign > 0;
  const pct = Math.round(s.confLevel * 100);
  const fmt = (x: number, lang: 'da' | 'en') => formatNumber(x, s.digits, lang);
  const dText = (lang: 'da' | 'en') =>
    s.cohensD ? (lang === 'da' ? `; Cohens d ${formatNumber(s.cohensD.estimate, 2, 'da')}` : `; Cohen's d ${formatNumber(s.cohensD.estimate, 2, 'en')}`) : '';
  const ciDa = `${pct} %-KI ${fmt(d.lower, 'da')} til ${fmt(d.upper, 'da')}`;
  const ciEn = `${pct}% CI ${fmt(d.lower, 'en')} to ${fmt(d.upper, 'en')}`;

  let da: string;
  let en: string;
  if (excludesZero) {
    const wordDa = benefit ? 'bedre' : 'dårligere';
    const wordEn = benefit ? 'better' : 'worse';
    da = `Ved ${s.visit.da} havde ${s.intervention}-gruppen ${wordDa} ${s.outcome.da} end ${s.control}-gruppen: forskel ${fmt(d.estimate, 'da')} point (${ciDa}; ${formatP(d.p, 'da')}${dText('da')}).`;
    en = `At ${s.visit.en}, the ${s.intervention} group had ${wordEn} ${s.outcome.en} than the ${s.control} group: difference ${fmt(d.estimate, 'en')} points (${ciEn}; ${formatP(d.p, 'en')}${dText('en')}).`;
  } else {
    da = `Ved ${s.visit.da} var der ingen sikker forskel i ${s.outcome.da} mellem ${s.intervention}- og ${s.control}-gruppen: forskel ${fmt(d.estimate, 'da')} point (${ciDa}; ${formatP(d.p, 'da')}).`;
    en = `At ${s.visit.en}, there was no clear difference in ${s.outcome.en} between the ${s.intervention} and ${s.control} groups: difference ${fmt(d.estimate, 'en')} points (${ciEn}; ${formatP(d.p, 'en')}).`;
  }
  return { da, en };
}

export function notEstimableSentence(outcome: Localised, reason: string): Localised {
  return {
    da: `${outcome.da}: kunne ikke estimeres (${reason}).`,
    en: `${outcome.en}: not estimable (${reason}).`,
  };
}
