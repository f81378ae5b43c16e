/**
 * Parameters of the synthetic IPS twin, calibrated to the Danish IPS trial (Christensen et al.,
 * JAMA Psychiatry 2019;76(12):1232–1240, and its 30-month register follow-up): 720 adults with
 * severe mental illness randomised 1:1:1 to IPS, IPS enhanced with cognitive remediation and
 * work-related social-skills training (IPSE) or service as usual (SAU) at three sites.
 *
 * Published targets (per arm IPS / IPSE / SAU):
 *   competitive employment or education at any time within 18 months (week 78): 59.9 / 59.1 / 46.5 %
 *   … within 30 months (week 130): 65 / 65 / 53 %
 *   weeks in competitive work over the 30 months: 25 / 21 / 17
 *
 * Everything else is ASSUMED (not public here) and only has to be plausible: the register status
 * codes and their baseline mix, the share of first starts that are education rather than work,
 * spell lengths, the disability-pension and death/emigration rates, ages, sex and site sizes.
 * The hazards below were tuned by simulating 40,000 participants per arm (see
 * docs/ips-twin.md); test/data/simulate/ips-calibration.test.ts holds the published figures.
 */
import type { MultiStateModel, Piece } from './multi-state.ts';

export const ipsStatuses = ['cash_benefit', 'sick_leave', 'other_benefit', 'self_support', 'employed', 'education', 'disability_pension'] as const;
export type IpsStatus = (typeof ipsStatuses)[number];

export interface IpsSite {
  readonly name: string;
  readonly n: number;
}

export interface IpsSimulationOptions {
  readonly seed: number;
  readonly sites: readonly IpsSite[];
  /** Arm labels; the last is the reference (service as usual). */
  readonly arms: readonly string[];
  /** Exact arm totals to reach; null = whatever the blocks give. */
  readonly armTotals: readonly number[] | null;
  readonly blockSizes: readonly number[];
  /** Follow-up in weeks after randomisation (week 0 = the week of randomisation). */
  readonly weeks: number;
  /** Status in the week of randomisation (shares sum to 1; nobody is in work or education). */
  readonly baselineStatus: Readonly<Partial<Record<IpsStatus, number>>>;
  readonly age: { readonly mean: number; readonly sd: number; readonly min: number; readonly max: number };
  readonly femaleShare: number;
  readonly model: MultiStateModel;
}

export const IPS_DEFAULT_SEED = 13;

/**
 * Hazard ratio of the IPS arms on starting work or education: while the employment specialists
 * support them (18 months, weeks 1–78), then a smaller lasting effect (skills, contacts, the
 * specialists' follow-along support for those already placed).
 */
const ipsStartHr = (during: number): Piece[] => [
  { fromWeek: 1, hr: during },
  { fromWeek: 79, hr: 1.4 },
];

/** Every arm's start hazards fall as follow-up goes on (the motivation that brought people into the trial fades). */
const fading: Piece[] = [
  { fromWeek: 1, hr: 1 },
  { fromWeek: 27, hr: 0.7 },
  { fromWeek: 79, hr: 0.43 },
];

const notEngaged = { cash_benefit: 1, sick_leave: 0.45, other_benefit: 0.8, self_support: 0.9 } as const;

/** Hazards tuned to the published figures (simulating 40,000 per arm gives 60.2 / 59.0 / 46.7 %, 65.6 / 64.3 / 53.3 %, 25.1 / 20.8 / 17.2 weeks). */
export const ipsModel: MultiStateModel = {
  states: ipsStatuses,
  exitRate: 0.00012, // ≈ 1.5 % die or emigrate over 130 weeks (assumed)
  transitions: [
    // Into competitive work: the frailty z (employability) carries most of the heterogeneity.
    { to: 'employed', from: notEngaged, rate: 0.00765, coef: { z: 1.4 }, time: fading, armHr: { IPS: ipsStartHr(1.81), IPSE: ipsStartHr(1.77) } },
    // Into ordinary education: mostly the young (≈ 22 % of the IPS arms ever study, assumed).
    { to: 'education', from: notEngaged, rate: 0.00132, coef: { z: 0.7, young: 1.1 }, time: fading, armHr: { IPS: ipsStartHr(1.81), IPSE: ipsStartHr(1.77) } },
    { to: 'disability_pension', from: { cash_benefit: 1, sick_leave: 1.6, other_benefit: 1.2 }, rate: 0.00045, coef: { z: -0.6 } },
    // Moves between the benefits and self-support.
    { to: 'sick_leave', from: { cash_benefit: 1, other_benefit: 0.7, employed: 0.3 }, rate: 0.006 },
    { to: 'other_benefit', from: { cash_benefit: 1, sick_leave: 1.5 }, rate: 0.004 },
    { to: 'cash_benefit', from: { sick_leave: 1, other_benefit: 0.4, self_support: 1 }, rate: 0.03 },
    { to: 'self_support', from: { cash_benefit: 1, other_benefit: 1 }, rate: 0.0015 },
    // Job loss: spells stabilise with time; IPS's follow-along support keeps jobs longer than IPSE's
    // (the same share ever works in both arms, but IPSE works fewer weeks: 21 vs 25).
    {
      to: 'cash_benefit',
      from: { employed: 1 },
      rate: 0.07,
      coef: { z: -0.3 },
      duration: [
        { fromWeek: 1, hr: 1 },
        { fromWeek: 13, hr: 0.55 },
        { fromWeek: 52, hr: 0.35 },
      ],
      armHr: { IPS: [{ fromWeek: 1, hr: 0.87 }], IPSE: [{ fromWeek: 1, hr: 1.15 }] },
    },
    { to: 'education', from: { employed: 1 }, rate: 0.001 },
    // Leaving education: drop-out to benefits, or a job.
    { to: 'cash_benefit', from: { education: 1 }, rate: 0.012, coef: { z: -0.3 } },
    { to: 'employed', from: { education: 1 }, rate: 0.004, coef: { z: 0.5 } },
  ],
};

export function ipsOptions(overrides: Partial<IpsSimulationOptions> = {}): IpsSimulationOptions {
  return {
    seed: IPS_DEFAULT_SEED,
    // Three sites; their names and sizes are assumed (not modelled on the trial's real split).
    sites: [
      { name: 'Site A', n: 300 },
      { name: 'Site B', n: 240 },
      { name: 'Site C', n: 180 },
    ],
    arms: ['IPS', 'IPSE', 'SAU'],
    armTotals: [240, 240, 240],
    blockSizes: [3, 6],
    weeks: 130,
    baselineStatus: { cash_benefit: 0.55, sick_leave: 0.15, other_benefit: 0.25, self_support: 0.05 },
    age: { mean: 32, sd: 9, min: 18, max: 60 },
    femaleShare: 0.4,
    model: ipsModel,
    ...overrides,
  };
}
