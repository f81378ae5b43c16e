/** A report's index.html and its sections as plain text, for tests that read what the report says. */
import type { AnalysisResults, Lang } from '../../src/analysis/results/types.ts';
import { buildReport } from '../../src/report/index.ts';

/** index.html of the report in one language (no economics, no PNGs). */
export async function reportHtml(results: AnalysisResults, lang: Lang): Promise<string> {
  const built = await buildReport(results, null, { lang, date: '2026-11-27', png: false });
  return String(built.artefacts.find((a) => a.name === 'index.html')!.content);
}

/** One section (`<section id="…">`) as plain text: tags and scripts dropped, spaces collapsed. */
export function sectionText(html: string, id: string): string {
  const from = html.indexOf(`<section id="${id}">`);
  if (from < 0) throw new Error(`no section "${id}"`);
  return html.slice(from, html.indexOf('</section>', from)).replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ');
}
