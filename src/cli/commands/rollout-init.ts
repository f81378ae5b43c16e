/** `effekt rollout init --store <file> --contract <file>`. */
import { initStore } from '../../rollout/init.ts';
import { printLines } from '../ui/terminal.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export async function rolloutInit(opts: { store: string; contract: string }): Promise<void> {
  const r = await initStore(opts.store, opts.contract);
  const c = r.contract;
  const lines = [
    `Created ${opts.store} (store schema version ${r.schemaVersion}) with contract ${c.source.id}${c.source.synthetic ? ' (SYNTHETIC)' : ''}`,
    `Trial benchmark: ${c.trial.id} from ${c.trial.resultsFile} (SHA-256 ${c.trial.resultsSha256.slice(0, 12)}…)`,
    ...c.metrics.map((m) => `  ${m.id}: ${m.pricePerOutcome} DKK per citizen above ${pct(m.counterfactualUsed)} expected (${m.counterfactual.source === 'trial' ? `${m.counterfactual.arm} arm ${m.counterfactual.events}/${m.counterfactual.n}` : 'fixed'}, range ${pct(m.counterfactual.lower)}–${pct(m.counterfactual.upper)})`),
    `Periods: ${c.periods.map((p) => p.id).join(', ')}; municipalities: ${c.source.municipalities.length}`,
  ];
  printLines(lines);
}
