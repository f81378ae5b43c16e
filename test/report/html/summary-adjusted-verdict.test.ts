/**
 * Page 1 and the interpretation judge a verdict after the primary family's adjustment for multiple
 * comparisons (effect-words.ts verdictOf): a comparison whose interval excludes no effect but whose
 * Holm-adjusted p is at or above α reads "not confirmed", with the adjusted p beside p; one the
 * adjustment rejects reads "yes" as before. With k arms every comparison of the primary family
 * gets its own responder line (suppressed counts stay suppressed) and harms line, named by its pair.
 * Built from the twin's committed results (test/report/fixtures) by copying PEER as "PEER2".
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisResults, Lang, OutcomeResult } from '../../../src/analysis/results/types.ts';
import { reportPage, reportSource } from '../../../src/report/build-report.ts';
import { loadEconomics, loadResults } from '../inputs.ts';

type Json = Record<string, unknown>;
type Family = { method: string; pAdjusted: number; rejected: boolean };

/** Adds arm PEER2 wherever a record is keyed by arm, as a copy of PEER's entry. */
function withPeer2(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withPeer2);
  if (x === null || typeof x !== 'object') return x;
  const out: Json = {};
  for (const [k, v] of Object.entries(x as Json)) out[k] = withPeer2(v);
  if (Object.hasOwn(x, 'PEER') && Object.hasOwn(x, 'SAU')) out.PEER2 = withPeer2((x as Json).PEER);
  return out;
}

const isPrimary = (o: OutcomeResult) => o.id === 'qpr15' && o.visit === 'end' && o.isPrimaryEstimator;

/** The primary row in a family of `method`, with its adjusted p and rejection. */
function inFamily(o: OutcomeResult, f: Family): OutcomeResult {
  return { ...o, difference: { ...o.difference!, pAdjusted: f.pAdjusted }, multiplicity: { family: 'primary', method: f.method, rejected: f.rejected } };
}

/**
 * Three arms: PEER and PEER2 each against SAU, both primary rows in one family (`peer`, `peer2`).
 * `peer2Events`: PEER2's responders on the primary outcome (1–4 are suppressed when published).
 */
function kArm(peer: Family, peer2: Family, peer2Events?: number): AnalysisResults {
  const r = loadResults();
  const copy = withPeer2(r) as AnalysisResults;
  const toPeer2 = (o: OutcomeResult): OutcomeResult => {
    const emm = { SAU: o.emm.SAU, PEER2: o.emm.PEER };
    let responder = o.responder ? { ...o.responder, rate: { SAU: o.responder.rate.SAU, PEER2: o.responder.rate.PEER } } : null;
    if (responder && peer2Events !== undefined && isPrimary(o)) {
      const n = responder.rate.PEER2.n;
      responder = { ...responder, rate: { ...responder.rate, PEER2: { ...responder.rate.PEER2, events: peer2Events, estimate: peer2Events / n } } };
    }
    const row = { ...o, emm, responder, comparison: 'PEER2 vs SAU' } as OutcomeResult;
    return isPrimary(o) ? inFamily(row, peer2) : row;
  };
  return {
    ...copy,
    arms: [...r.arms, { label: 'PEER2', role: 'intervention', name: { da: 'PEER, anden udgave', en: 'PEER, second version' } }],
    comparisons: [{ id: 'PEER vs SAU', intervention: 'PEER', control: 'SAU' }, { id: 'PEER2 vs SAU', intervention: 'PEER2', control: 'SAU' }],
    outcomes: [...r.outcomes.map((o) => (isPrimary(o) ? inFamily(o, peer) : o)), ...r.outcomes.map(toPeer2)],
    safety: [...r.safety, ...r.safety.map((s) => ({ ...s, comparison: 'PEER2 vs SAU', byArm: { SAU: s.byArm.SAU, PEER2: s.byArm.PEER } }))],
  } as AnalysisResults;
}

/** The twin (two arms) with its primary row in a Holm family (as if the plan had said so). */
function twoArmHolm(f: Family): AnalysisResults {
  const r = loadResults();
  return { ...r, outcomes: r.outcomes.map((o) => (isPrimary(o) ? inFamily(o, f) : o)) };
}

/** A section of the page as plain text. */
function section(r: AnalysisResults, lang: Lang, id: string, withEconomics = false): string {
  const page = String(reportPage(reportSource(r, withEconomics ? loadEconomics() : null), { lang, date: '2026-11-27', png: false }).html.content);
  const from = page.indexOf(`<section id="${id}">`);
  return page.slice(from, page.indexOf('</section>', from)).replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/\s+/g, ' ');
}

