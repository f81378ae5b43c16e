/**
 * The synthetic twin: participant-level data shaped like the PEER trial (see options.ts for
 * every parameter). The generative model, per participant i:
 *   severity group (25 / 50 / 25 %) → general recovery R_0 (unit variance, lower when severe);
 *   R_end = 0.45·R_0 + 0.89·ε + trend, R_fu = 0.7·R_end + 0.71·ε;
 *   per instrument and visit, L = λ·R_v + √(1−λ²)·U_v with U an AR(1) (0.6) instrument factor,
 *   plus the arm's effect after baseline; items from L (scales.ts).
 * Dropout is missing at random given baseline: logit P(miss end) = a + b·(−R_0) + c·[severe];
 * most who miss the end also miss the follow-up, a few return (intermittent). Single items are
 * left blank now and then. Sessions: PEER only. Admissions and bed days: negative binomial,
 * more for the severely impaired, no arm effect.
 */
import { createRng, type Rng } from '../../stats/random/rng.ts';
import { allocate } from './allocate.ts';
import { negativeBinomial } from './counts.ts';
import { scaleModels, type ScaleModel } from './scales.ts';
import type { SimulationOptions } from './options.ts';

export type Severity = 'significantly_reduced' | 'reduced' | 'mild';

export interface SimVisit {
  readonly visit: string;
  readonly attended: boolean;
  readonly missingReason: string | null;
  readonly admissions: number;
  readonly bedDays: number;
  readonly death: 0 | 1 | null;
  readonly selfHarm: 0 | 1 | null;
  /** Item values per scale key (null = blank); empty arrays of nulls when not attended. */
  readonly items: Readonly<Record<string, readonly (number | null)[]>>;
}

export interface SimParticipant {
  readonly id: string;
  readonly site: string;
  readonly intervention: boolean;
  readonly ageExact: number;
  readonly sex: 'female' | 'male';
  readonly living: 'alone' | 'with_others';
  readonly employment: 'working' | 'education' | 'unemployed' | 'sick_leave_or_pension';
  readonly severity: Severity;
  readonly referral: 'municipality' | 'self';
  readonly sessions: number | null;
  readonly visits: readonly SimVisit[];
}

export interface SimulatedTrial {
  readonly options: SimulationOptions;
  readonly participants: readonly SimParticipant[];
  readonly allocationAttempts: number;
}

const MISSING_REASONS = ['withdrew', 'could_not_be_contacted', 'moved', 'too_unwell'] as const;

function pick<T>(rng: Rng, values: readonly T[], probs: readonly number[]): T {
  let u = rng.uniform();
  for (let i = 0; i < values.length - 1; i++) {
    if (u < probs[i]) return values[i];
    u -= probs[i];
  }
  return values[values.length - 1];
}

const expit = (x: number) => 1 / (1 + Math.exp(-x));

function items(rng: Rng, m: ScaleModel, latent: number, blankProb: number): (number | null)[] {
  const out: (number | null)[] = [];
  const common = Math.sqrt(m.rho) * latent * m.sign;
  const own = Math.sqrt(1 - m.rho);
  for (let j = 1; j <= m.items; j++) {
    const raw = Math.round(m.mean + m.sd * (common + own * rng.normal()));
    let y = Math.min(m.max, Math.max(m.min, raw));
    if (m.reverseItems.includes(j)) y = m.min + m.max - y;
    out.push(rng.uniform() < blankProb ? null : y);
  }
  return out;
}

/**
 * The participants in generation order (site by site), without identifiers: one at a time, so a
 * registry-sized cohort can be written out without holding it (stream-twin.ts). The draws are
 * the same, in the same order, as those of simulateTrial.
 */
