/** What `effekt economics` does once its arguments are parsed (loaded only when the command runs). */
import { loadAnyScenario, type LoadedScenario } from '../../economics/employment/load.ts';
import { readFileSync } from 'node:fs';
import { linkResults, resolveResultsFile } from '../../economics/link/from-results.ts';
import type { AnalysisResults } from '../../analysis/results/types.ts';
import { runEconomics, type EconomicsResult } from '../../economics/run.ts';
import { writeEconomics } from '../../economics/write.ts';
import { createProgress, type Progress } from '../ui/progress.ts';
import { parsePositiveInt } from '../options.ts';
import { CliError } from '../errors.ts';
import { printLines, printOut } from '../ui/terminal.ts';
import { checkOutputLocation } from '../../data/io/output-folder.ts';

const MAX_DRAWS = 10_000_000;
const MAX_SEED = 4_294_967_295;

export interface EconomicsCliOptions {
  readonly scenario: string;
  readonly results?: string;
  readonly out?: string;
  readonly draws?: string;
  readonly seed?: string;
  readonly quiet?: boolean;
}

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
  const e = r.employment;
  if (e) {
    const weeks = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1));
    out(`Employment: ${weeks(e.weeksUsed.offBenefit)} weeks off cash benefit and ${weeks(e.weeksUsed.inWork)} weeks in work gained per participant; the municipality saves ${kr(e.buildUp.municipalPerWeek.offBenefit)} per week off benefit and ${kr(e.buildUp.municipalPerWeek.inWork)} per week in work`);
    out(`Break-even: ${weeks(e.breakEven.weeksOffBenefit)} weeks off cash benefit per participant (municipality); investor repaid at ${e.breakEven.pricePerStartInvestorRepaid === null ? 'n/a' : kr(e.breakEven.pricePerStartInvestorRepaid)} per start, or a net start rate of ${e.breakEven.netStartRateInvestorRepaid === null ? 'n/a' : pct(e.breakEven.netStartRateInvestorRepaid)}`);
  }
}

/**
 * `preloaded`: the scenario file already loaded (and so checked) by the caller — `effekt run`
 * checks it before the analysis. `onFinal` is given the result as soon as it is computed, before
 * it is written (effekt run starts drawing the report's economics charts then).
 */
export async function runEconomicsCommand(opts: EconomicsCliOptions, progress: Progress = createProgress({ quiet: opts.quiet }), preloaded?: LoadedScenario, onFinal?: (result: EconomicsResult) => void): Promise<EconomicsResult> {
  const inputs = [opts.scenario, ...(opts.results ? [opts.results] : [])];
  if (opts.out) checkOutputLocation(opts.out, { command: 'economics', inputs });
  const loaded = preloaded ?? loadAnyScenario(opts.scenario);
  let scenario = loaded.scenario;
  let link = null;
  if (opts.results) ({ scenario, link } = linkResults(scenario, opts.results));
  // The same bounds as the scenario's psa block (schemas/economics-scenario.schema.json).
  const draws = opts.draws === undefined ? undefined : parsePositiveInt(opts.draws, '--draws');
  const seed = opts.seed === undefined ? undefined : parsePositiveInt(opts.seed, '--seed');
  if (draws !== undefined && draws > MAX_DRAWS) throw new CliError(`--draws must be at most ${MAX_DRAWS}, got ${draws}`);
  if (seed !== undefined && seed > MAX_SEED) throw new CliError(`--seed must be at most ${MAX_SEED}, got ${seed}`);
  const stage = progress.stage('economics');
  const result = runEconomics(scenario, { link, draws, seed, onProgress: stage.update, employment: loaded.employment });
  stage.end(`${result.psa.draws} PSA draws`);
  onFinal?.(result);
  printEconomicsSummary(result, (l) => printLines([l]));
  if (opts.out) {
    // Linked to trial results, the tables are published through the disclosure stage: figures
    // scaled from an effect rate that rests on a count of 1–4 would give the count back.
    let tables;
    if (opts.results && result.link) {
      const { publish } = await import('../../report/disclosure/publish.ts');
      // Older or partial results files (economics needs only effectRates): absent sections hold no counts.
      const empty = { arms: [], consort: {}, baseline: [], outcomes: [], effectRates: [], safety: [], events: [], subgroups: [], tippingPoints: [] };
      const results = { ...empty, ...(JSON.parse(readFileSync(resolveResultsFile(opts.results), 'utf8')) as Partial<AnalysisResults>) } as AnalysisResults;
      const model = publish(results, result);
      if (model.economics === null) {
        tables = [];
        printOut(`Note: the economics tables are not written: the effect rate of ${model.economicsWithheld.join(', ')} rests on a count of 1–4 in the trial results (economics.json keeps every figure for the analyst)\n`);
      }
    }
    const files = await writeEconomics(opts.out, result, { inputs, tables });
    printOut(`Wrote ${files.length} files to ${opts.out}\n`);
  }
  return result;
}
