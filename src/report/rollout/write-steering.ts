/**
 * Writes the steering-group reports of one period: for every municipality of the contract a
 * Danish and an English page (and PDFs when Chromium is there), all or nothing.
 */
import { join } from 'node:path';
import { writeOutputFolder, type WrittenOutput } from '../../data/io/output-folder.ts';
import type { SettlementResult } from '../../rollout/settle/types.ts';
import { renderSvgWithWarnings } from '../render/svg.ts';
import { renderPdf, type PdfOutcome } from '../render/pdf.ts';
import { isSmallCount } from '../i18n/format.ts';
import type { PublicStatus } from './status-public.ts';
import { funnelChart } from './funnel-chart.ts';
import { municipalityFileNames, steeringReportHtml, type SettledPayment } from './steering-report.ts';

export interface SteeringOptions {
  readonly period: string;
  readonly date: string | null;
  readonly pdf?: boolean;
  readonly inputs?: readonly string[];
}

function settledFor(municipality: string, settlements: readonly SettlementResult[]): SettledPayment[] {
  return settlements.flatMap((r) => {
    const m = r.municipalities.find((x) => x.id === municipality);
    if (!m) return [];
    const hidden = m.lines.some((l) => isSmallCount(l.citizens) || isSmallCount(l.achieved) || isSmallCount(l.citizens - l.achieved));
    return [{ period: r.period.id, settlementId: r.settlementId, version: r.version, payment: m.payment, hidden }];
  });
}

export async function writeSteeringReports(out: string, status: PublicStatus, municipalities: readonly string[], settlements: readonly SettlementResult[], o: SteeringOptions): Promise<{ output: WrittenOutput; pdf: PdfOutcome[] }> {
  const pdf: PdfOutcome[] = [];
  const fileNames = municipalityFileNames(municipalities);
  const output = await writeOutputFolder(out, async (stage) => {
    for (const muni of municipalities) {
      for (const lang of ['da', 'en'] as const) {
        const funnels = new Map<string, string>();
        for (const f of status.funnel) {
          const m = status.metrics.find((x) => x.id === f.metric)!;
          funnels.set(f.metric, (await renderSvgWithWarnings(funnelChart(f, m.name[lang], lang, muni))).svg);
        }
        const name = `${fileNames.get(muni)}-${o.period}.${lang}`;
        stage.write(`${name}.html`, steeringReportHtml({ status, municipality: muni, period: o.period, date: o.date, funnels, settled: settledFor(muni, settlements) }, lang));
        if (o.pdf !== false) {
          const p = await renderPdf(join(stage.dir, `${name}.html`), { date: o.date });
          pdf.push(p);
          if (p.written) stage.write(`${name}.pdf`, p.bytes);
        }
      }
    }
  }, { command: 'rollout report', inputs: o.inputs });
  return { output, pdf };
}
