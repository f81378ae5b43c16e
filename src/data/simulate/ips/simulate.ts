/**
 * The IPS twin: participants allocated to k arms by site-stratified permuted blocks, each with
 * a weekly register path from the multi-state model (multi-state.ts, parameters in options.ts).
 *
 * Per participant: age ~ N(mean, sd) clamped to [min, max] (young = age < 30), sex, a frailty
 * z ~ N(0, 1) (unobserved employability: the heterogeneity that makes the start rate fall over
 * follow-up as the most employable leave the pool), the status in the week of randomisation
 * from the baseline mix, then weeks 1…W from the model. Attributes come from one stream and
 * paths from another that every participant advances by exactly 2·W uniforms, so a change in
 * one participant's path never shifts another's.
 */
import { createRng, type Rng } from '../../../stats/random/rng.ts';
import { allocateArms } from '../allocate-arms.ts';
import { compileModel, simulatePath } from './multi-state.ts';
import type { IpsSimulationOptions, IpsStatus } from './options.ts';

export interface IpsParticipant {
  readonly id: string;
  readonly site: string;
  readonly arm: string;
  /** Age in whole years at randomisation. */
  readonly age: number;
  readonly sex: 'female' | 'male';
  /** Status per week 0…; shorter than weeks + 1 when the participant left the registers. */
  readonly statuses: readonly IpsStatus[];
}

export interface IpsTrial {
  readonly options: IpsSimulationOptions;
  readonly participants: readonly IpsParticipant[];
  readonly allocationAttempts: number;
}

function pick<T extends string>(rng: Rng, shares: Readonly<Partial<Record<T, number>>>): T {
  const entries = Object.entries(shares) as [T, number][];
  let u = rng.uniform();
  for (const [k, p] of entries.slice(0, -1)) {
    if (u < p) return k;
    u -= p;
  }
  return entries[entries.length - 1][0];
}

export function simulateIpsTrial(o: IpsSimulationOptions): IpsTrial {
  const root = createRng(o.seed);
  const alloc = allocateArms(root.fork('allocation'), o.sites.map((s) => s.n), o.arms.length, o.blockSizes, o.armTotals);
  const model = compileModel(o.model);
  const people: Omit<IpsParticipant, 'id'>[] = [];
  const rng = root.fork('participants');
  const paths = root.fork('paths');
  let index = 0;
  for (const site of o.sites) {
    for (let i = 0; i < site.n; i++, index++) {
      const arm = o.arms[alloc.arm[index]];
      const ageExact = Math.min(o.age.max, Math.max(o.age.min, rng.normal(o.age.mean, o.age.sd)));
      const sex = rng.uniform() < o.femaleShare ? 'female' : 'male';
      const z = rng.normal();
      const start = pick<IpsStatus>(rng, o.baselineStatus);
      const path = simulatePath(model, paths, start, { z, young: ageExact < 30 ? 1 : 0 }, arm, o.weeks);
      const statuses = Array.from(path.states, (s) => o.model.states[s] as IpsStatus);
      people.push({ site: site.name, arm, age: Math.floor(ageExact), sex, statuses });
    }
  }
  // Identifiers in a shuffled order, so that they reveal neither site nor arm.
  const order = root.fork('ids');
  const ids = Array.from({ length: people.length }, (_, i) => i);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = order.int(i + 1);
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  const width = Math.max(4, String(people.length).length);
  const participants = people.map((p, i) => ({ id: `I${String(ids[i] + 1).padStart(width, '0')}`, ...p }));
  participants.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { options: o, participants, allocationAttempts: alloc.attempts };
}
