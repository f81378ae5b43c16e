/**
 * The roll-out spec and contract that go with a synthetic roll-out: the cohort as a single-arm
 * trial spec with Danish column names and Excel's Danish CSV dialect, the three proposed payment
 * metrics (personal recovery, higher life satisfaction, less contact with psychiatry) priced per
 * citizen above the counterfactual, half-yearly (or yearly) periods, the investor's
 * pre-financing. Every figure that is assumed says so.
 */
import type { RolloutSimOptions } from './options.ts';

const loc = (da: string, en: string) => ({ da, en });

export const QPR_ITEMS = 15;
export const MANSA_ITEMS = 12;

export function sampleSpec(): Record<string, unknown> {
  return {
    $schema: '../../schemas/rollout-spec.schema.json',
    cohort: {
      trial: { id: 'peer-rollout', title: loc('Udbredelse af peer-forløbet (syntetisk)', 'Roll-out of the peer course (synthetic)'), synthetic: true },
      data: { format: 'long', csv: { delimiter: ';', decimal: ',', encoding: 'windows-1252' } },
      columns: { id: 'borger_id', visit: 'besøg', site: 'kommune', strata: [], missingReason: 'frafaldsårsag', adherence: { column: 'fremmøde', max: 11 } },
      arms: [{ label: 'PEER', role: 'intervention', name: loc('Peer-forløb', 'Peer course') }],
      visits: [
        { id: 'baseline', name: loc('forløbets start', 'start of the course') },
        { id: 'slut', name: loc('forløbets afslutning', 'end of the course') },
      ],
      baselineVisit: 'baseline',
      covariates: [
        { column: 'alder', label: loc('Alder (år)', 'Age (years)'), type: 'numeric' },
        { column: 'køn', label: loc('Køn', 'Sex'), type: 'categorical', levels: ['kvinde', 'mand'], levelLabels: { kvinde: loc('Kvinde', 'Female'), mand: loc('Mand', 'Male') } },
      ],
      instruments: [
        { id: 'qpr15', instrument: 'QPR-15', items: { prefix: 'qpr_', count: QPR_ITEMS } },
        { id: 'mansa', instrument: 'MANSA', items: { prefix: 'mansa_', count: MANSA_ITEMS } },
      ],
      outcomes: [
        { id: 'qpr15', name: loc('personlig recovery (QPR-15)', 'personal recovery (QPR-15)'), role: 'primary', kind: 'score', instrument: 'qpr15', primaryVisit: 'slut' },
        { id: 'mansa', name: loc('livstilfredshed (MANSA)', 'life satisfaction (MANSA)'), role: 'secondary', kind: 'score', instrument: 'mansa', primaryVisit: 'slut' },
        { id: 'psych_contacts', name: loc('kontakter med psykiatrien', 'contacts with psychiatry'), role: 'safety', kind: 'count', column: 'psyk_kontakter', direction: 'higher-is-worse', primaryVisit: 'slut' },
      ],
    },
    columns: { group: 'hold', groupStart: 'holdstart', groupEnd: 'holdslut' },
    dates: 'danish',
    registers: [
      {
        outcome: 'psych_contacts',
        windows: {
          baseline: loc('kontakter i de 6 måneder før forløbet (register)', 'contacts in the 6 months before the course (register)'),
          slut: loc('kontakter i de 6 måneder efter forløbet (register)', 'contacts in the 6 months after the course (register)'),
        },
      },
    ],
  };
}

export function periodList(o: Pick<RolloutSimOptions, 'firstYear' | 'years' | 'periods'>): { id: string; from: string; to: string }[] {
  const out: { id: string; from: string; to: string }[] = [];
  for (let y = o.firstYear; y < o.firstYear + o.years; y++) {
    if (o.periods === 'year') out.push({ id: String(y), from: `${y}-01-01`, to: `${y}-12-31` });
    else out.push({ id: `${y}H1`, from: `${y}-01-01`, to: `${y}-06-30` }, { id: `${y}H2`, from: `${y}-07-01`, to: `${y}-12-31` });
  }
  return out;
}

export interface ContractFiles {
  readonly trialResults: string;
  readonly trialResultsSha256: string;
  readonly businessCase: string | null;
}

export function sampleContract(o: RolloutSimOptions, files: ContractFiles): Record<string, unknown> {
  return {
    $schema: '../../schemas/rollout-contract.schema.json',
    id: 'peer-rollout-syd',
    title: loc('Social investering: peer-forløbet i 10 kommuner (syntetisk)', 'Social investment: the peer course in 10 municipalities (synthetic)'),
    synthetic: true,
    currency: 'DKK',
    parties: { fund: 'Den Sociale Investeringsfond (synthetic)', partnership: 'Peer-Partnerskabet (synthetic)', agency: 'Social- og Boligstyrelsen (synthetic)' },
    trialResults: { file: files.trialResults, sha256: files.trialResultsSha256 },
    visits: { baseline: 'baseline', followUp: 'slut' },
    municipalities: o.municipalities.map((m) => ({ id: m.name, code: m.code })),
    paymentMetrics: [
      {
        id: 'personal-recovery',
        name: loc('Personlig recovery', 'Personal recovery'),
        definition: loc('QPR-15 forbedret med mindst 5 point fra forløbets start til dets afslutning', 'QPR-15 improved by at least 5 points from the start to the end of the course'),
        rule: { type: 'change', outcome: 'qpr15', threshold: 5 },
        pricePerOutcome: 24000,
        counterfactual: { source: 'trial', resultsMetric: 'qpr15-responder' },
        scenarioEffect: 'personal-recovery',
      },
      {
        id: 'life-satisfaction',
        name: loc('Højere livstilfredshed', 'Higher life satisfaction'),
        definition: loc('MANSA forbedret med mindst 0,5 point fra forløbets start til dets afslutning', 'MANSA improved by at least 0.5 points from the start to the end of the course'),
        rule: { type: 'change', outcome: 'mansa', threshold: 0.5 },
        pricePerOutcome: 24000,
        counterfactual: { source: 'trial', resultsMetric: 'mansa-responder' },
        scenarioEffect: 'life-satisfaction',
      },
      {
        id: 'less-psychiatric-contact',
        name: loc('Mindre kontakt med psykiatrien', 'Less contact with psychiatry'),
        definition: loc('Mindst 1 kontakt færre med psykiatrien i de 6 måneder efter forløbet end i de 6 måneder før (register)', 'At least 1 fewer contact with psychiatry in the 6 months after the course than in the 6 months before (register)'),
        rule: { type: 'change', outcome: 'psych_contacts', threshold: 1, direction: 'lower-is-better' },
        pricePerOutcome: 24000,
        counterfactual: { source: 'fixed', rate: 0.33, lower: 0.27, upper: 0.4, reference: 'Assumed, not public: share with fewer register contacts after than before among comparable citizens without the course (regression to the mean). Replace with a register study before signing.' },
        cap: 900000,
        scenarioEffect: 'less-psychiatric-contact',
      },
    ],
    counterfactualBound: 'estimate',
    limits: { floor: 0, cap: 2326560 },
    carryOver: 'deficit',
    periods: periodList(o),
    investor: { name: 'Den Sociale Investeringsfond (synthetic)', prefinancingPerCitizen: 8813, paymentLagPeriods: 1 },
    ...(files.businessCase ? { businessCase: { scenario: files.businessCase } } : {}),
    confLevel: 0.95,
  };
}
