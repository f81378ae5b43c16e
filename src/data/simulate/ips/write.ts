/**
 * The IPS twin as a CSV file in long format: one row per participant × week (0…W) while the
 * participant is in the registers, with the participant's site, arm, age and sex repeated on
 * every row (as in any long trial file) and the week's register status code.
 */
import { writeCsv, standardDialect, type CsvValue } from '../../write/csv.ts';
import { simulateIpsTrial, type IpsTrial } from './simulate.ts';
import { ipsOptions, type IpsSimulationOptions } from './options.ts';

export const ipsHeader = ['participant_id', 'site', 'arm', 'age', 'sex', 'week', 'status'] as const;

/** The options for `effekt simulate ips`: the calibrated defaults, another seed, or another size (sites scaled, totals free). */
export function ipsRecipe(seed?: number, participants?: number): IpsSimulationOptions {
  const base = ipsOptions(seed === undefined ? {} : { seed });
  if (participants === undefined) return base;
  const sum = base.sites.reduce((a, s) => a + s.n, 0);
  const sizes = base.sites.map((s) => Math.max(1, Math.floor((s.n * participants) / sum)));
  sizes[0] += participants - sizes.reduce((a, b) => a + b, 0);
  return { ...base, sites: base.sites.map((s, i) => ({ name: s.name, n: sizes[i] })), armTotals: null };
}

export function ipsRows(trial: IpsTrial): CsvValue[][] {
  const rows: CsvValue[][] = [];
  for (const p of trial.participants) p.statuses.forEach((status, week) => rows.push([p.id, p.site, p.arm, p.age, p.sex, week, status]));
  return rows;
}

export function generateIps(options: IpsSimulationOptions): { trial: IpsTrial; bytes: Uint8Array } {
  const trial = simulateIpsTrial(options);
  return { trial, bytes: writeCsv(ipsHeader, ipsRows(trial), standardDialect) };
}
