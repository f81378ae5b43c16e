/** `effekt rollout report --store <file> --period P --out <dir> [--date YYYY-MM-DD] [--no-pdf]`. */
import { openStore } from '../../rollout/store/store.ts';
import { rolloutStatus } from '../../rollout/status/status.ts';
import { latestVersions } from '../../rollout/settle/settle.ts';
import { loadStoredContract } from '../../rollout/store/contract-tables.ts';
import { publicStatus } from '../../report/rollout/status-public.ts';
import { writeSteeringReports } from '../../report/rollout/write-steering.ts';
import { resolveReportDate } from '../../report/build-report.ts';
import { createFormatter } from '../../report/i18n/format.ts';
import { checkOutputLocation } from '../../data/io/output-folder.ts';
import { CliError } from '../errors.ts';
import { printOut } from '../ui/terminal.ts';
import { storeOptions } from './rollout-options.ts';

export async function rolloutReport(opts: { store: string; period: string; out: string; date?: string; pdf: boolean; wait?: string }): Promise<void> {
  const date = resolveReportDate(opts.date);
  if (date !== null) {
    try {
      createFormatter('en').date(date);
    } catch (e) {
      throw new CliError(`--date: ${(e as Error).message}. Fix: give the date as YYYY-MM-DD`);
    }
  }
  checkOutputLocation(opts.out, { command: 'rollout report', inputs: [opts.store] });
  const store = await openStore(opts.store, storeOptions(opts.wait));
  let status;
  let municipalities: string[];
  let settlements;
  try {
    status = await rolloutStatus(store, { period: opts.period });
    const { contract } = await loadStoredContract(store);
    municipalities = contract.source.municipalities.map((m) => m.id);
    const upTo = contract.periods.findIndex((p) => p.id === opts.period);
    const latest = await latestVersions(store);
    settlements = contract.periods.slice(0, upTo + 1).flatMap((p) => (latest.has(p.id) ? [latest.get(p.id)!.result] : []));
  } finally {
    store.close();
  }
  const { output, pdf } = await writeSteeringReports(opts.out, publicStatus(status), municipalities, settlements, { period: opts.period, date, pdf: opts.pdf, inputs: [opts.store] });
  const notice = pdf.find((p) => !p.written);
  if (notice && !notice.written) printOut(`Note: ${notice.notice}\n`);
  printOut(`Wrote the steering-group reports for ${municipalities.length} municipalities (Danish and English, ${output.files.length} files) to ${opts.out}\n`);
}
