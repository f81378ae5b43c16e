/**
 * `effekt economics --scenario <file> [--results <dir|results.json>] [--out <dir>]`:
 * the municipal business case, the investor settlement, the PSA and the tornado.
 */
import type { Command } from 'commander';
import { printOut } from '../ui/terminal.ts';
import { loadScenario } from '../../economics/scenario/load.ts';
import { linkResults } from '../../economics/link/from-results.ts';
import { runEconomics, type EconomicsResult } from '../../economics/run.ts';
import { writeEconomics } from '../../economics/write.ts';
import { progressBar } from '../ui/progress.ts';
import { parsePositiveInt } from '../options.ts';
import { CliError } from '../errors.ts';
import { checkOutputLocation } from '../../data/io/output-folder.ts';

const MAX_DRAWS = 10_000_000;
const MAX_SEED = 4_294_967_295;

const kr = (x: number) => `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(x)} DKK`;
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

export function printEconomicsSummary(r: EconomicsResult, out: (line: string) => void): void {
  const bc = r.businessCase;
  out(`Scenario: ${r.scenario.title.en}`);
  if (r.link) out(`Effect rates from: ${r.link.resultsFile} (${r.link.linked.map((l) => `${l.metric} ${pct(l.rate)} ± ${pct(l.se)}`).join('; ')})`);
  out(`Participants: ${bc.participants} (${bc.participantsPerYear} a year for ${r.scenario.programme.years} years); discount rate ${pct(r.scenario.discountRate)}`);
  out(`Cost per citizen: ${kr(bc.costPerCitizenDiscounted)}`);
  out(`Effect-adjusted saving per citizen: ${kr(bc.savingPerCitizen)} (social ${kr(bc.savingPerCitizenByAdministration.social)}, health ${kr(bc.savingPerCitizenByAdministration.health)}, employment ${kr(bc.savingPerCitizenByAdministration.employment)})`);
  out(`Net per citizen: ${kr(bc.netPerCitizen)}; total net over the horizon: ${kr(bc.totalNet)}`);
  for (const [k, v] of Object.entries(bc.breakEvenEffectRates ?? {})) out(`Break-even net effect rate (${k}): ${pct(v)}`);
  out(`Break-even cost per citizen: ${kr(bc.breakEvenCostPerCitizen)}; payback year: ${bc.paybackYear ?? 'not within the horizon'}`);
  const st = r.settlement;
  out(`Investor: pre-finances ${kr(st.totalPrefinancing)}, outcome payments ${kr(st.totalPayments)}${st.limitApplied ? ` (${st.limitApplied} applied)` : ''}, return ${kr(st.investorReturn)}, IRR ${st.irr === null ? 'n/a' : pct(st.irr)}`);
  out(`PSA (${r.psa.draws} draws, seed ${r.psa.seed}): P(net saving > 0) = ${pct(r.psa.probabilityNetSaving)}; P(investor repaid in full) = ${pct(r.psa.probabilityInvestorRepaid)}; total net 95 % interval ${kr(r.psa.totalNet.lower)} to ${kr(r.psa.totalNet.upper)}`);
  if (r.link && r.scenario.published) out('Published base-case figures are not compared: they assume the scenario’s own effect rate, not the trial’s.');
  for (const p of r.published) out(`Published ${p.figure}: ${p.published} — computed ${p.rounded} ${p.matches ? '✓' : '✗ MISMATCH'}`);
}

export function registerEconomics(program: Command): void {
  program
    .command('economics')
    .description('Municipal business case (SØM-style), social-investment settlement and probabilistic sensitivity analysis')
    .requiredOption('--scenario <file>', 'economics scenario (JSON)')
    .option('--results <path>', "folder or results.json from 'effekt analyze': take the effect rates from the trial")
    .option('--out <dir>', 'write economics.json, CSV tables and economics.xlsx here')
    .option('--draws <n>', 'PSA draws (default: the scenario’s, 10000)')
    .option('--seed <n>', 'PSA seed (default: the scenario’s)')
    .action(async (opts: { scenario: string; results?: string; out?: string; draws?: string; seed?: string }) => {
      if (opts.out) checkOutputLocation(opts.out, { command: 'economics', inputs: [opts.scenario, ...(opts.results ? [opts.results] : [])] });
      let scenario = loadScenario(opts.scenario);
      let link = null;
      if (opts.results) ({ scenario, link } = linkResults(scenario, opts.results));
      // The same bounds as the scenario's psa block (schemas/economics-scenario.schema.json).
      const draws = opts.draws === undefined ? undefined : parsePositiveInt(opts.draws, '--draws');
      const seed = opts.seed === undefined ? undefined : parsePositiveInt(opts.seed, '--seed');
      if (draws !== undefined && draws > MAX_DRAWS) throw new CliError(`--draws must be at most ${MAX_DRAWS}, got ${draws}`);
      if (seed !== undefined && seed > MAX_SEED) throw new CliError(`--seed must be at most ${MAX_SEED}, got ${seed}`);
      const bar = progressBar('PSA');
      const result = runEconomics(scenario, { link, draws, seed, onProgress: bar.update });
      bar.stop();
      printEconomicsSummary(result, (l) => printOut(`${l}\n`));
      if (opts.out) {
        const files = await writeEconomics(opts.out, result, { inputs: [opts.scenario, ...(opts.results ? [opts.results] : [])] });
        printOut(`Wrote ${files.length} files to ${opts.out}\n`);
      }
    });
}
