/**
 * A small roll-out whose settlement was computed by hand (docs/rollout.md § Worked example):
 * two municipalities (Alby, Bstrup), three periods (P1, P2, P3 = final), two payment metrics —
 * "function" (WSAS down by ≥ 5 points, 10,000 kr. above a fixed 25 %, metric cap 25,000) and
 * "contacts" (≥ 1 fewer register contact, 5,000 kr. above a fixed 50 %, metric floor 12,000) —
 * a contract cap of 35,000 per municipality, deficit carry-over, a group shared by both
 * municipalities, dropouts without an end row or without an end questionnaire, and a corrected
 * delivery for P1.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/fixtures.ts';

export interface HandCase {
  readonly dir: string;
  readonly contract: string;
  readonly spec: string;
  readonly files: { readonly p1: string; readonly p1Corrected: string; readonly p2: string; readonly p3: string };
}

/** WSAS items (5 × 0–8) summing to `total`. */
function items(total: number | null): (number | null)[] {
  if (total === null) return [null, null, null, null, null];
  const base = Math.floor(total / 5);
  return Array.from({ length: 5 }, (_, j) => base + (j < total - base * 5 ? 1 : 0));
}

type Person = [id: string, muni: string, group: string, start: string, end: string, wsas0: number, wsas1: number | null | 'no-row', contacts0: number, contacts1: number | null];

const HEADER = ['id', 'municipality', 'group', 'start', 'end', 'visit', 'reason', 'contacts', 'w_1', 'w_2', 'w_3', 'w_4', 'w_5'];

function csv(people: readonly Person[]): string {
  const rows: string[] = [HEADER.join(',')];
  for (const [id, muni, group, start, end, w0, w1, c0, c1] of people) {
    rows.push([id, muni, group, start, end, 'start', '', c0, ...items(w0)].join(','));
    if (w1 === 'no-row') continue;
    rows.push([id, muni, group, start, end, 'end', w1 === null ? 'stopped' : '', c1 ?? '', ...items(w1)].map((v) => (v === null ? '' : v)).join(','));
  }
  return `${rows.join('\n')}\n`;
}

const g1: [string, string, string] = ['G1', '2024-02-01', '2024-04-11'];
const s1: [string, string, string] = ['S1', '2024-03-01', '2024-05-10'];
const g2: [string, string, string] = ['G2', '2024-08-01', '2024-10-10'];
const g3: [string, string, string] = ['G3', '2024-09-01', '2024-11-15'];
const g4: [string, string, string] = ['G4', '2025-01-06', '2025-03-15'];
const g5: [string, string, string] = ['G5', '2025-02-01', '2025-04-20'];

export const P1: readonly Person[] = [
  ['A01', 'Alby', ...g1, 30, 20, 4, 1], // function ✓ (−10), contacts ✓
  ['A02', 'Alby', ...g1, 25, 22, 2, 2], // function ✗ (−3; corrected to 19: ✓), contacts ✗
  ['A03', 'Alby', ...g1, 20, 'no-row', 3, null], // no end row: both missing follow-up
  ['A04', 'Alby', ...g1, 18, 10, 0, 0], // function ✓, contacts ✗ (0 → 0)
  ['A05', 'Alby', ...s1, 20, 14, 1, 0], // shared group: function ✓ (−6), contacts ✓
  ['A06', 'Alby', ...s1, 22, null, 2, 1], // end questionnaire missing: function missing, contacts ✓ (register)
  ['B01', 'Bstrup', ...s1, 30, 29, 0, 1], // shared group: ✗, ✗
  ['B02', 'Bstrup', ...s1, 22, 12, 5, 2], // ✓, ✓
];
export const P1_CORRECTED: readonly Person[] = P1.map((p) => (p[0] === 'A02' ? ['A02', 'Alby', ...g1, 25, 19, 2, 2] : p));
export const P2: readonly Person[] = [
  ['A07', 'Alby', ...g2, 25, 24, 3, 0],
  ['A08', 'Alby', ...g2, 20, 19, 2, 0],
  ['A09', 'Alby', ...g2, 22, 22, 1, 0],
  ['A10', 'Alby', ...g2, 30, 31, 4, 2],
  ['B03', 'Bstrup', ...g3, 30, 20, 0, 0],
  ['B04', 'Bstrup', ...g3, 28, 18, 0, 0],
  ['B05', 'Bstrup', ...g3, 26, 16, 0, 0],
  ['B06', 'Bstrup', ...g3, 24, 14, 0, 0],
];
export const P3: readonly Person[] = [
  ['A11', 'Alby', ...g4, 30, 20, 1, 1],
  ['A12', 'Alby', ...g4, 30, 20, 1, 1],
  ['A13', 'Alby', ...g4, 30, 20, 1, 1],
  ['A14', 'Alby', ...g4, 25, 26, 1, 1],
  ['B07', 'Bstrup', ...g5, 30, 20, 3, 0],
  ['B08', 'Bstrup', ...g5, 30, 20, 3, 0],
  ['B09', 'Bstrup', ...g5, 30, 20, 3, 0],
  ['B10', 'Bstrup', ...g5, 30, 20, 3, 0],
];