export function* simulateParticipants(o: SimulationOptions): Generator<SimParticipant, { allocationAttempts: number }> {
  const root = createRng(o.seed);
  const siteSizes = o.sites.map((s) => s.n);
  const alloc = allocate(root.fork('allocation'), siteSizes, o.blockSizes, o.armTotals?.intervention ?? null);
  const rng = root.fork('participants');
  let index = 0;
  for (const site of o.sites) {
    for (let s = 0; s < site.n; s++, index++) {
      const intervention = alloc.arm[index] === 1;
      const severity = pick<Severity>(rng, ['significantly_reduced', 'reduced', 'mild'], [0.25, 0.5]);
      const sevShift = severity === 'significantly_reduced' ? -0.8 : severity === 'mild' ? 0.7 : 0;
      const ageExact = Math.min(75.9, Math.max(18, 38 + 12 * rng.normal()));
      const sex = rng.uniform() < 0.62 ? 'female' : 'male';
      const living = rng.uniform() < 0.55 ? 'alone' : 'with_others';
      const employment = pick(rng, ['working', 'education', 'unemployed', 'sick_leave_or_pension'] as const, [0.12, 0.1, 0.33]);
      const referral = rng.uniform() < 0.7 ? 'municipality' : 'self';
      const sessions = intervention ? (rng.uniform() < 0.08 ? 0 : Math.max(1, Math.min(10, Math.round(7.4 + 2.2 * rng.normal())))) : null;

      // General recovery over the visits.
      const r0 = sevShift + 0.75 * rng.normal();
      const recovery: number[] = [r0];
      for (let v = 1; v < o.visits.length; v++) {
        const prev = recovery[v - 1];
        recovery.push(v === 1 ? 0.45 * prev + 0.89 * rng.normal() + o.timeTrend : 0.7 * prev + 0.71 * rng.normal());
      }
      // Dropout (MAR on baseline): monotone mostly, with a few returning at the follow-up.
      const pMissEnd = expit(o.dropout.intercept + o.dropout.severitySlope * -r0 + (severity === 'significantly_reduced' ? o.dropout.significantlyReduced : 0));
      const attended: boolean[] = [true];
      for (let v = 1; v < o.visits.length; v++) {
        if (v === 1) attended.push(rng.uniform() >= pMissEnd);
        else if (!attended[v - 1]) attended.push(rng.uniform() < o.dropout.returnAtFollowUp);
        else attended.push(rng.uniform() >= expit(o.dropout.extraAtFollowUp + o.dropout.severitySlope * -r0));
      }
      // Forked only when needed: a fork is seeded from the label (it draws nothing from `rng`), and
      // building a generator per participant was a fifth of simulating a registry-sized cohort.
      let reasonRng: Rng | null = null;
      let reason: string | null = null;

      const factor: Record<string, number> = {};
      const visits: SimVisit[] = o.visits.map((visit, v) => {
        const itemValues: Record<string, (number | null)[]> = {};
        for (const m of scaleModels) {
          const u = v === 0 ? rng.normal() : 0.6 * factor[m.key] + 0.8 * rng.normal();
          factor[m.key] = u;
          const effect = intervention && v > 0 ? (o.effects[m.key] ?? 0) * (v === 1 ? 1 : o.followUpRetention) : 0;
          const latent = m.loading * recovery[v] + Math.sqrt(1 - m.loading ** 2) * u + effect;
          const generated = items(rng, m, latent, o.itemMissing);
          itemValues[m.key] = attended[v] ? generated : generated.map(() => null);
        }
        const admMean = severity === 'significantly_reduced' ? 0.55 : severity === 'reduced' ? 0.25 : 0.08;
        const admissions = negativeBinomial(rng, admMean, 0.6);
        let bedDays = 0;
        for (let a = 0; a < admissions; a++) bedDays += 1 + negativeBinomial(rng, 11, 1.5);
        if (!attended[v] && reason === null) reason = MISSING_REASONS[(reasonRng ??= rng.fork(`reason-${index}`)).int(MISSING_REASONS.length)];
        return {
          visit,
          attended: attended[v],
          missingReason: attended[v] ? null : reason,
          admissions,
          bedDays,
          death: v === 0 ? null : 0,
          selfHarm: v === 0 ? null : 0,
          items: itemValues,
        };
      });
      yield { id: '', site: site.name, intervention, ageExact, sex, living, employment, severity, referral, sessions, visits };
    }
  }
  return { allocationAttempts: alloc.attempts };
}

/**
 * Identifier ranks in generation order: participant i (site order) gets the identifier
 * P<rank + 1>, zero-padded to `idWidth`. Shuffled so that identifiers reveal neither site nor arm.
 */
export function identifierRanks(o: SimulationOptions, n: number): Int32Array {
  const order = createRng(o.seed).fork('ids');
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = order.int(i + 1);
    const t = ids[i];
    ids[i] = ids[j];
    ids[j] = t;
  }
  return ids;
}

export const idWidth = (n: number): number => Math.max(4, String(n).length);

export function simulateTrial(o: SimulationOptions): SimulatedTrial {
  const participants: SimParticipant[] = [];
  const gen = simulateParticipants(o);
  let step = gen.next();
  for (; !step.done; step = gen.next()) participants.push(step.value);
  const ids = identifierRanks(o, participants.length);
  const width = idWidth(participants.length);
  const withIds = participants.map((p, i) => ({ ...p, id: `P${String(ids[i] + 1).padStart(width, '0')}` }));
  // Same-width digit strings: this order is the order of the ranks.
  withIds.sort((a, b) => a.id.localeCompare(b.id));
  return { options: o, participants: withIds, allocationAttempts: step.value.allocationAttempts };
}