const holm = (pAdjusted: number, rejected: boolean): Family => ({ method: 'holm', pAdjusted, rejected });

describe('page 1: the verdict after adjustment for multiple comparisons', () => {
  // The twin's primary p is 8e-6 and its CI excludes 0; PEER2 copies it, so only the family decides.
  const notConfirmed = kArm(holm(0.0001, true), holm(0.08, false));

  it.each([
    ['en', 'PEER versus SAU: yes. The PEER group did better, and chance is an unlikely explanation.',
      'PEER2 versus SAU: not confirmed. The PEER2 group did better, but after adjustment for multiple comparisons the difference could be due to chance.',
      'p < 0.001; adjusted p = 0.080, Holm',
      'After adjustment for multiple comparisons, the difference could be due to chance.'],
    ['da', 'PEER over for SAU: ja. PEER-gruppen klarede sig bedre, og tilfældigheder er en usandsynlig forklaring.',
      'PEER2 over for SAU: ikke bekræftet. PEER2-gruppen klarede sig bedre, men efter justering for flere sammenligninger kan forskellen skyldes tilfældigheder.',
      'p < 0,001; justeret p = 0,080, Holm',
      'Efter justering for flere sammenligninger kan forskellen skyldes tilfældigheder.'],
  ] as const)('Holm, adjusted p ≥ α: "not confirmed", the adjusted p beside p (%s)', (lang, yes, no, pair, plain) => {
    const s = section(notConfirmed, lang, 'summary');
    expect(s).toContain(yes);
    expect(s).toContain(no);
    expect(s).toContain(pair);
    expect(s).toContain(plain);
    expect(s).not.toMatch(/PEER2 (versus|over for) SAU: (yes|ja)\./);
  });

  it.each([
    ['en', 'The PEER2 group did better than the SAU group on personal recovery (QPR-15) at end of course, but after adjustment for multiple comparisons the difference is not confirmed and could be due to chance.'],
    ['da', 'PEER2-gruppen klarede sig bedre end SAU-gruppen på personlig recovery (QPR-15) ved forløbets afslutning, men efter justering for flere sammenligninger er forskellen ikke bekræftet og kan skyldes tilfældigheder.'],
  ] as const)('the interpretation says the same (%s)', (lang, sentence) => {
    expect(section(notConfirmed, lang, 'discussion')).toContain(sentence);
  });

  it.each([
    ['en', 'PEER2 versus SAU: yes. The PEER2 group did better, and chance is an unlikely explanation.', 'adjusted p = 0.002, Holm'],
    ['da', 'PEER2 over for SAU: ja. PEER2-gruppen klarede sig bedre, og tilfældigheder er en usandsynlig forklaring.', 'justeret p = 0,002, Holm'],
  ] as const)('Holm, adjusted p < α: the benefit verdict as before (%s)', (lang, yes, adjusted) => {
    const s = section(kArm(holm(0.001, true), holm(0.002, true)), lang, 'summary');
    expect(s).toContain(yes);
    expect(s).toContain(adjusted);
    expect(s).not.toMatch(/not confirmed|ikke bekræftet|After adjustment|Efter justering/);
  });

  it.each([
    ['en', 'Not confirmed. The intervention group did better, but after adjustment for multiple comparisons the difference could be due to chance.', 'adjusted p = 0.060, Holm'],
    ['da', 'Ikke bekræftet. Indsatsgruppen klarede sig bedre, men efter justering for flere sammenligninger kan forskellen skyldes tilfældigheder.', 'justeret p = 0,060, Holm'],
  ] as const)('two arms in a Holm family with adjusted p ≥ α: "not confirmed" without a pair (%s)', (lang, verdict, adjusted) => {
    const s = section(twoArmHolm(holm(0.06, false)), lang, 'summary');
    expect(s).toContain(verdict);
    expect(s).toContain(adjusted);
  });

  it.each([
    ['en', 'Yes. The intervention group did better, and chance is an unlikely explanation.', 'Observed: 58% in the PEER group and 37% in the SAU group met the responder criterion', 'Harms at end of course: '],
    ['da', 'Ja. Indsatsgruppen klarede sig bedre, og tilfældigheder er en usandsynlig forklaring.', 'Observeret: 58 % i PEER-gruppen og 37 % i SAU-gruppen opfyldte responderkriteriet', 'Skadevirkninger ved forløbets afslutning: '],
  ] as const)('two arms, fixed sequence (the twin): verdict, p and responder line as before (%s)', (lang, verdict, responders, harms) => {
    const r = loadResults();
    expect(r.outcomes.find(isPrimary)!.multiplicity?.method).toBe('fixed-sequence');
    const s = section(r, lang, 'summary', true);
    expect(s).toContain(verdict);
    expect(s).toContain(responders);
    expect(s).toContain(harms);
    expect(s).not.toMatch(/adjusted p|justeret p|not confirmed|ikke bekræftet|versus|over for/);
  });
});

