/**
 * `effekt rollout ingest <files...> --spec <spec> --store <file>`: each file all or nothing, in
 * the order given (read and validated ahead on worker threads; consecutive files that only add
 * share a transaction, up to EFFEKT_INGEST_GROUP_FILES = 32 — group-commit.ts); the first file
 * that fails stops the run (the files before it stay ingested, it and those after it are not)
 * and is named with every problem found.
 * Progress (stderr): one stage per file — its step on a terminal, one line when it is in.
 */
import { loadRolloutSpec } from '../../rollout/spec/load.ts';
import { openStore } from '../../rollout/store/store.ts';
import { ingestFiles } from '../../rollout/ingest/ingest.ts';
import { printLines } from '../ui/terminal.ts';
import { createProgress, type Stage } from '../ui/progress.ts';
import { storeOptions } from './rollout-options.ts';

export async function rolloutIngest(files: readonly string[], opts: { spec: string; store: string; wait?: string; quiet?: boolean }): Promise<void> {
  const progress = createProgress({ quiet: opts.quiet });
  const spec = loadRolloutSpec(opts.spec);
  const store = await openStore(opts.store, storeOptions(opts.wait));
  let done = 0;
  // Files that share a commit are all taken before any is in: their stages end in order at the commit.
  const stages: Stage[] = [];
  try {
    await ingestFiles(store, spec, files, {
      onFile: (file) => {
        stages.push(progress.stage(`ingest ${file}`));
      },
      onStage: (step) => stages.at(-1)?.note(step),
      onIngested: (r) => {
        stages.shift()?.end();
        const file = files[done++];
        printLines([r.status === 'duplicate'
          ? `${file}: already ingested (ingest #${r.ingestId}, same SHA-256): nothing changed`
          : `${file}: ingest #${r.ingestId}: ${r.rowsInFile} rows (${r.rowsAdded} added, ${r.rowsChanged} changed, ${r.rowsUnchanged} unchanged; ${r.fieldsChanged} fields audited), ${r.citizensAdded} new citizens, ${r.groupsAdded} new groups, periods ${r.periods.join(', ')}`]);
      },
    });
  } catch (e) {
    if (done > 0 || files.length > 1) printLines([`Stopped at ${files[done]}: ${done} file(s) before it were ingested; it and the ${files.length - done - 1} after it were not.`], 'err');
    throw e;
  } finally {
    store.close();
  }
}
