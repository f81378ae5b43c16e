/** The work of `effekt settlement-precision` (options: settlement-precision.ts). */
import { loadContract } from '../../rollout/contract/load.ts';
import { settlementPrecision, spreadCitizens } from '../../rollout/precision/precision.ts';
import type { PrecisionResult } from '../../rollout/precision/types.ts';
import { CliError } from '../errors.ts';
import { parseNumberOption, parsePositiveInt } from '../options.ts';
import { printLines, printOut } from '../ui/terminal.ts';

export interface PrecisionCliOptions {
  contract: string;
  municipality: string;
  citizens?: string;
  citizensPerPeriod?: string;
  rate?: string[];
  dropout?: string;
  amount?: string;
  draws?: string;
  seed?: string;
  json?: boolean;
}

export function parseRates(list: readonly string[] = []): Record<string, number> {
  const out: Record<string, number> = Object.create(null);
  for (const item of list) {
    const m = /^([^=]+)=(.+)$/.exec(item);
    if (!m) throw new CliError(`--rate must look like metric=share, e.g. less-psychiatric-contact=0.45, got "${item}"`);
    out[m[1].trim()] = parseNumberOption(m[2], `--rate ${m[1].trim()}`, true) as number;
  }
  return out;
}

const kr = (x: number) => `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(x)} DKK`;
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export function precisionSummaryLines(r: PrecisionResult): string[] {
  const s = r.simulation;
  const e = r.exact;
  const counts = Object.entries(r.citizensPerPeriod);
  const total = counts.reduce((a, [, n]) => a + n, 0);
  const lines = [
    `Settlement precision: ${r.municipality} under ${r.contract.id} (${r.contract.file}), ${total} citizens over ${counts.length} periods (${counts.map(([p, n]) => `${p} ${n}`).join(', ')}), dropout ${pct(r.dropout)}`,
    ...r.metrics.map((m) => `  ${m.id}: ${pct(m.achievementRate)} achieve with the course (${m.rateSource}) → ${pct(m.perCitizen)} per citizen; counterfactual ${pct(m.counterfactual)}; ${kr(m.pricePerOutcome)} each`),
    'Total payment over the contract:',
    `  simulation (${s.draws} draws, seed ${s.seed}): mean ${kr(s.mean)} (Monte Carlo SE ${kr(s.mcseMean)}), SD ${kr(s.sd)}, 5–95 %: ${kr(s.q05)} to ${kr(s.q95)}`,
  ];
  if (e) lines.push(`  exact (${e.method}): mean ${kr(e.mean)}, SD ${kr(e.sd)}, 5–95 %: ${kr(e.q05)} to ${kr(e.q95)}`);
  if (r.amount !== null && s.pExceeds !== null) lines.push(`  P(payment > ${kr(r.amount)}): ${pct(s.pExceeds)} (simulation)${e && e.pExceeds !== null ? `, ${pct(e.pExceeds)} (exact)` : ''}`);
  if (r.crossCheck) lines.push(`Cross-check: ${r.crossCheck.agrees ? 'simulation and exact agree' : 'DISAGREE'} (mean z = ${r.crossCheck.meanZ.toFixed(2)}${r.crossCheck.pExceedsZ === null ? '' : `, P z = ${r.crossCheck.pExceedsZ.toFixed(2)}`})`);
  for (const a of r.assumptions) lines.push(`Assumption: ${a}`);
  for (const w of r.warnings) lines.push(`Note: ${w}`);
  return lines;
}

export async function runSettlementPrecision(o: PrecisionCliOptions): Promise<void> {
  const contract = loadContract(o.contract);
  const T = contract.periods.length;
  if ((o.citizens === undefined) === (o.citizensPerPeriod === undefined)) throw new CliError('give either --citizens <total> or --citizens-per-period <n,n,…> (one number per contract period)');
  const perPeriod =
    o.citizens !== undefined
      ? spreadCitizens(parsePositiveInt(o.citizens, '--citizens'), T)
      : (o.citizensPerPeriod as string).split(',').map((x) => {
          const n = Number(x.trim());
          if (!Number.isInteger(n) || n < 0) throw new CliError(`--citizens-per-period must be whole numbers, got "${x.trim()}"`);
          return n;
        });
  const seed = o.seed === undefined ? 2025 : parsePositiveInt(o.seed, '--seed');
  const result = settlementPrecision(contract, {
    municipality: o.municipality,
    citizensPerPeriod: perPeriod,
    achievementRates: parseRates(o.rate),
    dropout: parseNumberOption(o.dropout, '--dropout', true) ?? 0,
    amount: parseNumberOption(o.amount, '--amount') ?? null,
    draws: o.draws === undefined ? 20_000 : parsePositiveInt(o.draws, '--draws'),
    seed,
  });
  if (o.json) printOut(`${JSON.stringify(result, null, 2)}\n`);
  else printLines(precisionSummaryLines(result));
}