describe('page 1, k arms: a responder and harms line per comparison of the primary family', () => {
  it.each([
    ['en', 'Observed, PEER versus SAU: 58% in the PEER group and 37% in the SAU group met the responder criterion',
      'Observed, PEER2 versus SAU: 58% in the PEER2 group and 37% in the SAU group met the responder criterion',
      'Harms, PEER versus SAU, at end of course: ', 'Harms, PEER2 versus SAU, at end of course: '],
    ['da', 'Observeret, PEER over for SAU: 58 % i PEER-gruppen og 37 % i SAU-gruppen opfyldte responderkriteriet',
      'Observeret, PEER2 over for SAU: 58 % i PEER2-gruppen og 37 % i SAU-gruppen opfyldte responderkriteriet',
      'Skadevirkninger, PEER over for SAU, ved forløbets afslutning: ', 'Skadevirkninger, PEER2 over for SAU, ved forløbets afslutning: '],
  ] as const)('each pair named, in order (%s)', (lang, first, second, harms1, harms2) => {
    const s = section(kArm(holm(0.001, true), holm(0.002, true)), lang, 'summary');
    for (const x of [first, second, harms1, harms2]) expect(s).toContain(x);
    expect(s.indexOf(first)).toBeLessThan(s.indexOf(second));
    expect(s.indexOf(harms1)).toBeLessThan(s.indexOf(harms2));
    // The two-arm sentences are not used.
    expect(s).not.toMatch(/Observed: |Observeret: |Harms at |Skadevirkninger ved /);
  });

  it.each([
    ['en', 'PEER2 versus SAU: <5 in the PEER2 group and 37% in the SAU group met the responder criterion', 'fewer than 5 people in one group make the difference too revealing to show', 'Observed, PEER versus SAU: 58% in the PEER group'],
    ['da', 'PEER2 over for SAU: <5 i PEER2-gruppen og 37 % i SAU-gruppen opfyldte responderkriteriet', 'forskellen vises ikke, da under 5 personer i én gruppe ville kunne regnes ud af den', 'Observeret, PEER over for SAU: 58 % i PEER-gruppen'],
  ] as const)('3 responders in PEER2: its line suppressed, PEER\'s line as it was (%s)', (lang, suppressed, why, other) => {
    const s = section(kArm(holm(0.001, true), holm(0.002, true), 3), lang, 'summary');
    expect(s).toContain(suppressed);
    expect(s).toContain(why);
    expect(s).toContain(other);
    expect(s).not.toMatch(/PEER2 (versus|over for) SAU: [^.]*\d+ ?% i?n? ?(the )?PEER2/);
  });
});

describe('page 1, k arms: the effect rate after the responder line of the comparison the economics used', () => {
  const rate = 'The economics use an effect rate of 19.7%';
  const lines = (comparison: string) => {
    const r = kArm(holm(0.001, true), holm(0.002, true));
    const s = section({ ...r, effectRates: r.effectRates.map((e) => (e.metric === 'qpr15-responder' ? { ...e, comparison } : e)) }, 'en', 'summary', true);
    return [s.indexOf('Observed, PEER versus SAU'), s.indexOf('Observed, PEER2 versus SAU'), s.indexOf(rate), s.split(rate).length - 1];
  };

  it('the economics linked to PEER vs SAU: after PEER\'s line, once', () => {
    const [peer, peer2, at, times] = lines('PEER vs SAU');
    expect(times).toBe(1);
    expect(peer).toBeLessThan(at);
    expect(at).toBeLessThan(peer2);
  });

  it('the economics linked to PEER2 vs SAU: after PEER2\'s line, once', () => {
    const [peer, peer2, at, times] = lines('PEER2 vs SAU');
    expect(times).toBe(1);
    expect(peer).toBeLessThan(peer2);
    expect(peer2).toBeLessThan(at);
  });
});
