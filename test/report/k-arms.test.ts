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

/**
 * kArm() with PEER2 telling its own story: its means 10 above PEER's, its differences 1 above,
 * its Cohen's d 0.5 above, and the control's means in its rows 100 off — a chart that took SAU
 * from the PEER2 comparison, or PEER's numbers for PEER2, shows it.
 */
function kArmDistinct(): AnalysisResults {
  const r = kArm();
  const shift = <T extends { estimate: number; lower: number; upper: number }>(x: T, by: number): T => ({ ...x, estimate: x.estimate + by, lower: x.lower + by, upper: x.upper + by });
  const outcomes = r.outcomes.map((o) => {
    if (o.comparison !== 'peer2-vs-sau') return o;
    const emm = { SAU: shift(o.emm.SAU, 100), PEER2: shift(o.emm.PEER2, 10) };
    return { ...o, emm, difference: o.difference && shift(o.difference, 1), cohensD: o.cohensD && shift(o.cohensD, 0.5) } as OutcomeResult;
  });
  return { ...r, outcomes } as AnalysisResults;
}

/** Every data row of a chart's Vega-Lite spec. */
function chartRows(built: Awaited<ReturnType<typeof buildReport>>, id: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') {
      const values = (x as { values?: unknown }).values;
      if (Array.isArray(values)) out.push(...(values as Array<Record<string, unknown>>));
      Object.values(x).forEach(walk);
    }
  };
  walk(JSON.parse(String(built.artefacts.find((a) => a.name === `charts/${id}.vl.json`)!.content)));
  return out;
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

  it.each(['da', 'en'] as const)('%s: the change-over-time chart shows every arm, each from its own comparison, no pair mixed with another', async (lang) => {
    const r = kArmDistinct();
    const built = await buildReport(r, null, { lang, date: '2026-11-25', png: false });
    const rows = chartRows(built, 'change-over-time');
    const primary = r.outcomes.find((o) => o.role === 'primary' && o.isPrimaryEstimator && o.comparison === 'peer-vs-sau')!;
    const at = (arm: string, comparison: string, visit: string) => r.outcomes.find((o) => o.id === primary.id && o.estimator === primary.estimator && o.population === primary.population && o.visit === visit && o.comparison === comparison)!.emm[arm].estimate;
    const visits = [...new Set(r.outcomes.filter((o) => o.id === primary.id && o.estimator === primary.estimator && o.comparison === 'peer-vs-sau' && o.status === 'estimated').map((o) => o.visit))];
    expect(visits.length).toBeGreaterThan(1);
    const panel = rows.filter((x) => x.order === 0);
    // Every arm at every visit, once: SAU and PEER from PEER vs SAU, PEER2 from PEER2 vs SAU.
    expect(panel).toHaveLength(visits.length * 3);
    for (const [k, v] of visits.entries()) {
      const there = panel.filter((x) => x.visitOrder === r.visits.indexOf(v));
      expect(there.map((x) => x.arm), v).toEqual(['SAU', 'PEER', 'PEER2']);
      const own = [at('SAU', 'peer-vs-sau', v), at('PEER', 'peer-vs-sau', v), at('PEER2', 'peer2-vs-sau', v)];
      there.forEach((x, i) => expect(x.estimate as number, `${k}: ${v} ${String(x.arm)}`).toBeCloseTo(own[i], 3));
    }
    const chart = built.charts.find((c) => c.id === 'change-over-time')!;
    expect(chart.alt).toContain('PEER2');
    expect(chart.alt).not.toMatch(/ikke beregnet|not computed|NaN/);
    expect(chart.alt.match(/PEER2/g)).toHaveLength(visits.filter((v) => r.outcomes.some((o) => o.id === primary.id && o.estimator === primary.estimator && o.visit === v && o.difference)).length);
    // The intro says where each arm's mean comes from.
    const change = sectionHtml(String(built.artefacts.find((a) => a.name === 'index.html')!.content), 'change');
    expect(change).toContain(lang === 'da' ? 'SAU og PEER fra PEER over for SAU og PEER2 fra PEER2 over for SAU' : 'SAU and PEER from PEER versus SAU and PEER2 from PEER2 versus SAU');
  });

  it.each(['da', 'en'] as const)('%s: plain words, key figures, the interpretation and the forest charts cover every comparison, each naming its pair', async (lang) => {
    const r = kArmDistinct();
    const built = await buildReport(r, null, { lang, date: '2026-11-25', png: false });
    const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
    const vs = lang === 'da' ? 'over for' : 'versus';
    const summary = sectionHtml(html, 'summary');
    // In plain words: one sentence per comparison, each naming its arms.
    const plain = summary.slice(summary.indexOf('class="plain"'), summary.indexOf('</div>', summary.indexOf('class="plain"')));
    for (const arm of ['PEER', 'PEER2']) expect(plain).toContain(lang === 'da' ? `i ${arm}-gruppen` : `in the ${arm} group`);
    // Key figures: one box per comparison, its pair in the label, the comparison's own number.
    const boxes = [...summary.matchAll(/<div class="figure-box"><div class="k">([^<]*)<\/div><div class="v">([^<]*)<\/div>/g)].map((x) => [x[1], x[2]]);
    expect(boxes.map(([k]) => k.replace(/^.*, /, ''))).toEqual([`PEER ${vs} SAU`, `PEER2 ${vs} SAU`]);
    const d1 = r.outcomes.find((o) => o.role === 'primary' && o.isPrimaryEstimator && o.comparison === 'peer-vs-sau')!.difference!.estimate;
    const num = (x: string) => Number(x.replace(',', '.').replace('−', '-'));
    expect(num(boxes[1][1]) - num(boxes[0][1])).toBeCloseTo(1, 1);
    expect(num(boxes[0][1])).toBeCloseTo(d1, 1);
    // The interpretation: one item per comparison naming its pair; the exploratory note once.
    const discussion = sectionHtml(html, 'discussion');
    const robust = lang === 'da' ? /Konklusionen er (den samme|ikke den samme)/g : /The conclusion (is the same|differs)/g;
    expect(discussion.match(robust)).toHaveLength(2);
    for (const arm of ['PEER', 'PEER2']) expect(discussion).toMatch(new RegExp(`<li>(Forsøget viser ingen tydelig forskel mellem |The trial shows no clear difference between |The |)${arm}( |-gruppen )`));
    expect(discussion.match(lang === 'da' ? /De udforskende effektmål er ikke justeret/g : /The exploratory outcomes are not adjusted/g)).toHaveLength(1);
    expect(discussion).not.toMatch(lang === 'da' ? /Indsatsen forbedrede|Indsatsgruppen klarede/ : /The intervention improved|The intervention group did/);
    // The forest charts: one per comparison, each turned towards its own intervention, under its pair.
    expect(built.charts.map((c) => c.id)).toEqual(expect.arrayContaining(['forest', 'forest-2']));
    const forest2 = String(built.artefacts.find((a) => a.name === 'charts/forest-2.vl.json')!.content);
    expect(forest2).toContain(lang === 'da' ? 'til fordel for PEER2' : 'favours PEER2');
    expect(forest2).not.toMatch(lang === 'da' ? /til fordel for PEER\b(?!2)/ : /favours PEER\b(?!2)/);
    const outcomes = sectionHtml(html, 'outcomes');
    expect(outcomes).toContain('data-chart="forest-2"');
    expect(outcomes).toContain(`PEER2 ${vs} SAU</h3>`);
    expect(outcomes).not.toMatch(lang === 'da' ? /altid er til fordel for PEER\b/ : /always favours PEER\b/);
  });

  it('a two-arm report has no pair headings and one chart of each', async () => {
    const built = await buildReport(loadResults(), null, { lang: 'en', date: '2026-11-25', png: false });
    const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
    for (const id of ['primary', 'methods', 'sensitivity']) expect(sectionHtml(html, id)).not.toContain('PEER versus SAU');
    expect(built.charts.map((c) => c.id).filter((id) => /^(primary-outcome|sensitivity|forest)/.test(id))).toEqual(['primary-outcome', 'forest', 'sensitivity']);
    // The change-over-time chart: the pair's two arms only.
    expect([...new Set(chartRows(built, 'change-over-time').map((x) => x.arm))]).toEqual(['SAU', 'PEER']);
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
