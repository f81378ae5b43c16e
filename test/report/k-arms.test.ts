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

  it('economics still attach to the first comparison', async () => {
    const built = await buildReport(kArm(), loadEconomics(), { lang: 'en', date: '2026-11-25', png: false });
    expect(built.charts.map((c) => c.id)).toContain('economics-break-even');
  });
});
