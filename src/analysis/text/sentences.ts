/**
 * One plain-language sentence per outcome estimate, in Danish and English, generated from the
 * numbers only (no hand-written claims): the direction is read off the estimate and whether
 * higher is better, "significant" off the CI, so the words can never disagree with the table.
 */
import type { Difference, EffectMeasure, Interval, Localised, OutcomeResult } from '../results/types.ts';
import { rmstDecimals } from './time-decimals.ts';
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
  /** Default a difference of means, in "points" unless a unit is given. */
  readonly measure?: EffectMeasure;
  readonly unit?: string | Localised | null;
  /** A time-to-event row's τ: the decimals of a restricted-mean difference (measureNumbers). */
  readonly tau?: number | null;
}

/** The declared unit in both languages (one string is the same in both), else the fallback word. */
function unitOr(unit: string | Localised | null | undefined, fallback: Localised): Localised {
  if (!unit) return fallback;
  return typeof unit === 'string' ? { da: unit, en: unit } : unit;
}

/**
 * How a measure's numbers are written, in results.json's sentences and in the report alike: a
 * ratio as itself with 2 decimals (no effect at 1), a difference of shares ×100 in percentage
 * points with 1, a difference of restricted mean times with τ's decimals (rmstDecimals: 2 for
 * τ = 5 years, 1 for τ = 130 weeks — a fixed 1 decimal wrote colon's −0.04 years as "−0.0"), any
 * other difference with 1 (`digits` null: a difference of means takes the caller's). `tau`: the
 * row's τ (method.options.tau); without it an RMST difference keeps 1 decimal.
 */
export function measureNumbers(measure: EffectMeasure, tau: number | null = null): { readonly ratio: boolean; readonly share: boolean; readonly none: 0 | 1; readonly scale: number; readonly digits: number | null } {
  const ratio = measure.endsWith('ratio');
  const share = measure === 'risk-difference' || measure === 'incidence-difference';
  const digits = ratio ? 2 : measure === 'mean-difference' ? null : measure === 'rmst-difference' && tau !== null ? rmstDecimals(tau) : 1;
  return { ratio, share, none: ratio ? 1 : 0, scale: share ? 100 : 1, digits };
}

/** measureNumbers of a result row: its measure, and τ from its method options (time-to-event rows). */
export function rowMeasureNumbers(row: Pick<OutcomeResult, 'measure' | 'method'>): ReturnType<typeof measureNumbers> {
  const tau = row.method.options.tau;
  return measureNumbers(row.measure ?? 'mean-difference', typeof tau === 'number' ? tau : null);
}

const LABELS: Readonly<Record<EffectMeasure, Localised>> = {
  'mean-difference': { da: 'forskel', en: 'difference' },
  'risk-difference': { da: 'risikoforskel', en: 'risk difference' },
  'risk-ratio': { da: 'relativ risiko', en: 'risk ratio' },
  'odds-ratio': { da: 'oddsratio', en: 'odds ratio' },
  'rate-ratio': { da: 'rateratio', en: 'rate ratio' },
  'hazard-ratio': { da: 'hazardratio', en: 'hazard ratio' },
  'rmst-difference': { da: 'forskel i begrænset middeltid (RMST)', en: 'difference in restricted mean time (RMST)' },
  'incidence-difference': { da: 'forskel i kumuleret incidens', en: 'difference in cumulative incidence' },
};

/** How the effect is named and its numbers written, per measure and language. */
function effectWords(s: SentenceInput): { label: Localised; value: (x: number, lang: 'da' | 'en') => string; unit: Localised } {
  const measure = s.measure ?? 'mean-difference';
  const n = measureNumbers(measure, s.tau ?? null);
  const value = (x: number, lang: 'da' | 'en') => formatNumber(x * n.scale, n.digits ?? s.digits, lang);
  const unit = n.ratio
    ? { da: '', en: '' }
    : n.share
      ? { da: 'procentpoint', en: 'percentage points' }
      : unitOr(s.unit, measure === 'rmst-difference' ? { da: 'tidsenheder', en: 'time units' } : { da: 'point', en: 'points' });
  return { label: LABELS[measure], value, unit };
}

export function outcomeSentence(s: SentenceInput): Localised {
  const d = s.difference;
  const { ratio, none } = measureNumbers(s.measure ?? 'mean-difference');
  const excludesZero = d.lower > none || d.upper < none;
  const benefit = (ratio ? Math.log(d.estimate) : d.estimate) * d.benefitSign > 0;
  const pct = Math.round(s.confLevel * 100);
  const w = effectWords(s);
  const fmt = (x: number, lang: 'da' | 'en') => w.value(x, lang);
  const effect = (lang: 'da' | 'en') => `${w.label[lang]} ${fmt(d.estimate, lang)}${w.unit[lang] ? ` ${w.unit[lang]}` : ''}`;
  const dText = (lang: 'da' | 'en') =>
    s.cohensD ? (lang === 'da' ? `; Cohens d ${formatNumber(s.cohensD.estimate, 2, 'da')}` : `; Cohen's d ${formatNumber(s.cohensD.estimate, 2, 'en')}`) : '';
  const ciDa = `${pct} %-KI ${fmt(d.lower, 'da')} til ${fmt(d.upper, 'da')}`;
  const ciEn = `${pct}% CI ${fmt(d.lower, 'en')} to ${fmt(d.upper, 'en')}`;

  let da: string;
  let en: string;
  if (excludesZero) {
    const wordDa = benefit ? 'bedre' : 'dårligere';
    const wordEn = benefit ? 'better' : 'worse';
    da = `Ved ${s.visit.da} havde ${s.intervention}-gruppen ${wordDa} ${s.outcome.da} end ${s.control}-gruppen: ${effect('da')} (${ciDa}; ${formatP(d.p, 'da')}${dText('da')}).`;
    en = `At ${s.visit.en}, the ${s.intervention} group had ${wordEn} ${s.outcome.en} than the ${s.control} group: ${effect('en')} (${ciEn}; ${formatP(d.p, 'en')}${dText('en')}).`;
  } else {
    da = `Ved ${s.visit.da} var der ingen sikker forskel i ${s.outcome.da} mellem ${s.intervention}- og ${s.control}-gruppen: ${effect('da')} (${ciDa}; ${formatP(d.p, 'da')}).`;
    en = `At ${s.visit.en}, there was no clear difference in ${s.outcome.en} between the ${s.intervention} and ${s.control} groups: ${effect('en')} (${ciEn}; ${formatP(d.p, 'en')}).`;
  }
  return { da, en };
}

export function notEstimableSentence(outcome: Localised, reason: string): Localised {
  return {
    da: `${outcome.da}: kunne ikke estimeres (${reason}).`,
    en: `${outcome.en}: not estimable (${reason}).`,
  };
}
