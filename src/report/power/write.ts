/**
 * `effekt power --out <dir>`: power.json, the power curve (Vega-Lite spec and SVG) and the
 * planning note, each in Danish and English, swapped in as a whole folder
 * (src/data/io/output-folder.ts) — never half written.
 */
import { writeOutputFiles, type OutputFile } from '../../data/io/output-folder.ts';
import type { Lang } from '../../analysis/results/types.ts';
import type { TrialProvenance } from '../../analysis/power/apply-defaults.ts';
import type { PowerInput, PowerResult } from '../../stats/power/types.ts';
import { renderSvg } from '../render/svg.ts';
import { powerCurve, powerCurveSpec } from './curve.ts';
import { planningNoteHtml } from './note.ts';

export interface PowerOutputs {
  readonly input: PowerInput;
  readonly result: PowerResult;
  readonly fromTrial: TrialProvenance | null;
}

const LANGS: readonly Lang[] = ['da', 'en'];

/** Every file of the output folder, built in memory. */
export async function powerOutputFiles(o: PowerOutputs): Promise<OutputFile[]> {
  const curve = powerCurve(o.input, o.result);
  const files: OutputFile[] = [{ name: 'power.json', content: `${JSON.stringify({ ...o.result, fromTrial: o.fromTrial, curve }, null, 2)}\n` }];
  for (const lang of LANGS) {
    const spec = powerCurveSpec(curve, lang, o.result.design === 'single-arm');
    const svg = await renderSvg(spec);
    files.push({ name: `power-curve.${lang}.vl.json`, content: `${JSON.stringify(spec, null, 2)}\n` });
    files.push({ name: `power-curve.${lang}.svg`, content: svg });
    files.push({ name: `planning-note.${lang}.html`, content: planningNoteHtml({ result: o.result, fromTrial: o.fromTrial, curveSvg: svg }, lang) });
  }
  return files;
}

export async function writePowerOutputs(dir: string, o: PowerOutputs, inputs: readonly string[] = []): Promise<string[]> {
  const written = await writeOutputFiles(dir, await powerOutputFiles(o), { command: 'power', inputs });
  return [...written.files];
}
