/**
 * A cohort built to have small cells, for the privacy tests: the twin's results with counts of
 * 1–4 in an arm, a subgroup, a loss reason, a safety row and a responder count, changed so that
 * every partition still adds up (a reader's system of equations stays consistent).
 */
import type { AnalysisResults, OutcomeResult } from '../../src/analysis/results/types.ts';
import { withResults } from './inputs.ts';

/** The twin with small cells: two municipalities of 1 in SAU's subgroup analysis (2 in Table 1), one PEER municipality of 2/3,
 * 1 PEER participant lost because they moved, 2 PEER not receiving the intervention, 3 PEER admitted, and 2 of 126 SAU responders
 * on the primary outcome behind a crude (not pooled) effect rate that the economics scales. */
export function smallCells(): AnalysisResults {
  return withResults((x) => {
    const t1: Record<string, Record<string, number>> = { SAU: { Fredericia: 26, Gladsaxe: 2, Helsingør: 25, København: 96, Rødovre: 2 }, PEER: { Fredericia: 26, Gladsaxe: 20, Helsingør: 25, København: 71, Rødovre: 3 } };
    const sg: Record<string, Record<string, number>> = { SAU: { Fredericia: 22, Gladsaxe: 1, Helsingør: 23, København: 79, Rødovre: 1 }, PEER: { Fredericia: 19, Gladsaxe: 19, Helsingør: 20, København: 57, Rødovre: 2 } };
    x.baseline = x.baseline.map((b) =>
      b.variable !== 'municipality'
        ? b
        : { ...b, byArm: Object.fromEntries(Object.entries(b.byArm).map(([a, c]) => [a, { ...c, values: [t1[a][b.level!], (100 * t1[a][b.level!]) / c.n] }])) },
    );
    x.subgroups = x.subgroups.map((s) => (s.variable !== 'municipality' ? s : { ...s, levels: s.levels.map((l) => ({ ...l, n: { SAU: sg.SAU[l.level], PEER: sg.PEER[l.level] } })) }));
    const peer = x.consort.PEER;
    x.consort = {
      ...x.consort,
      PEER: { ...peer, receivedAllocated: 143, lostToFollowUp: peer.lostToFollowUp.map((l) => (l.visit === 'end' ? { ...l, reasons: { ...l.reasons, moved: 1, too_unwell: 14 } } : l)) },
    };
    x.safety = x.safety.map((s) => (s.id === 'admissions' && s.visit === 'end' ? { ...s, byArm: { ...s.byArm, PEER: { ...s.byArm.PEER, participantsWithEvent: 3, total: 4 } } } : s));
    x.outcomes = x.outcomes.map((o) => {
      if (!(o.id === 'qpr15' && o.visit === 'end' && o.responder)) return o;
      return { ...o, responder: { ...o.responder, rate: { ...o.responder.rate, SAU: { ...o.responder.rate.SAU, events: 2, estimate: 2 / 126 } } } } as OutcomeResult;
    });
    x.effectRates = x.effectRates.map((e) => {
      if (e.metric === 'qpr15-responder') return { ...e, pooled: false, controlRate: 2 / 126, interventionRate: 68 / 117, estimate: 68 / 117 - 2 / 126 };
      if (e.metric === 'admissions-reduction') return { ...e, interventionRate: 142 / 145, estimate: 142 / 145 - e.controlRate };
      return e;
    });
  });
}


/** The economics linked to this cohort: its effect rate is not pooled, so the economics scales the crude difference. */
export const smallCellsEconomics = { link: { linked: [{ effect: 'personal-recovery', metric: 'qpr15-responder', pooled: false }] } };
