/**
 * The synthetic roll-out's people: groups over the years (own groups and groups shared by
 * neighbours), citizens with item-level QPR-15 and MANSA answers at the start and end of the
 * course, attendance, dropout and register counts of psychiatric contacts in the six months
 * before and after. Latent model per citizen: L₀ ~ N(0, 1) at the start; at the end
 * L₁ = 0.55·L₀ + √(1 − 0.55²)·ε + δ (δ = the common effect + the municipality's shift), items
 * y_j = round(μ + σ(√ρ·L + √(1 − ρ)·e_j)) clamped to the item range. Contacts: λ ~ Gamma(1, 2)
 * per citizen, Poisson(λ) before and Poisson(0.7·λ) after (a gamma–Poisson, many zeros).
 */
import { createRng, type Rng } from '../../stats/random/rng.ts';
import type { RolloutSimOptions } from './options.ts';

export interface SimGroup {
  readonly id: string;
  readonly start: string;
  readonly end: string;
  readonly period: string;
  readonly host: number;
}

export interface SimCitizen {
  readonly pid: string;
  readonly municipality: number;
  readonly group: SimGroup;
  readonly age: number;
  readonly sex: 'kvinde' | 'mand';
  readonly sessions: number;
  readonly dropout: 'none' | 'with-row' | 'no-row';
  readonly reason: string | null;
  readonly baseline: { readonly qpr: readonly (number | null)[]; readonly mansa: readonly (number | null)[] };
  readonly end: { readonly qpr: readonly (number | null)[]; readonly mansa: readonly (number | null)[] };
  readonly contactsBefore: number;
  readonly contactsAfter: number;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const REASONS = ['flyttet', 'ønsker ikke at deltage', 'ikke mødt op', 'indlagt'];
const QPR = { items: 15, min: 0, max: 4, mean: 2.0, sd: 1.0, rho: 0.5 };
const MANSA = { items: 12, min: 1, max: 7, mean: 4.0, sd: 1.3, rho: 0.4 };
const COURSE_DAYS = 70; // 11 weekly sessions: first to last is 10 weeks

export function isoDay(year: number, dayOfYear: number): string {
  return new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function periodOfDate(iso: string, cut: RolloutSimOptions['periods']): string {
  const y = iso.slice(0, 4);
  if (cut === 'year') return y;
  return Number(iso.slice(5, 7)) <= 6 ? `${y}H1` : `${y}H2`;
}

function items(rng: Rng, scale: typeof QPR, latent: number, missing: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let j = 0; j < scale.items; j++) {
    const y = Math.round(scale.mean + scale.sd * (Math.sqrt(scale.rho) * latent + Math.sqrt(1 - scale.rho) * rng.normal()));
    out.push(rng.uniform() < missing ? null : Math.min(scale.max, Math.max(scale.min, y)));
  }
  return out;
}

function poisson(rng: Rng, lambda: number): number {
  // Inversion: fine for the small means of contact counts.
  let k = 0;
  let p = Math.exp(-lambda);
  let s = p;
  const u = rng.uniform();
  while (u > s && k < 1000) {
    k++;
    p *= lambda / k;
    s += p;
  }
  return k;
}

function pseudonym(rng: Rng, taken: Set<string>): string {
  for (;;) {
    let s = 'R';
    for (let i = 0; i < 7; i++) s += ALPHABET[rng.int(ALPHABET.length)];
    if (!taken.has(s)) {
      taken.add(s);
      return s;
    }
  }
}

/** Groups of all years: each municipality's own, then one shared group per neighbour pair a year. */
export function simulateGroups(o: RolloutSimOptions): { group: SimGroup; members: number[] }[] {
  const rng = createRng(o.seed).fork('groups');
  const out: { group: SimGroup; members: number[] }[] = [];
  for (let y = 0; y < o.years; y++) {
    const year = o.firstYear + y;
    o.municipalities.forEach((m, mi) => {
      const jitter = rng.int(7);
      for (let g = 0; g < o.groupsPerYear; g++) {
        // Starts spread from early January to early October, so every group ends within its year.
        const start = isoDay(year, 7 + jitter + Math.round((g * 270) / Math.max(1, o.groupsPerYear - 1)));
        const end = addDays(start, COURSE_DAYS);
        const id = `${m.tag}-${year}-${String(g + 1).padStart(2, '0')}`;
        out.push({ group: { id, start, end, period: periodOfDate(end, o.periods), host: mi }, members: Array.from({ length: o.groupSize }, () => mi) });
      }
    });
    for (const [a, b] of o.neighbours) {
      const start = isoDay(year, 100 + rng.int(20));
      const end = addDays(start, COURSE_DAYS);
      const ma = o.municipalities[a];
      const mb = o.municipalities[b];
      const half = Math.floor(o.groupSize / 2);
      out.push({ group: { id: `${ma.tag}${mb.tag}-${year}-F`, start, end, period: periodOfDate(end, o.periods), host: a }, members: [...Array.from({ length: half }, () => a), ...Array.from({ length: o.groupSize - half }, () => b)] });
    }
  }
  return out;
}

export function simulateCitizens(o: RolloutSimOptions): SimCitizen[] {
  const groups = simulateGroups(o);
  // One stream for everyone (creating a generator costs ~2 ms: a national-scale bench has 30,000 groups).
  const rng = createRng(o.seed).fork('citizens');
  const taken = new Set<string>();
  const out: SimCitizen[] = [];
  groups.forEach(({ group, members }) => {
    for (const mi of members) {
      const m = o.municipalities[mi];
      const l0 = rng.normal();
      const lm0 = 0.6 * l0 + 0.8 * rng.normal();
      const u = rng.uniform();
      const dropout: SimCitizen['dropout'] = u < o.dropout * o.dropoutWithoutRow ? 'no-row' : u < o.dropout ? 'with-row' : 'none';
      const l1 = 0.55 * l0 + Math.sqrt(1 - 0.55 ** 2) * rng.normal() + o.effect.qpr + m.effectShift;
      const lm1 = 0.55 * lm0 + Math.sqrt(1 - 0.55 ** 2) * rng.normal() + o.effect.mansa + m.effectShift;
      const lambda = rng.gamma(1, 2);
      const qpr0 = items(rng, QPR, l0, o.itemMissing);
      const mansa0 = items(rng, MANSA, lm0, o.itemMissing);
      const qpr1 = items(rng, QPR, l1, o.itemMissing);
      const mansa1 = items(rng, MANSA, lm1, o.itemMissing);
      const completed = dropout === 'none';
      out.push({
        pid: pseudonym(rng, taken),
        municipality: mi,
        group,
        age: 18 + rng.int(58),
        sex: rng.uniform() < 0.62 ? 'kvinde' : 'mand',
        sessions: completed ? 6 + rng.int(6) : rng.int(6),
        dropout,
        reason: completed ? null : REASONS[rng.int(REASONS.length)],
        baseline: { qpr: qpr0, mansa: mansa0 },
        end: completed ? { qpr: qpr1, mansa: mansa1 } : { qpr: qpr1.map(() => null), mansa: mansa1.map(() => null) },
        contactsBefore: poisson(rng, lambda),
        contactsAfter: poisson(rng, lambda * 0.7),
      });
    }
  });
  return out;
}
