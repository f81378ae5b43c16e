/** status.json and one funnel plot per payment metric (Vega-Lite, SVG, PNG, Danish and English), written all or nothing. */
import { writeOutputFolder } from '../../data/io/output-folder.ts';
import { toJson } from '../../data/io/flat-table.ts';
import { renderSvgWithWarnings } from '../render/svg.ts';
import { renderPng } from '../render/png.ts';
import type { PublicStatus } from './status-public.ts';
import { funnelChart } from './funnel-chart.ts';

export async function writeStatusFolder(out: string, s: PublicStatus, inputs: readonly string[]): Promise<readonly string[]> {
  const written = await writeOutputFolder(out, async (stage) => {
    stage.write('status.json', toJson(s));
    for (const f of s.funnel) {
      const m = s.metrics.find((x) => x.id === f.metric)!;
      for (const lang of ['da', 'en'] as const) {
        const spec = funnelChart(f, m.name[lang], lang);
        const { svg } = await renderSvgWithWarnings(spec);
        const base = `charts/funnel-${f.metric}.${lang}`;
        stage.write(`${base}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
        stage.write(`${base}.svg`, svg);
        stage.write(`${base}.png`, renderPng(svg));
      }
    }
  }, { command: 'rollout status', inputs });
  return written.files;
}
