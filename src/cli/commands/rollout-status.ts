/** `effekt rollout status --store <file> [--municipality M] [--period P] [--json] [--out <dir>]`. */
import { openStore } from '../../rollout/store/store.ts';
import { rolloutStatus } from '../../rollout/status/status.ts';
import { publicStatus } from '../../report/rollout/status-public.ts';
import { statusLines } from '../../report/rollout/status-text.ts';
import { checkOutputLocation } from '../../data/io/output-folder.ts';
import { toJson } from '../../data/io/flat-table.ts';
import { printLines, printOut } from '../ui/terminal.ts';
import { storeOptions } from './rollout-options.ts';

export async function rolloutStatusCommand(opts: { store: string; municipality?: string; period?: string; json?: boolean; out?: string; wait?: string }): Promise<void> {
  if (opts.out) checkOutputLocation(opts.out, { command: 'rollout status', inputs: [opts.store] });
  const store = await openStore(opts.store, storeOptions(opts.wait));
  let status;
  try {
    status = await rolloutStatus(store, { municipality: opts.municipality, period: opts.period });
  } finally {
    store.close();
  }
  const pub = publicStatus(status);
  if (opts.json) printOut(toJson(pub));
  else printLines(statusLines(pub));
  if (opts.out) {
    // vega, vega-lite and resvg load only when the funnel plots are written.
    const { writeStatusFolder } = await import('../../report/rollout/write-status.ts');
    const files = await writeStatusFolder(opts.out, pub, [opts.store]);
    if (!opts.json) printOut(`Wrote ${files.length} files to ${opts.out}\n`);
  }
}

export { rolloutStatusCommand as rolloutStatus };
