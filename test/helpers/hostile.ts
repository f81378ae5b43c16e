/**
 * Hostile strings for injection tests, and the twin's results/economics with them in every
 * field a reader sees: arm labels and names, municipality and level names, loss reasons, the
 * trial and outcome names, the outcome's unit, file names and hashes. A report built from these must show them as
 * text and nothing else.
 */
import { readFileSync } from 'node:fs';
import type { AnalysisResults } from '../../src/analysis/results/types.ts';
import type { EconomicsResult } from '../../src/economics/run.ts';

/** Each payload sets window.__pwned (or opens a dialog) if it ever runs. */
export const payloads = [
  '<img src=x onerror="window.__pwned=1;alert(1)">',
  '"><script>window.__pwned=2;alert(2)</script>',
  '</script><script>window.__pwned=3</script>',
  '<!--<script>window.__pwned=4</script>-->',
  "'><svg onload=\"window.__pwned=5\">",
  '<a href="javascript:window.__pwned=6">x</a>',
  '<iframe src="javascript:alert(7)"></iframe>',
  '<b id="injected">bold</b>',
  '{{constructor.constructor("window.__pwned=8")()}}',
  '<style>body{background:url(http://evil.example/x)}</style>',
  '<base href="http://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=http://evil.example/">',
] as const;

const pick = (i: number) => payloads[i % payloads.length];

/** Appends a payload to every Localised text ({da, en}) and every `name`/`label`/`level` string in a JSON value. */
function poison<T>(value: T, counter = { i: 0 }): T {
  if (Array.isArray(value)) return value.map((v) => poison(v, counter)) as T;
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 2 && typeof o.da === 'string' && typeof o.en === 'string') {
    const p = pick(counter.i++);
    return { da: `${o.da} ${p}`, en: `${o.en} ${p}` } as T;
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = poison(o[k], counter);
  return out as T;
}

/** JSON text with every quoted occurrence of `from` replaced by `to` (labels used as keys and values alike). */
function renameEverywhere(text: string, from: string, to: string): string {
  return text.split(JSON.stringify(from)).join(JSON.stringify(to));
}

export const hostileArms = { control: `SAU ${payloads[0]}`, intervention: `PEER ${payloads[1]}` } as const;

export function hostileResults(resultsFile: string): AnalysisResults {
  let text = readFileSync(resultsFile, 'utf8');
  text = renameEverywhere(text, 'SAU', hostileArms.control);
  text = renameEverywhere(text, 'PEER', hostileArms.intervention);
  text = renameEverywhere(text, 'Fredericia', `Fredericia ${payloads[2]}`);
  text = renameEverywhere(text, 'moved', `moved ${payloads[3]}`);
  text = renameEverywhere(text, 'female', `female ${payloads[4]}`);
  const parsed = JSON.parse(text) as AnalysisResults;
  // A declared unit (results.json ≥ 1.6.0) is printed after every difference of means: poisoned like any label.
  const withUnit = { ...parsed, labels: { ...parsed.labels!, units: { qpr15: { da: 'QPR-point', en: 'QPR points' } } } };
  const r = poison(withUnit);
  const input = { dataFile: `/data/peer${payloads[0]}.csv`, specFile: `peer${payloads[5]}.spec.json`, dataSha256: `${r.input.dataSha256}${payloads[6]}`, specSha256: `${r.input.specSha256}${payloads[7]}` };
  return { ...r, input };
}

export function hostileEconomics(economicsFile: string): EconomicsResult {
  const e = poison(JSON.parse(readFileSync(economicsFile, 'utf8')) as EconomicsResult);
  // The report checks that the economics belong to these results by trial id, which stays as it was.
  return e;
}