export function handSpec(): Record<string, unknown> {
  const l = (s: string) => ({ da: s, en: s });
  return {
    cohort: {
      trial: { id: 'hand', title: l('hand case'), synthetic: true },
      data: { format: 'long', csv: { delimiter: ',', decimal: '.', encoding: 'utf-8' } },
      columns: { id: 'id', visit: 'visit', site: 'municipality', strata: [], missingReason: 'reason' },
      arms: [{ label: 'COURSE', role: 'intervention', name: l('course') }],
      visits: [{ id: 'start', name: l('start') }, { id: 'end', name: l('end') }],
      baselineVisit: 'start',
      instruments: [{ id: 'wsas', instrument: 'WSAS', items: { prefix: 'w_', count: 5 } }],
      outcomes: [
        { id: 'wsas', name: l('function (WSAS)'), role: 'primary', kind: 'score', instrument: 'wsas', primaryVisit: 'end' },
        { id: 'contacts', name: l('contacts'), role: 'safety', kind: 'count', column: 'contacts', direction: 'higher-is-worse', primaryVisit: 'end' },
      ],
    },
    columns: { group: 'group', groupStart: 'start', groupEnd: 'end' },
    dates: 'iso',
    registers: [{ outcome: 'contacts', windows: { start: l('6 months before'), end: l('6 months after') } }],
  };
}

export function handContract(): Record<string, unknown> {
  const l = (s: string) => ({ da: s, en: s });
  return {
    id: 'hand-contract',
    title: l('Hand-computed contract'),
    synthetic: true,
    parties: { fund: 'Fund', partnership: 'Partnership', agency: 'Agency' },
    trialResults: { file: 'trial-results.json' },
    visits: { baseline: 'start', followUp: 'end' },
    municipalities: [{ id: 'Alby' }, { id: 'Bstrup' }],
    paymentMetrics: [
      { id: 'function', name: l('Function'), definition: l('WSAS down by at least 5'), rule: { type: 'change', outcome: 'wsas', threshold: 5 }, pricePerOutcome: 10000, counterfactual: { source: 'fixed', rate: 0.25, lower: 0.2, upper: 0.3, reference: 'hand' }, cap: 25000 },
      { id: 'contacts', name: l('Contacts'), definition: l('at least 1 fewer contact'), rule: { type: 'change', outcome: 'contacts', threshold: 1, direction: 'lower-is-better' }, pricePerOutcome: 5000, counterfactual: { source: 'fixed', rate: 0.5, lower: 0.4, upper: 0.6, reference: 'hand' }, floor: 12000 },
    ],
    limits: { floor: 0, cap: 35000 },
    carryOver: 'deficit',
    periods: [{ id: 'P1', from: '2024-01-01', to: '2024-06-30' }, { id: 'P2', from: '2024-07-01', to: '2024-12-31' }, { id: 'P3', from: '2025-01-01', to: '2025-06-30' }],
    investor: { prefinancingPerCitizen: 1000, paymentLagPeriods: 1 },
  };
}

export function writeHandCase(): HandCase {
  const dir = mkdtempSync(join(tmpdir(), 'effekt-hand-'));
  copyFileSync(join(repoRoot, 'data-samples/rollout/trial-results.json'), join(dir, 'trial-results.json'));
  writeFileSync(join(dir, 'contract.json'), JSON.stringify(handContract(), null, 2));
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(handSpec(), null, 2));
  const files = { p1: join(dir, 'p1.csv'), p1Corrected: join(dir, 'p1-corrected.csv'), p2: join(dir, 'p2.csv'), p3: join(dir, 'p3.csv') };
  writeFileSync(files.p1, csv(P1));
  writeFileSync(files.p1Corrected, csv(P1_CORRECTED));
  writeFileSync(files.p2, csv(P2));
  writeFileSync(files.p3, csv(P3));
  return { dir, contract: join(dir, 'contract.json'), spec: join(dir, 'spec.json'), files };
}
