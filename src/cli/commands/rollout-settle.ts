/** `effekt rollout settle --store <file> --period P --date YYYY-MM-DD --out <dir> [--no-pdf]`. */
import { openStore } from '../../rollout/store/store.ts';
import { settle } from '../../rollout/settle/settle.ts';
import { checkOutputLocation } from '../../data/io/output-folder.ts';
import { writeSettlementNotes } from '../../report/rollout/write-settlement.ts';
import { printLines } from '../ui/terminal.ts';
import { storeOptions } from './rollout-options.ts';

const kr = (x: number) => `${new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x)} DKK`;

export async function rolloutSettle(opts: { store: string; period: string; date: string; out: string; pdf: boolean; wait?: string }): Promise<void> {
  checkOutputLocation(opts.out, { command: 'rollout settle', inputs: [opts.store] });
  const store = await openStore(opts.store, storeOptions(opts.wait));
  let outcome;
  try {
    outcome = await settle(store, { period: opts.period, date: opts.date });
  } finally {
    store.close();
  }
  const r = outcome.result;
  const written = await writeSettlementNotes(opts.out, r, { pdf: opts.pdf, inputs: [opts.store] });
  const head = outcome.issued
    ? `Issued ${r.settlementId} on ${r.issuedDate}${r.supersedes ? ` (supersedes ${r.supersedes.settlementId}; difference ${kr(r.totals.difference ?? 0)})` : ''}`
    : `Unchanged: ${r.settlementId} issued on ${r.issuedDate} still holds (same data); its notes were written again${opts.date !== r.issuedDate ? ` with its issue date ${r.issuedDate}, not ${opts.date}` : ''}`;
  const lines = [head, ...r.municipalities.map((m) => `  ${m.id}: ${m.citizens} citizens, payment ${kr(m.payment)}${m.difference ? ` (difference ${kr(m.difference)})` : ''}`), `Total ${kr(r.totals.payment)} for ${r.totals.citizens} citizens`];
  for (const p of written.pdf) if (!p.written) lines.push(`Note: ${p.notice}`);
  if (outcome.laterPeriodsToResettle.length) lines.push(`Note: ${outcome.laterPeriodsToResettle.join(', ')} were settled on the superseded version; settle them again to carry the change forward`);
  lines.push(`Wrote ${written.output.files.length} files to ${opts.out} (CONFIDENTIAL: exact counts)`);
  printLines(lines);
}
