/**
 * A k-arm trial as results.json will carry it (results.comparisons and a `comparison` id on every
 * outcome row): the report iterates the arms from results.arms and the comparisons from
 * results.comparisons — a third arm gets its own colour, its own Table 1 and harms columns, and a
 * block of its own in the outcome and responder tables. Built here from the twin by copying the
 * PEER arm as "PEER2".
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisResults, OutcomeResult } from '../../src/analysis/results/types.ts';
import { armColours, buildReport } from '../../src/report/index.ts';
import { loadEconomics, loadResults } from './inputs.ts';

type Json = Record<string, unknown>;

/** Adds arm PEER2 wherever a record is keyed by arm, as a copy of PEER's entry. */
function withPeer2(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withPeer2);
  if (x === null || typeof x !== 'object') return x;
  const o = x as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) out[k] = withPeer2(v);
  if (Object.hasOwn(o, 'PEER') && Object.hasOwn(o, 'SAU')) out.PEER2 = withPeer2(o.PEER);
  return out;
}

function kArm(): AnalysisResults {
  const r = loadResults();
  const copy = withPeer2(r) as AnalysisResults & { comparisons?: unknown };
  const toPeer2 = (o: OutcomeResult): OutcomeResult => {
    const emm = { SAU: o.emm.SAU, PEER2: o.emm.PEER };
    const responder = o.responder ? { ...o.responder, rate: { SAU: o.responder.rate.SAU, PEER2: o.responder.rate.PEER } } : null;
    return { ...o, emm, responder, comparison: 'peer2-vs-sau' } as OutcomeResult;
  };
  return {
    ...copy,
    arms: [...r.arms, { label: 'PEER2', role: 'intervention', name: { da: 'PEER, anden udgave', en: 'PEER, second version' } }],
    comparisons: [{ id: 'peer-vs-sau', intervention: 'PEER', control: 'SAU' }, { id: 'peer2-vs-sau', intervention: 'PEER2', control: 'SAU' }],
    outcomes: [...r.outcomes.map((o) => ({ ...o, comparison: 'peer-vs-sau' }) as OutcomeResult), ...r.outcomes.map(toPeer2)],
  } as AnalysisResults;
}

describe('k arms', () => {
  it('a third arm gets the next colour', () => {
    expect(armColours(kArm().arms)).toEqual({ SAU: '#c07a2c', PEER: '#1f5f8b', PEER2: '#3d7a3a' });
  });

  it.each(['da', 'en'] as const)('%s: every arm in Table 1 and the harms table, one block per comparison in the outcome and responder tables', async (lang) => {
    const built = await buildReport(kArm(), null, { lang, date: '2026-11-25', png: false });
    const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
    const vs = lang === 'da' ? 'over for' : 'versus';
    expect(html).toContain(`PEER ${vs} SAU`);
    expect(html).toContain(`PEER2 ${vs} SAU`);
    expect(html).toMatch(/PEER2 \(n = 145\)/);
    expect(built.charts.map((c) => c.id)).toContain('consort');
    expect(String(built.artefacts.find((a) => a.name === 'charts/consort.vl.json')!.content)).toContain('PEER2');
  });

  it.each(['da', 'en'] as const)('%s: the primary-outcome, estimands and sensitivity sections cover every comparison, each headed by its pair', async (lang) => {
    const built = await buildReport(kArm(), null, { lang, date: '2026-11-25', png: false });
    const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
    const vs = lang === 'da' ? 'over for' : 'versus';
    const second = lang === 'da' ? 'PEER, anden udgave' : 'PEER, second version';
    for (const id of ['primary', 'methods', 'sensitivity']) {
      const section = sectionHtml(html, id);
      for (const pair of [`PEER ${vs} SAU`, `PEER2 ${vs} SAU`]) expect(section, `${id}: ${pair}`).toContain(pair);
    }
    // The estimands: one table per comparison, its caption naming the pair by the arms' names, and the comparisons listed.
    const methods = sectionHtml(html, 'methods');
    expect(methods.match(/<caption><strong>[^<]*<\/strong> (Estimander for det primære effektmål|Estimands for the primary outcome)/g)).toHaveLength(2);
    expect(methods).toContain(`${second} ${vs}`);
    expect(methods).toContain(lang === 'da' ? 'Forsøget har 2 sammenligninger' : 'The trial has 2 comparisons');
    // Multiplicity as the results give it (the fixture's rows keep the twin's family), nothing invented.
    expect(methods).toMatch(lang === 'da' ? /Multiplicitet på tværs af sammenligningerne[^<]*familie primary/ : /Multiplicity across the comparisons[^<]*family primary/);
    // Each comparison its own chart, drawn from its own rows.
    const ids = built.charts.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['primary-outcome', 'primary-outcome-2', 'sensitivity', 'sensitivity-2']));
    for (const id of ['primary-outcome-2', 'sensitivity-2']) {
      expect(String(built.artefacts.find((a) => a.name === `charts/${id}.vl.json`)!.content)).toContain('PEER2');
      expect(sectionHtml(html, id.startsWith('primary') ? 'primary' : 'sensitivity')).toContain(`data-chart="${id}"`);
    }
  });

  it('a two-arm report has no pair headings and one chart of each', async () => {
    const built = await buildReport(loadResults(), null, { lang: 'en', date: '2026-11-25', png: false });
    const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
    for (const id of ['primary', 'methods', 'sensitivity']) expect(sectionHtml(html, id)).not.toContain('PEER versus SAU');
    expect(built.charts.map((c) => c.id).filter((id) => /^(primary-outcome|sensitivity)/.test(id))).toEqual(['primary-outcome', 'sensitivity']);
  });

  it('economics still attach to the first comparison', async () => {
    const built = await buildReport(kArm(), loadEconomics(), { lang: 'en', date: '2026-11-25', png: false });
    expect(built.charts.map((c) => c.id)).toContain('economics-break-even');
  });
});

/** One section of the page, by its id. */
function sectionHtml(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  if (start < 0) throw new Error(`no section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
}
