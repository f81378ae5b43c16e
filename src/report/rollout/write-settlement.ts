/**
 * Writes an issued settlement's notes into an output folder, all or nothing (the output-folder
 * helper builds beside --out and swaps): settlement JSON, the note in Danish (afregning) and
 * English as HTML and PDF, the lines and the counts per group as CSV, the other tables as XLSX. Everything is a function of
 * the issued settlement and its date: the same settlement gives the same bytes (the PDF's dates
 * are the issue date).
 */
import { join } from 'node:path';
import { writeOutputFolder, type WrittenOutput } from '../../data/io/output-folder.ts';
import { tableToCsv, tablesToXlsx, toJson } from '../../data/io/flat-table.ts';
import type { SettlementResult } from '../../rollout/settle/types.ts';
import { renderPdf, type PdfOutcome } from '../render/pdf.ts';
import { settlementNoteHtml } from './settlement-note.ts';
import { settlementTables } from './settlement-tables.ts';

export interface WriteNotesOptions {
  readonly pdf?: boolean;
  readonly chromiumPath?: string;
  /** Files the command read (the store): --out may not be or hold them. */
  readonly inputs?: readonly string[];
}

export interface WrittenNotes {
  readonly output: WrittenOutput;
  readonly pdf: readonly PdfOutcome[];
}

export function noteNames(r: SettlementResult): { da: string; en: string; base: string } {
  return { da: `afregning-${r.settlementId}.da`, en: `settlement-${r.settlementId}.en`, base: `settlement-${r.settlementId}` };
}

export async function writeSettlementNotes(out: string, r: SettlementResult, options: WriteNotesOptions = {}): Promise<WrittenNotes> {
  const names = noteNames(r);
  const pdfs: PdfOutcome[] = [];
  const tables = settlementTables(r);
  const output = await writeOutputFolder(out, async (stage) => {
    stage.write(`${names.base}.json`, toJson(r));
    for (const lang of ['da', 'en'] as const) {
      const file = `${names[lang]}.html`;
      stage.write(file, settlementNoteHtml(r, lang));
      if (options.pdf !== false) {
        const pdf = await renderPdf(join(stage.dir, file), { chromiumPath: options.chromiumPath, date: r.issuedDate });
        pdfs.push(pdf);
        if (pdf.written) stage.write(`${names[lang]}.pdf`, pdf.bytes);
      }
    }
    stage.write(`${names.base}.csv`, tableToCsv(tables[0]));
    // Counts per group (one row per municipality × metric × group: thousands nationally) as CSV;
    // the workbook holds the other tables (exceljs takes seconds for the group rows).
    stage.write(`${names.base}-groups.csv`, tableToCsv(tables.find((t) => t.name === 'groups')!));
    stage.write(`${names.base}.xlsx`, await tablesToXlsx(tables.filter((t) => t.name !== 'groups')));
  }, { command: 'rollout settle', inputs: options.inputs });
  return { output, pdf: pdfs };
}
